/// A problem the generator found, pointing at a file, line and column.
///
/// `description` is the `path:line:column: error: message` form that SwiftPM, Xcode and editors show at the line:
///
/// ```swift
/// for diagnostic in result.diagnostics { print(diagnostic) }
/// // queries/getBatches.graphql:3:5: error: Cannot query field "nmae" on type "Batch". Did you mean "name"?
/// ```
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How bad the problem is: errors stop generation, warnings do not.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    /// The file as it was given to the generator; `nil` for problems that belong to no file.
    public var path: String?
    /// 1-based line, or `nil` when the problem belongs to the whole file.
    public var line: Int?
    /// 1-based column counted in characters as an editor shows them (not bytes).
    public var column: Int?

    public init(severity: Severity, message: String, path: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
        self.column = column
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        var prefix = ""
        if let path {
            prefix = path
            if let line { prefix += ":\(line):\(column ?? 1)" }
            prefix += ": "
        }
        return "\(prefix)\(severity.rawValue): \(message)"
    }

    static func error(_ message: String, in file: SourceFile? = nil, at offset: Int? = nil) -> Diagnostic {
        make(.error, message, file, offset)
    }

    private static func make(_ severity: Severity, _ message: String, _ file: SourceFile?, _ offset: Int?) -> Diagnostic {
        guard let file else { return Diagnostic(severity: severity, message: message) }
        guard let offset else { return Diagnostic(severity: severity, message: message, path: file.path) }
        let position = file.position(ofUTF8Offset: offset)
        return Diagnostic(
            severity: severity, message: message, path: file.path, line: position.line, column: position.column)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains(where: \.isError) }
}
