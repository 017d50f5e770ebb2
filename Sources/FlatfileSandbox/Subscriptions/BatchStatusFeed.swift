/// In-process publish/subscribe of batch status changes, keyed by batch id: what `batchStatusUpdated` streams.
///
/// Each subscriber has a bounded buffer: a subscriber that stops reading keeps the newest `bufferSize` changes
/// and loses older ones, so one stalled socket never grows the server's memory.
final class BatchStatusFeed: Sendable {
    /// A batch as it was right after a change, in the shape the `Batch` type resolves from.
    typealias Snapshot = [String: any Sendable]

    static let bufferSize = 64

    private struct Subscriber {
        let batchId: String
        let continuation: AsyncStream<Snapshot>.Continuation
    }

    private let subscribers = Locked<[Int: Subscriber]>([:])
    private let nextId = Locked(0)

    /// The changes of `batchId` from now on; the stream ends when its consumer stops iterating.
    func updates(of batchId: String) -> AsyncStream<Snapshot> {
        let id = nextId.withLock { value in
            value += 1
            return value
        }
        let (stream, continuation) = AsyncStream.makeStream(
            of: Snapshot.self, bufferingPolicy: .bufferingNewest(Self.bufferSize))
        continuation.onTermination = { [subscribers] _ in
            _ = subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = Subscriber(batchId: batchId, continuation: continuation) }
        return stream
    }

    /// Hands `snapshot` to every subscriber of `batchId`. Called under the store's lock, so subscribers see the
    /// changes in the order the mutations made them.
    func publish(_ snapshot: Snapshot, of batchId: String) {
        let receivers = subscribers.withLock { $0.values.filter { $0.batchId == batchId }.map(\.continuation) }
        for receiver in receivers { receiver.yield(snapshot) }
    }

    /// How many streams are open, for the server's statistics.
    var subscriberCount: Int { subscribers.withLock { $0.count } }
}
