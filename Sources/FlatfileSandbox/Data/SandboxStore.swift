/// The live account of one sandbox server. Reads take a snapshot (cheap: the data is made of copy-on-write
/// arrays) and run without holding the lock; each mutation runs under the lock, so a later request sees it.
final class SandboxStore: Sendable {
    private let data: Locked<SandboxData>
    /// Every batch status change a mutation makes, for `batchStatusUpdated` subscribers.
    let batchStatusFeed = BatchStatusFeed()

    init(seed: UInt64) {
        data = Locked(Self.seededData(seed: seed))
    }

    /// Seeding 25,000 rows is most of a server's start-up, and tests start hundreds of servers in one process:
    /// servers with the same seed start from one shared copy-on-write value, so each server's mutations stay its own.
    private static let seededAccounts = Locked<[UInt64: SandboxData]>([:])

    private static func seededData(seed: UInt64) -> SandboxData {
        if let cached = seededAccounts.withLock({ $0[seed] }) { return cached }
        let data = SandboxData.seeded(seed: seed)
        seededAccounts.withLock { $0[seed] = data }
        return data
    }

    func snapshot() -> SandboxData {
        data.withLock { $0 }
    }

    /// Runs `change` under the lock, then publishes the batch status changes it made, still under the lock so
    /// that subscribers receive them in the order they happened.
    func mutate<Result>(_ change: (inout SandboxData) throws -> Result) rethrows -> Result {
        try data.withLock { data in
            defer {
                for batch in data.batchStatusChanges {
                    batchStatusFeed.publish(data.output(batch), of: batch.id)
                }
                data.batchStatusChanges.removeAll()
            }
            return try change(&data)
        }
    }
}
