import ArgumentParser
import FlatfileGraphQL

/// How a command failed, mapped to the documented exit codes:
/// 0 ok, 1 GraphQL errors, 2 usage or validation, 3 authentication, 4 network or HTTP.
enum CommandFailure: Error, CustomStringConvertible {
    /// The response carried GraphQL errors (data, if any, was still printed).
    case graphQL(String)
    /// Bad flags, files, variables, or a document that does not validate.
    case usage(String)
    /// Credentials missing or refused.
    case authentication(String)
    /// The server could not be reached or answered with an HTTP error.
    case network(String)

    var description: String {
        switch self {
        case .graphQL(let message), .usage(let message), .authentication(let message), .network(let message):
            message
        }
    }

    /// The failure for whatever a request threw: client errors by their class, anything unforeseen as a network
    /// failure (it happened while talking to the server).
    init(caught error: any Error) {
        switch error {
        case let failure as CommandFailure: self = failure
        case let clientError as GraphQLClientError: self.init(clientError)
        default: self = .network("\(error)")
        }
    }

    /// The same failure with `note` on a line of its own after the message.
    func adding(_ note: String) -> CommandFailure {
        let message = description + "\n" + note
        return switch self {
        case .graphQL: .graphQL(message)
        case .usage: .usage(message)
        case .authentication: .authentication(message)
        case .network: .network(message)
        }
    }

    /// Also the status of ArgumentParser's own usage errors (see `FGQL.main()`).
    static let usageExitCode = ExitCode(2)

    var exitCode: ExitCode {
        switch self {
        case .graphQL: ExitCode(1)
        case .usage: Self.usageExitCode
        case .authentication: ExitCode(3)
        case .network: ExitCode(4)
        }
    }
}
