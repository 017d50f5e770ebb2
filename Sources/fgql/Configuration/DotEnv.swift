import Foundation

/// The variables of a `.env` file, in the format Flatfile's own tooling and most dotenv loaders read.
///
/// Accepted lines: `NAME=value`, `export NAME=value`, values in single quotes (taken literally) or double quotes
/// (with `\n`, `\t`, `\"` and `\\` escapes), unquoted values ending at ` #` comments, blank lines and `#` comments.
struct DotEnv: Equatable {
    var variables: [String: String]

    /// A line the parser could not read; the message names the file and line so it can be fixed.
    struct SyntaxError: Error, CustomStringConvertible, Equatable {
        var file: String
        var line: Int
        var reason: String
        var description: String { "\(file):\(line): \(reason)" }
    }

    init(variables: [String: String]) {
        self.variables = variables
    }

    /// Parses `text`; `file` names the source in error messages.
    init(parsing text: String, file: String) throws(SyntaxError) {
        var variables: [String: String] = [:]
        // "\r\n" is one Character in Swift, so split on newline Characters rather than on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).makeIterator()
        var lineNumber = 0
        while let rawLine = lines.next() {
            lineNumber += 1
            var line = rawLine.drop(while: \.isWhitespace)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop(while: \.isWhitespace) }
            guard let equals = line.firstIndex(of: "=") else {
                throw SyntaxError(file: file, line: lineNumber, reason: "expected NAME=value (the line is not shown: it may hold a secret)")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.isValidName(name) else {
                throw SyntaxError(
                    file: file, line: lineNumber,
                    reason: "\"\(Self.excerpt(Substring(name)))\" is not a variable name (letters, digits and _, not starting with a digit)")
            }
            let rest = line[line.index(after: equals)...].drop(while: { $0 == " " || $0 == "\t" })
            let startLine = lineNumber
            variables[name] = try Self.value(from: rest, file: file, line: startLine) { () -> Substring? in
                lineNumber += 1
                return lines.next()
            }
        }
        self.variables = variables
    }

    /// Reads `url`; `nil` when the file does not exist.
    static func load(contentsOf url: URL) throws -> DotEnv? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw SyntaxError(file: url.path, line: 1, reason: "the file is not UTF-8 text")
        }
        return try DotEnv(parsing: text, file: url.path)
    }

    private static func value(
        from rest: Substring, file: String, line: Int, nextLine: () -> Substring?
    ) throws(SyntaxError) -> String {
        guard let quote = rest.first, quote == "\"" || quote == "'" else {
            // Unquoted: a comment starts at " #"; surrounding whitespace is not part of the value.
            var value = rest
            if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
            return value.trimmingCharacters(in: .whitespaces)
        }
        // Quoted values may span lines (PEM keys); they end at the matching unescaped quote.
        var text = String(rest.dropFirst())
        while true {
            if let (value, remainder) = closingQuote(in: text, quote: quote) {
                let trailing = remainder.trimmingCharacters(in: .whitespaces)
                guard trailing.isEmpty || trailing.hasPrefix("#") else {
                    throw SyntaxError(file: file, line: line, reason: "unexpected text after the closing quote; quote the whole value")
                }
                return value
            }
            guard let next = nextLine() else {
                throw SyntaxError(file: file, line: line, reason: "the value's opening \(quote) is never closed")
            }
            text += "\n" + next
        }
    }

    /// The unescaped value up to the closing quote and what follows it, or `nil` when `text` has no closing quote.
    private static func closingQuote(in text: String, quote: Character) -> (String, Substring)? {
        var value = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == quote { return (value, text[text.index(after: index)...]) }
            if character == "\\" && quote == "\"", text.index(after: index) < text.endIndex {
                index = text.index(after: index)
                switch text[index] {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case let other: value.append(other)
                }
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    private static func excerpt(_ text: Substring) -> String {
        text.count > 40 ? text.prefix(40) + "…" : String(text)
    }
}
