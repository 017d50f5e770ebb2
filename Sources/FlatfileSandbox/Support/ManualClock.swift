import Foundation

/// A clock that moves only when told: a test gives its `now` to the sandbox (`SandboxConfiguration.now`) and to
/// the client (`GraphQLClientOptions.clock`), then advances it past a token's lifetime instead of sleeping.
///
/// ```swift
/// let clock = ManualClock()
/// try await withSandbox(SandboxConfiguration(maximumTokenLifetime: .seconds(12), now: clock.now)) { sandbox in
///     // … fetch once, then:
///     clock.advance(by: .seconds(13))   // the token has expired, for the sandbox and the client alike
/// }
/// ```
public final class ManualClock: Sendable {
    private let current: Locked<Date>

    /// A clock that starts at `start` (by default the real time now, so tokens look ordinary).
    public init(start: Date = Date()) {
        current = Locked(start)
    }

    /// The clock's time; pass it where a `() -> Date` is asked for.
    public var now: @Sendable () -> Date {
        { [current] in current.withLock { $0 } }
    }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration.seconds) }
    }
}
