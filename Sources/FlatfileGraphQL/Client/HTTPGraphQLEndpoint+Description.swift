/// An endpoint's headers often carry credentials (`Authorization`, API keys): `print`, `dump` and debuggers show
/// the URL and the header names, never the values.
///
/// ```swift
/// print(HTTPGraphQLEndpoint(url: url, headers: ["Authorization": "Bearer …"]))
/// // HTTPGraphQLEndpoint(url: https://api.example.com/graphql, headers: [Authorization: [redacted]])
/// ```
extension HTTPGraphQLEndpoint: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let names = redactedHeaders.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let provider = tokenProvider.map { ", token: \($0.credentialKind) (\($0.credentialHint))" } ?? ""
        return "HTTPGraphQLEndpoint(url: \(url.safeDescription), headers: [\(names)]\(provider))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "url": url.safeDescription, "headers": redactedHeaders,
            "credential": tokenProvider.map { "\($0.credentialKind) (\($0.credentialHint))" } ?? "none",
        ])
    }

    /// Header names in order, each value replaced.
    private var redactedHeaders: [(key: String, value: String)] {
        headers.keys.sorted().map { ($0, Redactor.placeholder) }
    }
}
