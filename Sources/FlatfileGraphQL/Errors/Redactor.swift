import Foundation

/// Removes secrets from text that may end up in an error message: the known secrets of the current credentials
/// and headers, anything shaped like a JWT, and whatever follows `Bearer `.
struct Redactor: Sendable {
    static let placeholder = "[redacted]"
    /// Shorter strings are not searched for: they would match ordinary words.
    private static let shortestSecret = 6

    private var secrets: [String]

    init(secrets: [String] = []) {
        self.secrets = secrets.filter { $0.count >= Self.shortestSecret }
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
}

// A redactor holds the very secrets it hides: `print`, `dump` and debuggers show how many, never which.
extension Redactor: CustomStringConvertible, CustomReflectable {
    var description: String { "Redactor(\(secrets.count) secrets)" }
    var customMirror: Mirror { Mirror(self, children: ["secrets": "\(secrets.count) redacted"]) }
}
