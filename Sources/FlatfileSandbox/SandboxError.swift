/// Why a sandbox could not start.
public enum SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `SandboxConfiguration` value is out of range; the message names it.
    case invalidConfiguration(String)
    /// The schema text does not build or is not a valid schema; one message per problem.
    case invalidSchema([String])
    /// The server could not listen on the configured host and port.
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message):
            "Invalid sandbox configuration: \(message)"
        case .invalidSchema(let problems):
            "The sandbox's GraphQL schema is invalid:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .cannotListen(let host, let port, let reason):
            "The sandbox cannot listen on \(host):\(port): \(reason). Pick another port, or port 0 for a free one."
        }
    }
}
