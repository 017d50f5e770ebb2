/// The live account of one sandbox server. Reads take a snapshot (cheap: the data is made of copy-on-write
/// arrays) and run without holding the lock; each mutation runs under the lock, so a later request sees it.
final class SandboxStore: Sendable {
    private let data: Locked<SandboxData>

    init(seed: UInt64) {
        data = Locked(SandboxData.seeded(seed: seed))
    }

    func snapshot() -> SandboxData {
        data.withLock { $0 }
    }

    func mutate<Result>(_ change: (inout SandboxData) throws -> Result) rethrows -> Result {
        try data.withLock(change)
    }
}
