/// Accumulates indented Swift source lines.
struct SwiftWriter {
    private(set) var text = ""
    private var indentation = ""

    mutating func line(_ content: String = "") {
        text += content.isEmpty ? "\n" : indentation + content + "\n"
    }

    mutating func documentation(_ lines: [String]) {
        for line in lines { self.line(line.isEmpty ? "///" : "/// " + line) }
    }

    /// Writes `header {`, the body one level deeper, then `}`.
    mutating func block(_ header: String, _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        indentation += "    "
        body(&self)
        indentation.removeLast(4)
        line("}")
    }

    /// A Swift string literal holding `text` exactly.
    static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A multi-line string literal (`"""`) holding `text` exactly, its lines indented with the writer's body.
    mutating func multilineStringLiteral(_ prefix: String, _ text: String) {
        line(prefix + "\"\"\"")
        indentation += "    "
        for textLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var escaped = textLine.replacingOccurrences(of: "\\", with: "\\\\")
            escaped = escaped.replacingOccurrences(of: "\"\"\"", with: "\\\"\"\"")
            line(escaped)
        }
        line("\"\"\"")
        indentation.removeLast(4)
    }
}
