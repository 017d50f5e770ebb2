import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension GraphQLClientError: LocalizedError, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong and what to do about it, in one or two sentences.
    public var description: String {
        switch self {
        case .transport(let failure): failure.description
        case .httpStatus(let failure): failure.description
        case .authentication(let failure): failure.description
        case .graphQL(let failure): failure.description
        case .decoding(let failure): failure.description
        case .encoding(let failure): failure.description
        case .configuration(let failure): failure.description
        }
    }

    public var debugDescription: String { "GraphQLClientError: \(description)" }
    public var errorDescription: String? { description }
}

extension TransportFailure: CustomStringConvertible {
    public var description: String {
        let tries = attempts > 1 ? " (after \(attempts) attempts)" : ""
        switch kind {
        case .cannotConnect:
            return "Could not connect to \(url)\(tries): \(underlying). Check the URL and your network connection."
        case .connectionLost:
            return "The connection to \(url) was lost before the answer was complete\(tries): \(underlying). "
                + "Try again; if it keeps happening, check proxies and the server's health."
        case .timedOut:
            return "No answer from \(url) within the timeout\(tries). "
                + "Try again later, or raise GraphQLClientOptions.timeout (fgql: --timeout SECONDS) for slow operations."
        case .tls:
            return "The secure connection to \(url) failed: \(underlying). "
                + "Check the server's certificate and the system clock."
        case .responseTooLarge:
            return "The answer from \(url) is too large: \(underlying). Raise GraphQLClientOptions.maximumResponseBytes "
                + "(fgql: --max-response-bytes N) if answers this large are expected."
        case .cancelled:
            return "The request to \(url) was cancelled."
        case .other:
            return "The request to \(url) failed\(tries): \(underlying)."
        }
    }
}

extension HTTPStatusFailure: CustomStringConvertible {
    public var description: String {
        var text = "\(url) answered HTTP \(statusCode) \(HTTPStatus.reasonPhrase(statusCode))"
        if let serverMessage, !serverMessage.isEmpty {
            text += ": \(serverMessage)"
        } else if !bodyExcerpt.isEmpty {
            text += ": \(bodyExcerpt)"
        } else {
            text += " with an empty body"
        }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text + ". " + advice
    }

    private var advice: String {
        switch statusCode {
        case 400: "The server did not accept the request; check the document and variables."
        case 403: "The credentials are valid but not allowed to do this; check the key's environment and permissions."
        case 404: "Check the API URL (FLATFILE_API_URL or --endpoint)."
        case 429: "The server is rate-limiting requests; wait and try again, or lower the request rate."
        case 500...599: "The server failed; try again later."
        default: "Check the API URL and the request."
        }
    }
}

extension AuthenticationFailure: CustomStringConvertible {
    public var description: String {
        var text = "Authentication failed"
        text += stage == .tokenExchange ? " exchanging the \(credentialKind)" : " with the \(credentialKind)"
        if let credentialHint { text += " (\(credentialHint))" }
        text += " at \(url)"
        if let statusCode { text += ": HTTP \(statusCode)" }
        if let serverMessage, !serverMessage.isEmpty { text += (statusCode == nil ? ": " : ", ") + serverMessage }
        text += ". "
        let variables = credentialKind.environmentVariables
        if stage == .request && credentialKind.isExchanged {
            text += "A freshly exchanged token was refused too; the credentials may lack access to this API."
        } else if !variables.isEmpty {
            text += "Check \(variables.joined(separator: " and ")) (or the credentials passed to the client)."
        } else {
            text += "Check the credentials in the configured headers."
        }
        return text
    }
}

extension GraphQLErrorsFailure: CustomStringConvertible {
    public var description: String {
        let subject = operationName.map { "The operation \($0)" } ?? "The operation"
        let count = errors.count == 1 ? "an error" : "\(errors.count) errors"
        let list = errors.prefix(5).map { "  - \($0)" }.joined(separator: "\n")
        let more = errors.count > 5 ? "\n  … and \(errors.count - 5) more" : ""
        let partial = (data.map { !$0.isNull } ?? false) ? " (partial data was returned)" : ""
        return "\(subject) returned \(count)\(partial):\n\(list)\(more)"
    }
}

extension DecodingFailure: CustomStringConvertible {
    public var description: String {
        let status = statusCode.map { " (HTTP \($0))" } ?? ""
        if path.isEmpty {
            return "The response\(status) could not be read: \(message)."
        }
        return "The response\(status) does not match the expected type at \(path): \(message). "
            + "Regenerate the code from the current schema, or check the server's schema."
    }
}

extension EncodingFailure: CustomStringConvertible {
    public var description: String {
        "The variables of \(operationName) could not be encoded as JSON: \(message)."
    }
}

extension ConfigurationFailure: CustomStringConvertible {
    public var description: String { "\(problem) \(fix)" }
}

enum HTTPStatus {
    static func reasonPhrase(_ statusCode: Int) -> String {
        HTTPURLResponse.localizedString(forStatusCode: statusCode).capitalized
    }
}
