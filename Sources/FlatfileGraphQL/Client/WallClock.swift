import Foundation

/// What time it is, for the decisions that depend on the calendar: when a token expires or must be refreshed, and
/// until when an HTTP-date `Retry-After` says to wait. The system clock unless a test supplies its own, so token
/// lifetimes can be tested by moving a clock instead of waiting for one.
///
/// ```swift
/// var options = GraphQLClientOptions()
/// options.clock = WallClock { fixedDate }
/// ```
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The system's clock.
    public static let system = WallClock { Date() }
}
