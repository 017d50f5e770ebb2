/// How generated code reads and writes a scalar that has a wire format (a `Date` as ISO 8601 text or epoch
/// milliseconds): through the runtime's `GraphQLFormatted<Format>`, unwrapped, so that properties, parameters and
/// memberwise initializers keep the plain type.
///
/// ```swift
/// self.reminders = try container.decode([GraphQLFormatted<GraphQLDateFormat.ISO8601>].self, forKey: .reminders).map { $0.value }
/// try container.encode(self.endsAt.map { GraphQLFormatted<GraphQLDateFormat.ISO8601>($0) }, forKey: .endsAt)
/// ```
enum FormattedScalars {
    /// `try container.decode(T.self, forKey: .key)` (`decodeIfPresent` for an optional), through `format` if any.
    static func decodeExpression(_ type: SwiftType, format: String?, key: String) -> String {
        var decoded = type
        var isOptional = false
        if case .optional(let wrapped) = type { (decoded, isOptional) = (wrapped, true) }
        let call = isOptional ? "decodeIfPresent" : "decode"
        guard let format else { return "try container.\(call)(\(decoded.spelling).self, forKey: .\(key))" }
        let unwrap = (isOptional ? "?" : "") + unwrapping(decoded)
        return "try container.\(call)(\(coded(decoded, through: format).spelling).self, forKey: .\(key))\(unwrap)"
    }

    /// What to hand to `encode(_:forKey:)`: the stored value itself, or wrapped in `format`.
    static func encodable(_ stored: String, _ type: SwiftType, format: String?) -> String {
        guard let format else { return stored }
        return wrapping(stored, type, through: format)
    }

    /// `type` with the scalar replaced by its coded form: `[Date?]` → `[GraphQLFormatted<Format>?]`.
    private static func coded(_ type: SwiftType, through format: String) -> SwiftType {
        switch type {
        case .named: .named("GraphQLFormatted<\(format)>")
        case .optional(let wrapped): .optional(coded(wrapped, through: format))
        case .list(let element): .list(coded(element, through: format))
        case .nullable(let wrapped): .nullable(coded(wrapped, through: format))
        }
    }

    /// The suffix that turns a value of the coded type back into `type`: `.value`, `.map { $0?.value }`.
    private static func unwrapping(_ type: SwiftType) -> String {
        switch type {
        case .named: ".value"
        case .optional(let wrapped): "?" + unwrapping(wrapped)
        case .list(let element), .nullable(let element): ".map { $0\(unwrapping(element)) }"
        }
    }

    /// `expression` (of `type`) as the coded type: `GraphQLFormatted<Format>(x)`, `x.map { … }` through wrappers.
    private static func wrapping(_ expression: String, _ type: SwiftType, through format: String) -> String {
        switch type {
        case .named: "GraphQLFormatted<\(format)>(\(expression))"
        case .optional(let wrapped), .list(let wrapped), .nullable(let wrapped):
            "\(expression).map { \(wrapping("$0", wrapped, through: format)) }"
        }
    }
}
