import Foundation

/// How `JSONValue` is written as text.
public enum JSONOutputStyle: Sendable, Hashable {
    /// No whitespace at all: `{"a":[1,2]}`.
    case compact
    /// Two-space indentation, one member or element per line, `"key": value`.
    case pretty
}

extension JSONValue {
    /// The value as UTF-8 JSON text. Object members keep their order, so output is stable.
    ///
    /// ```swift
    /// let body = JSONValue.object(["query": "{ me { id } }"]).jsonData()
    /// ```
    ///
    /// Non-finite doubles (NaN, infinity), which JSON cannot express, are written as `null`.
    public func jsonData(_ style: JSONOutputStyle = .compact) -> Data {
        Data(jsonBytes(style))
    }

    /// The value as JSON text; see `jsonData(_:)`.
    public func jsonString(_ style: JSONOutputStyle = .compact) -> String {
        String(decoding: jsonBytes(style), as: UTF8.self)
    }

    func jsonBytes(_ style: JSONOutputStyle) -> [UInt8] {
        var writer = JSONWriter(pretty: style == .pretty)
        writer.write(self, indent: 0)
        return writer.output
    }
}

private struct JSONWriter {
    let pretty: Bool
    var output: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
        output.reserveCapacity(256)
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let bool): append(bool ? "true" : "false")
        case .int(let int): writeInteger(int)
        case .double(let double): append(double.isFinite ? String(double) : "null")
        case .string(let string): writeString(string)
        case .array(let elements):
            guard !elements.isEmpty else { return append("[]") }
            output.append(UInt8(ascii: "["))
            var offset = 0
            while offset < elements.count {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(elements[offset], indent: indent + 1)
                offset += 1
            }
            newline(indent)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { return append("{}") }
            output.append(UInt8(ascii: "{"))
            let keys = object.keys
            let values = object.values
            var offset = 0
            while offset < keys.count {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                writeString(keys[offset])
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                write(values[offset], indent: indent + 1)
                offset += 1
            }
            newline(indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Decimal digits without going through `String(_:)` (generic, and slow in debug builds).
    private mutating func writeInteger(_ value: Int) {
        if value == 0 { return output.append(UInt8(ascii: "0")) }
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                output.append(buffer[count])
            }
        }
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// Writes a quoted string, escaping only what JSON requires: quote, backslash and control characters.
    private mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = base[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - 1 - runStart))
                runStart = index
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                default:
                    let hex = String(byte, radix: 16, uppercase: true)
                    append("\\u00" + (hex.count == 1 ? "0" + hex : hex))
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: utf8.count - runStart))
        }
        output.append(UInt8(ascii: "\""))
    }
}
