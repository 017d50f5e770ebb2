/// Why a query or mutation could not be answered from the sandbox's data; becomes a GraphQL error whose
/// `extensions.code` is `code`.
struct SandboxDataError: Error, CustomStringConvertible, Sendable {
    enum Code: String, Sendable {
        case notFound = "NOT_FOUND"
        case badInput = "BAD_USER_INPUT"
    }

    let code: Code
    let message: String

    var description: String { message }

    static func notFound(_ kind: String, _ id: String) -> SandboxDataError {
        SandboxDataError(code: .notFound, message: "\(kind) \"\(id)\" was not found, or your credentials cannot see it")
    }

    static func badInput(_ message: String) -> SandboxDataError {
        SandboxDataError(code: .badInput, message: message)
    }
}
