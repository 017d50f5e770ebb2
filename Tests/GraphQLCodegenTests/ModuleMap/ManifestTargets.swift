import Foundation

/// The targets of a `Package.swift` as its text declares them: kind, name, path and dependencies.
///
/// A text reading rather than `swift package dump-package`, which resolves the package and takes seconds; it knows
/// the forms this manifest uses (`"Name"`, `.product(name:…)`, `.target(name:…, condition:…)`, `.byName(name:…)`).
struct ManifestTarget: Equatable, Sendable {
    struct Dependency: Equatable, Sendable {
        var name: String
        /// Declared with a `condition:` (a platform filter).
        var isConditional: Bool
    }

    var kind: String
    var name: String
    var path: String?
    var dependencies: [Dependency]

    var isTest: Bool { kind == "testTarget" }

    /// The targets in `manifest`'s `targets: [ … ]`.
    static func parse(_ manifest: String) throws -> [ManifestTarget] {
        let code = withoutComments(manifest)
        // The package's own `targets: [` is alone on its line; the products' `targets: ["…"]` are not.
        guard let start = code.range(of: #"\n\s*targets: \[\s*\n"#, options: .regularExpression),
              let bracket = code[start].firstIndex(of: "[")
        else { throw ModuleMapError("Package.swift has no targets: [ on a line of its own") }
        let list = try bracketed(code[bracket...])
        return try topLevelElements(list).map(target)
    }

    private static func target(_ element: Substring) throws -> ManifestTarget {
        let text = element.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("."), let open = text.firstIndex(of: "(") else {
            throw ModuleMapError("cannot read the target declaration \(text.prefix(60))")
        }
        let kind = String(text[text.index(after: text.startIndex)..<open])
        guard let name = firstString(after: "name:", in: Substring(text)) else {
            throw ModuleMapError("a .\(kind) in Package.swift has no name")
        }
        var dependencies: [Dependency] = []
        if let label = text.range(of: "dependencies:") {
            let rest = text[label.upperBound...]
            guard let bracket = rest.firstIndex(of: "[") else { throw ModuleMapError("\(name)'s dependencies are not a list") }
            dependencies = try topLevelElements(try bracketed(rest[bracket...])).map { element in
                let item = element.trimmingCharacters(in: .whitespacesAndNewlines)
                let isConditional = item.contains("condition:")
                if item.hasPrefix("\"") {
                    return Dependency(name: String(item.dropFirst().prefix { $0 != "\"" }), isConditional: false)
                }
                guard let named = firstString(after: "name:", in: Substring(item)) else {
                    throw ModuleMapError("cannot read \(name)'s dependency \(item)")
                }
                return Dependency(name: named, isConditional: isConditional)
            }
        }
        return ManifestTarget(
            kind: kind, name: name, path: firstString(after: "path:", in: Substring(text)), dependencies: dependencies)
    }

    /// The text of the first string literal after `label` in `text`.
    private static func firstString(after label: String, in text: Substring) -> String? {
        guard let found = text.range(of: label) else { return nil }
        let rest = text[found.upperBound...].drop { $0 == " " }
        guard rest.first == "\"" else { return nil }
        return String(rest.dropFirst().prefix { $0 != "\"" })
    }

    /// `text` without `//` comments (outside string literals), whose brackets need not balance.
    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var inQuote = false
            var previous: Character?
            for index in line.indices {
                let character = line[index]
                if character == "\"" { inQuote.toggle() }
                if character == "/", previous == "/", !inQuote { return line[..<line.index(before: index)] }
                previous = character
            }
            return line
        }.joined(separator: "\n")
    }

    /// The contents between the `[` or `(` that `text` starts with and its matching close.
    private static func bracketed(_ text: Substring) throws -> Substring {
        var depth = 0
        var inQuote = false
        for index in text.indices {
            let character = text[index]
            if character == "\"" { inQuote.toggle() }
            if inQuote { continue }
            if "[(".contains(character) { depth += 1 }
            if "])".contains(character) {
                depth -= 1
                if depth == 0 { return text[text.index(after: text.startIndex)..<index] }
            }
        }
        throw ModuleMapError("unbalanced brackets in Package.swift")
    }

    /// The comma-separated elements of a list's contents, commas inside nested brackets and strings kept.
    private static func topLevelElements(_ list: Substring) throws -> [Substring] {
        var elements: [Substring] = []
        var depth = 0
        var inQuote = false
        var start = list.startIndex
        for index in list.indices {
            let character = list[index]
            if character == "\"" { inQuote.toggle() }
            if inQuote { continue }
            if "[(".contains(character) { depth += 1 }
            if "])".contains(character) { depth -= 1 }
            if character == ",", depth == 0 {
                elements.append(list[start..<index])
                start = list.index(after: index)
            }
        }
        elements.append(list[start...])
        return elements.filter { !$0.allSatisfy(\.isWhitespace) }
    }
}

extension ManifestTarget {
    /// The folder SwiftPM reads the target from: its `path:`, else `Sources/<name>` (`Tests/<name>` for tests,
    /// `Plugins/<name>` for plugins).
    var folder: String {
        if let path { return path }
        switch kind {
        case "testTarget": return "Tests/\(name)"
        case "plugin": return "Plugins/\(name)"
        default: return "Sources/\(name)"
        }
    }
}

extension BoundaryCheck {
    /// Where `manifest`'s targets disagree with `rows`: a target without a row (or a row without a target), another
    /// folder, or declared dependencies other than the row's imports and tools (the toolchain's modules aside), a
    /// conditional import declared unconditionally or the reverse.
    static func manifestDisagreements(_ targets: [ManifestTarget], rows: [ModuleRow]) -> [String] {
        var problems: [String] = []
        let byName = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for target in targets where !target.isTest && !rows.contains(where: { $0.module == target.name }) {
            problems.append("Package.swift's \(target.name) has no row in the module map (ModuleMap.rows)")
        }
        for row in rows {
            guard let target = byName[row.module] else {
                problems.append("the module map's \(row.module) is not a target in Package.swift")
                continue
            }
            if target.folder != row.folder {
                problems.append("\(row.module) is in \(target.folder) by Package.swift but in \(row.folder) by the module map")
            }
            let declared = Set(target.dependencies.map(\.name))
            let expected = Set(row.imports + row.conditionalImports + row.tools).subtracting(ModuleMap.systemModules)
            for missing in expected.subtracting(declared).sorted() {
                problems.append("\(row.module) may import \(missing) by the module map, but Package.swift does not declare it")
            }
            for extra in declared.subtracting(expected).sorted() {
                problems.append("\(row.module) depends on \(extra) in Package.swift, which the module map does not allow")
            }
            for dependency in target.dependencies where expected.contains(dependency.name) {
                let conditional = row.conditionalImports.contains(dependency.name)
                if dependency.isConditional != conditional {
                    problems.append(conditional
                        ? "\(row.module)'s dependency on \(dependency.name) must have a platform condition in Package.swift"
                        : "\(row.module)'s dependency on \(dependency.name) has a condition the module map does not expect")
                }
            }
        }
        return problems
    }
}
