import Foundation

/// Removes secrets from text a server sent before it is shown anywhere: error messages, `extensions`, HTTP body
/// excerpts. It removes the known secrets of the current credentials, the bearer token in use and the values of the
/// caller's own headers, anything shaped like a JWT, and whatever follows `Bearer `.
///
/// This is the one place that rule lives; every path that hands server text to a caller goes through it:
///
/// ```swift
/// let redactor = Redactor(headers: ["X-Hasura-Admin-Secret": "s3cr3t-admin"], tokenProvider: store)
///     .adding([token.value])
/// let safe = redactor.redact(response)          // errors[].message, errors[].extensions, extensions
/// let line = redactor.redact("denied for s3cr3t-admin")   // "denied for [redacted]"
/// ```
struct Redactor: Sendable {
    static let placeholder = "[redacted]"
    /// Shorter strings are not searched for: they would match ordinary words.
    private static let shortestSecret = 6

    private var secrets: [String]

    init(secrets: [String] = []) {
        // Longest first, so a secret containing another is replaced whole.
        self.secrets = Array(Set(secrets.filter { $0.count >= Self.shortestSecret })).sorted { $0.count > $1.count }
    }

    /// A redactor for requests carrying `headers` and the credentials behind `tokenProvider`.
    init(headers: [String: String], tokenProvider: (any AccessTokenProvider)? = nil) {
        let credentialSecrets = (tokenProvider as? FlatfileTokenStore)?.credentials.secrets ?? []
        self.init(secrets: Self.secrets(inHeaders: headers) + credentialSecrets)
    }

    /// The values of every header but the request's own content headers (`RedirectPolicy.contentHeaders`), and the
    /// token part of `Bearer …`: any header a caller adds may carry a credential (`X-Hasura-Admin-Secret`,
    /// `PRIVATE-TOKEN`, `X-Auth-Token`, …), whatever its name.
    static func secrets(inHeaders headers: [String: String]) -> [String] {
        headers.flatMap { name, value -> [String] in
            guard !RedirectPolicy.contentHeaders.contains(name.lowercased()) else { return [] }
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            return [value] + (parts.count == 2 ? [parts[1]] : [])
        }
    }

    /// A redactor that also removes `more`.
    func adding(_ more: [String]) -> Redactor {
        Redactor(secrets: secrets + more)
    }

    func redact(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        text = text.replacing(/eyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]*(\.[A-Za-z0-9_\-]*)?/, with: Self.placeholder)
        text = text.replacing(/(?i)(bearer\s+)[^\s"',;]+/) { match in match.output.1 + Self.placeholder }
        return text
    }

    /// `json` with every string and member name redacted.
    func redact(_ json: JSONValue) -> JSONValue {
        switch json {
        case .string(let text): .string(redact(text))
        case .array(let elements): .array(elements.map { redact($0) })
        case .object(let object): .object(redact(object))
        case .null, .bool, .int, .double: json
        }
    }

    func redact(_ object: JSONObject) -> JSONObject {
        JSONObject(object.map { (redact($0.key), redact($0.value)) })
    }

    /// What a server said about the operation, redacted: each error's message and extensions, and the response's
    /// extensions. `data` stays as it is: it is what the operation asked for.
    func redact(_ response: GraphQLResponse) -> GraphQLResponse {
        var response = response
        response.errors = response.errors.map { error in
            var error = error
            error.message = redact(error.message)
            error.extensions = error.extensions.map { redact($0) }
            return error
        }
        response.extensions = response.extensions.map { redact($0) }
        return response
    }
}

// A redactor holds the very secrets it hides: `print`, `dump` and debuggers show how many, never which.
extension Redactor: CustomStringConvertible, CustomReflectable {
    var description: String { "Redactor(\(secrets.count) secrets)" }
    var customMirror: Mirror { Mirror(self, children: ["secrets": "\(secrets.count) redacted"]) }
}
