import GraphQL

// GraphQLSwift 4.3.0 gap: nothing bounds nesting. Its parser, validator and executor recurse once per level of
// `{`, `[` or `(`, so a hostile or generated document nested thousands of levels deep overflows the thread's stack
// and ends the process instead of getting an error. Every GraphQL text fgql parses (codegen inputs, the sandbox's
// and the platform endpoint's requests) is checked here first.

/// How deeply GraphQL text nests its braces, brackets and parentheses, checked before the text reaches the GraphQL
/// library's parser.
///
/// ```swift
/// NestingDepth.firstExcess(in: "query Q { a { b } }")   // nil: 2 levels
/// if let error = NestingDepth.error(in: document) { return [error] }   // before parse(source:)
/// ```
public enum NestingDepth {
    /// Far deeper than any real operation or schema, and shallow enough for every stage's recursion to fit in a
    /// secondary thread's 512 KiB stack in a debug build.
    public static let maximum = 100

    /// The UTF-8 offset of the first `{`, `[` or `(` that opens level `maximum + 1`, or `nil` when the text stays
    /// within the limit. Brackets inside strings, block strings and comments do not count, following the lexer's
    /// rules for where each ends (so no text can hide structure from this check).
    public static func firstExcess(in text: String, maximum: Int = maximum) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            var depth = 0
            var index = 0
            func starts(with pattern: StaticString, at position: Int) -> Bool {
                let count = pattern.utf8CodeUnitCount
                guard position + count <= bytes.count else { return false }
                return (0..<count).allSatisfy { bytes[position + $0] == pattern.utf8Start[$0] }
            }
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                    depth += 1
                    if depth > maximum { return index }
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
                    depth = max(0, depth - 1)
                    index += 1
                case UInt8(ascii: "#"):
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") {
                        index += 1
                    }
                case UInt8(ascii: "\"") where starts(with: "\"\"\"", at: index):
                    // A block string ends at the next `"""` not preceded by a backslash (`\"""` is text).
                    index += 3
                    while index < bytes.count, !starts(with: "\"\"\"", at: index) {
                        index += starts(with: "\\\"\"\"", at: index) ? 4 : 1
                    }
                    index += 3
                case UInt8(ascii: "\""):
                    // A string ends at an unescaped quote or at the end of the line.
                    index += 1
                    while index < bytes.count {
                        let byte = bytes[index]
                        index += byte == UInt8(ascii: "\\") ? 2 : 1
                        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    }
                default:
                    index += 1
                }
            }
            return nil
        }
    }

    /// The error a server answers for a document nested deeper than `maximum`, located at the first level too deep
    /// (read it with `sourceLocations`), or `nil` when the document may be parsed.
    public static func error(in document: String, maximum: Int = maximum) -> GraphQLError? {
        guard let offset = firstExcess(in: document, maximum: maximum) else { return nil }
        return GraphQLError(
            message: "The document nests deeper than \(maximum) levels here ({, [ or ( inside one another); "
                + "flatten the selection, list or input value",
            source: Source(body: document), positions: [offset])
    }
}
