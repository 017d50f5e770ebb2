/// Lets at most `limit` operations run at once; the others wait in arrival order. Cancelling a waiting task
/// stops its wait.
actor ConcurrencyLimiter {
    private let limit: Int
    private var running = 0
    private var waiting: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `operation` once a slot is free.
    func run<T: Sendable, E: Error>(_ operation: @Sendable () async throws(E) -> T) async throws(E) -> T {
        let holdsSlot = await acquire()
        defer { if holdsSlot { release() } }
        return try await operation()
    }

    /// Waits for a slot; `false` when the wait was cancelled (the caller then runs without one and fails
    /// promptly on its own cancellation check).
    private func acquire() async -> Bool {
        if running < limit {
            running += 1
            return true
        }
        nextID += 1
        let id = nextID
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in waiting.append((id, continuation)) }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().continuation.resume(returning: true)  // the slot passes on
        }
    }

    private func cancel(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }
}
