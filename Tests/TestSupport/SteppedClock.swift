import Foundation

/// A `Clock` whose time moves only when a test says so: timers under test (a keep-alive's ping interval and
/// timeout) sleep on it, and the test waits until they are asleep, then steps past their deadlines instead of
/// sleeping itself.
///
/// ```swift
/// let clock = SteppedClock()
/// options.subscriptions.keepAlive = SubscriptionKeepAlive(pingInterval: .seconds(30), timeout: .seconds(10), clock: clock)
/// await clock.step(by: .seconds(30))   // once the keep-alive sleeps: its ping goes out
/// ```
package final class SteppedClock: Clock, @unchecked Sendable {
    package struct Instant: InstantProtocol {
        var offset: Duration

        package func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        package func duration(to other: Instant) -> Duration { other.offset - offset }
        package static func < (left: Instant, right: Instant) -> Bool { left.offset < right.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    // Every mutable member is guarded by `lock`.
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [UUID: Sleeper] = [:]
    private var sleeperWaiters: [CheckedContinuation<Void, Never>] = []

    package init() {}

    package var now: Instant { lock.withLock { current } }
    package var minimumResolution: Duration { .zero }

    package func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (due, waiters): (Bool, [CheckedContinuation<Void, Never>]) = lock.withLock {
                    if Task.isCancelled || deadline <= current { return (true, []) }
                    sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    defer { sleeperWaiters.removeAll() }
                    return (false, sleeperWaiters)
                }
                waiters.forEach { $0.resume() }
                if due {
                    if Task.isCancelled { continuation.resume(throwing: CancellationError()) } else { continuation.resume() }
                }
            }
        } onCancel: {
            lock.withLock { sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Waits until something sleeps on the clock, then moves it forward by `duration`, waking every sleeper
    /// whose deadline has come.
    package func step(by duration: Duration) async {
        await waitForASleeper()
        let due: [Sleeper] = lock.withLock {
            current = current.advanced(by: duration)
            let due = sleepers.filter { $0.value.deadline <= current }
            for id in due.keys { sleepers.removeValue(forKey: id) }
            return Array(due.values)
        }
        due.forEach { $0.continuation.resume() }
    }

    /// Waits until something sleeps on the clock: a timer that woke has made its decision and set itself again.
    package func waitForASleeper() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let asleep = lock.withLock {
                if sleepers.isEmpty { sleeperWaiters.append(continuation) }
                return !sleepers.isEmpty
            }
            if asleep { continuation.resume() }
        }
    }
}
