/// The events of a subscription, as `GraphQLClient.subscribe` returns them: each iteration runs the subscription
/// once, from `makeAsyncIterator()` until the iterator is dropped (leaving the loop), the task is cancelled, or
/// the server completes it.
///
/// ```swift
/// for try await event in client.subscribe(BatchStatusUpdatedSubscription(batchId: id)) {
///     if event.batchStatusUpdated?.status == "submitted" { break }   // sends complete; the socket closes if unused
/// }
/// ```
///
/// Unlike an `AsyncThrowingStream`, it ends the subscription as soon as the loop ends, even while the sequence
/// itself is still referenced. Events are buffered until read.
public struct SubscriptionEvents<Element: Sendable>: AsyncSequence, Sendable {
    /// Starts one run of the subscription: its events, and what ends it early.
    let start: @Sendable () -> (events: AsyncThrowingStream<Element, any Error>, end: @Sendable () -> Void)

    public func makeAsyncIterator() -> Iterator {
        let (events, end) = start()
        return Iterator(run: Run(events: events.makeAsyncIterator(), end: end))
    }

    public struct Iterator: AsyncIteratorProtocol {
        fileprivate let run: Run

        public mutating func next() async throws -> Element? {
            try await run.events.next()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> Element? {
            try await run.events.next(isolation: actor)
        }
    }

    /// Ends the subscription when the last copy of its iterator goes away.
    fileprivate final class Run {
        var events: AsyncThrowingStream<Element, any Error>.Iterator
        let end: @Sendable () -> Void

        init(events: AsyncThrowingStream<Element, any Error>.Iterator, end: @escaping @Sendable () -> Void) {
            self.events = events
            self.end = end
        }

        deinit { end() }
    }
}
