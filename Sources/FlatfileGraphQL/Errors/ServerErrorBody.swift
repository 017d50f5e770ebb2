import Foundation

/// Reads the error message out of the bodies Flatfile's servers send:
/// NestJS `{"statusCode":401,"message":"…","error":"Unauthorized"}` (message may be a list),
/// the platform's `{"errors":[{"key":"…","message":"…"}]}`, GraphQL `{"errors":[{"message":"…"}]}`,
/// HTML error pages (their `<title>`), and plain text.
struct ServerErrorBody {
    /// The longest excerpt kept from a body.
    static let excerptLength = 200

    let message: String?
    let excerpt: String

    init(_ body: Data, redactor: Redactor) {
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        excerpt = redactor.redact(Self.collapsingWhitespace(String(text.prefix(Self.excerptLength * 2))))
            .truncated(to: Self.excerptLength)
        if let json = try? JSONValue(parsing: body) {
            message = Self.message(inJSON: json).map { redactor.redact($0).truncated(to: Self.excerptLength) }
        } else if let title = Self.htmlTitle(in: text) {
            message = redactor.redact(title).truncated(to: Self.excerptLength)
        } else {
            message = nil
        }
    }

    private static func message(inJSON json: JSONValue) -> String? {
        if let errors = json["errors"]?.arrayValue, !errors.isEmpty {
            let messages = errors.compactMap { error -> String? in
                guard let message = error["message"]?.stringValue else { return error.stringValue }
                if let key = error["key"]?.stringValue { return "\(key): \(message)" }
                return message
            }
            if !messages.isEmpty { return messages.joined(separator: "; ") }
        }
        var parts: [String] = []
        switch json["message"] {
        case .string(let message): parts.append(message)
        case .array(let messages): parts.append(messages.compactMap(\.stringValue).joined(separator: "; "))
        default: break
        }
        if let error = json["error"]?.stringValue, !parts.contains(error) {
            parts.insert(error, at: 0)
        }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }

    private static func htmlTitle(in text: String) -> String? {
        guard let open = text.range(of: "<title>", options: .caseInsensitive),
              let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        else { return nil }
        let title = collapsingWhitespace(String(text[open.upperBound..<close.lowerBound]))
        return title.isEmpty ? nil : "HTML page \"\(title)\""
    }

    static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension String {
    func truncated(to length: Int) -> String {
        count <= length ? self : String(prefix(length)) + "…"
    }
}
