import Foundation

/// One `import` of a Swift file.
struct SourceImport: Equatable, Sendable {
    /// The module imported: `X` for `import X`, `import struct X.Y` and `@testable import X`.
    var module: String
    var line: Int
    /// The `#if` / `#elseif` conditions around it, outermost first; a `#else` branch's is its `#if`'s, prefixed "!".
    var conditions: [String]
    var isTestable: Bool
}

/// Reads the imports of Swift source text line by line: attributes (`@testable`, `@_exported`, `@preconcurrency`),
/// access modifiers (`public import`), kinds (`import struct X.Y`) and the `#if` blocks around each. Lines inside
/// multi-line string literals and comments are not code, so the generator's templates do not count.
enum ImportScanner {
    static func imports(in text: String) -> [SourceImport] {
        var found: [SourceImport] = []
        var conditions: [String] = []
        var inString = false
        var inBlockComment = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if inBlockComment {
                guard let end = line.range(of: "*/") else { continue }
                line = line[end.upperBound...]
                inBlockComment = false
            }
            if inString {
                if (line.components(separatedBy: "\"\"\"").count - 1) % 2 == 1 { inString = false }
                continue
            }
            let (code, delimiters) = codeAndDelimiters(line)
            if delimiters % 2 == 1 {
                inString = true
                continue
            }
            line = code
            if let start = line.range(of: "/*"), line.range(of: "*/", range: start.upperBound..<line.endIndex) == nil {
                inBlockComment = true
                line = line[..<start.lowerBound]
            }
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let first = words.first else { continue }
            switch first {
            case "#if":
                conditions.append(words.dropFirst().joined(separator: " "))
            case "#elseif":
                if !conditions.isEmpty { conditions[conditions.count - 1] = words.dropFirst().joined(separator: " ") }
            case "#else":
                if let last = conditions.last, !last.hasPrefix("!") { conditions[conditions.count - 1] = "!" + last }
            case "#endif":
                _ = conditions.popLast()
            default:
                if let parsed = importedModule(words) {
                    found.append(SourceImport(
                        module: parsed.module, line: index + 1, conditions: conditions, isTestable: parsed.isTestable))
                }
            }
        }
        return found
    }

    /// The line up to a `//` comment outside a string literal, and how many `\"\"\"` delimiters that code holds.
    private static func codeAndDelimiters(_ line: Substring) -> (Substring, Int) {
        var delimiters = 0
        var inQuote = false
        var index = line.startIndex
        while index < line.endIndex {
            let rest = line[index...]
            if rest.hasPrefix("\"\"\"") {
                delimiters += 1
                index = line.index(index, offsetBy: 3)
                continue
            }
            switch line[index] {
            case "\\" where inQuote:
                index = line.index(after: index)
            case "\"":
                inQuote.toggle()
            case "/" where !inQuote && rest.hasPrefix("//"):
                return (line[..<index], delimiters)
            default:
                break
            }
            if index < line.endIndex { index = line.index(after: index) }
        }
        return (line, delimiters)
    }

    private static let modifiers: Set<String> = ["public", "package", "internal", "fileprivate", "private", "open"]
    private static let kinds: Set<String> = ["typealias", "struct", "class", "enum", "protocol", "let", "var", "func", "actor"]

    /// `[@attr…] [modifier] import [kind] Module[.Symbol]`, else `nil`.
    private static func importedModule(_ words: [String]) -> (module: String, isTestable: Bool)? {
        var rest = words[...]
        var isTestable = false
        while let word = rest.first, word.hasPrefix("@") || modifiers.contains(word) {
            if word == "@testable" { isTestable = true }
            rest = rest.dropFirst()
        }
        guard rest.first == "import" else { return nil }
        rest = rest.dropFirst()
        if let word = rest.first, kinds.contains(word) { rest = rest.dropFirst() }
        guard let path = rest.first, let module = path.split(separator: ".").first, !module.isEmpty else { return nil }
        return (String(module), isTestable)
    }
}

/// An import that crosses a line of the module map.
struct BoundaryViolation: CustomStringConvertible, Equatable, Sendable {
    var file: String
    var line: Int
    var module: String
    var imported: String
    var rule: String

    var description: String { "\(file):\(line): \(module) imports \(imported): \(rule)" }
}

enum BoundaryCheck {
    /// What in `text` (the file at `file`, relative to the package root, of `row`'s module) crosses a line.
    static func violations(in text: String, file: String, of row: ModuleRow) -> [BoundaryViolation] {
        ImportScanner.imports(in: text).flatMap { found -> [BoundaryViolation] in
            func violation(_ rule: String) -> BoundaryViolation {
                BoundaryViolation(file: file, line: found.line, module: row.module, imported: found.module, rule: rule)
            }
            var violations = ModuleMap.forbiddenLines
                .filter { !$0.allows(row.module, found.module, found.conditions) }
                .map { violation($0.rule) }
            if found.isTestable {
                violations.append(violation("only tests use @testable imports"))
            }
            if row.imports.contains(found.module) { return violations }
            if row.conditionalImports.contains(found.module) {
                if found.conditions.isEmpty {
                    violations.append(violation(
                        "\(row.module) imports \(found.module) only inside #if canImport(\(found.module)) or #if os(…)"))
                }
                return violations
            }
            let allowed = (row.imports + row.conditionalImports.map { "\($0) (under #if)" }).joined(separator: ", ")
            violations.append(violation(
                "not in the module map: \(row.module) may import \(allowed.isEmpty ? "nothing" : allowed)"))
            return violations
        }
    }

    /// Every violation in the `.swift` files of `row`'s folder under `root`.
    static func violations(of row: ModuleRow, root: URL) throws -> [BoundaryViolation] {
        try swiftFiles(of: row, root: root).flatMap { relative in
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            return violations(in: text, file: relative, of: row)
        }
    }

    /// The `.swift` files of `row`'s folder (relative to `root`), without its excluded sub-folders.
    static func swiftFiles(of row: ModuleRow, root: URL) throws -> [String] {
        let folder = root.appendingPathComponent(row.folder)
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else {
            throw ModuleMapError("\(row.module)'s folder \(row.folder) does not exist")
        }
        return walker.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
            .map { row.folder + "/" + $0 }
            .filter { path in !row.excluding.contains { path.hasPrefix($0 + "/") } }
            .sorted()
    }
}

struct ModuleMapError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
