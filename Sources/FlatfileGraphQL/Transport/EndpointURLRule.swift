import Foundation

/// The one rule for every URL fgql sends a request to — a GraphQL endpoint, a REST call of the platform endpoint, a
/// token exchange, each redirect hop — and for the URLs users give (`--endpoint`, `FLATFILE_API_URL`,
/// `FLATFILE_PLATFORM_URL`):
///
/// - an absolute `https://` URL with a host; `http://` only to this machine (localhost, 127.0.0.0/8, ::1) unless
///   `GraphQLClientOptions.allowInsecureHTTP` (fgql: `--allow-insecure`) allows it;
/// - no `user:password@`: credentials belong in headers or the environment, where they are redacted, and a URL is
///   printed in errors and logs;
/// - no `#fragment`: it is never sent, so a URL holding one is not the URL that would be requested.
///
/// A query string is allowed (some APIs take a version or key there). Every refusal is a
/// `GraphQLClientError.configuration` that names the URL without its user info, query or fragment.
///
/// ```swift
/// let url = try EndpointURLRule.parse(text, source: "--endpoint")   // a user's URL, checked before any request
/// ```
package enum EndpointURLRule {
    /// What every refusal of a URL's shape says to do.
    static let fix = "Use an absolute https:// URL such as https://api.us.flatfile.io (http:// only to localhost, "
        + "127.0.0.1 or ::1), with no user:password@ and no #fragment: credentials go in headers or the environment."

    /// `text` as a URL that passes the rule's shape checks (the plain-HTTP check waits for the request, which knows
    /// whether `allowInsecureHTTP` is set). `source` names where the text came from, such as `FLATFILE_API_URL`.
    package static func parse(_ text: String, source: String) throws(GraphQLClientError) -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: trimmed) else {
            throw refusal(shown: "\"\(shownText(trimmed))\"", context: " in \(source)", reason: "it is not a URL")
        }
        try checkShape(of: url, context: " in \(source)")
        return url
    }

    /// The whole rule, checked before anything is sent to `url`; `source` is the URL that redirected here.
    static func check(_ url: URL, allowInsecureHTTP: Bool, redirectedFrom source: URL? = nil) throws(GraphQLClientError) {
        let hop = source.map { "a redirect from \($0.safeDescription) to " } ?? ""
        try checkShape(of: url, context: source == nil ? "" : " (\(hop)it)")
        guard url.scheme?.lowercased() == "http", !allowInsecureHTTP, !isLoopback(host: url.host ?? "") else { return }
        let action = source == nil ? "send credentials over plain HTTP to" : "follow \(hop)plain HTTP at"
        throw .configuration(ConfigurationFailure(
            problem: "Refusing to \(action) \(url.safeDescription): plain http:// is allowed only to this machine "
                + "(localhost, 127.0.0.1, ::1).",
            fix: "Use an https:// URL, or set GraphQLClientOptions.allowInsecureHTTP (fgql: --allow-insecure) "
                + "if this network is trusted."))
    }

    /// Whether `host` is this machine: `localhost` (and `*.localhost`), 127.0.0.0/8 or `::1`.
    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func checkShape(of url: URL, context: String) throws(GraphQLClientError) {
        let shown = url.safeDescription
        guard let scheme = url.scheme?.lowercased() else {
            throw refusal(shown: "\"\(shownText(url.absoluteString))\"", context: context,
                          reason: "it has no scheme (https://)")
        }
        guard scheme == "https" || scheme == "http" else {
            throw refusal(shown: shown, context: context, reason: "the scheme must be https:// or http://, not \(scheme)://")
        }
        guard let host = url.host, !host.isEmpty else {
            throw refusal(shown: "\"\(shownText(url.absoluteString))\"", context: context, reason: "it has no host")
        }
        if url.user != nil || url.password != nil {
            throw refusal(shown: shown, context: context, reason: "it holds a user name or password (user:password@)")
        }
        if url.fragment != nil {
            throw refusal(shown: shown, context: context, reason: "it has a #fragment, which is never sent")
        }
    }

    private static func refusal(shown: String, context: String, reason: String) -> GraphQLClientError {
        .configuration(ConfigurationFailure(problem: "Unsupported URL \(shown)\(context): \(reason).", fix: fix))
    }

    /// `text` as errors may show it: no user info, query or fragment, which may hold a password or a key.
    private static func shownText(_ text: String) -> String {
        var shown = Substring(text.prefix { $0 != "?" && $0 != "#" })
        if let slashes = shown.range(of: "//"), let at = shown[slashes.upperBound...].firstIndex(of: "@"),
           !shown[slashes.upperBound..<at].contains("/") {
            shown = Substring(String(shown[..<slashes.upperBound]) + "…" + String(shown[at...]))
        }
        return String(shown)
    }
}
