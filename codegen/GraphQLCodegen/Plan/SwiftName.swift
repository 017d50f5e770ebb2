/// Swift spelling rules: keyword escaping and case conversion. Every generated name goes through here.
enum SwiftName {
    /// Words that must be written in backticks to be used as a name.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "_", "package", "consume", "copy", "borrowing", "consuming", "discard", "each", "some", "any",
        "Type", "Protocol",
    ]

    /// `name`, in backticks when it is a keyword.
    static func escaped(_ name: String) -> String { keywords.contains(name) ? "`\(name)`" : name }

    static func upperFirst(_ name: String) -> String { name.prefix(1).uppercased() + name.dropFirst() }

    static func lowerFirst(_ name: String) -> String {
        // "URLInfo" → "urlInfo": lower the leading run of capitals except the one that starts the next word.
        let characters = Array(name)
        var upperRun = 0
        while upperRun < characters.count, characters[upperRun].isUppercase { upperRun += 1 }
        if upperRun == 0 { return name }
        let lowered = upperRun == characters.count || upperRun == 1 ? upperRun : upperRun - 1
        return String(characters[..<lowered]).lowercased() + String(characters[lowered...])
    }

    /// A Swift enum case for a GraphQL enum value: `IN_PROGRESS` → `inProgress`, `submitted` → `submitted`.
    static func enumCase(_ value: String) -> String {
        let leadingUnderscores = value.prefix(while: { $0 == "_" })
        let body = value.dropFirst(leadingUnderscores.count)
        let hasLowercase = body.contains(where: \.isLowercase)
        let words = body.split(separator: "_").map(String.init)
        guard let first = words.first else { return value }
        if hasLowercase, words.count == 1 { return String(leadingUnderscores) + lowerFirst(first) }
        let camel = first.lowercased() + words.dropFirst().map { upperFirst($0.lowercased()) }.joined()
        return String(leadingUnderscores) + camel
    }

    /// The singular of an English plural field name, for a list's element type (`batches` → `batch`, `data` → `datum`).
    static func singular(_ name: String) -> String {
        // `data: [Item]` is common in paged envelopes; its element as `Data` would hide the operation's `Data`.
        if name == "data" { return "datum" }
        for (suffix, replacement) in [("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x")]
        where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count)) + replacement
        }
        if name.hasSuffix("s"), !name.hasSuffix("ss"), !name.hasSuffix("us"), !name.hasSuffix("is"), name.count > 1 {
            return String(name.dropLast())
        }
        return name
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// `String`, `Foundation.Date`: a possibly module-qualified type name.
    static func isTypeReference(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { isIdentifier(String($0)) && !keywords.contains(String($0)) }
    }
}
