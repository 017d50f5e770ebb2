/// Adds ANSI colours to JSON text for a terminal: keys blue, strings green, numbers cyan, true/false/null magenta.
///
/// It reads the text the serializer wrote rather than re-serializing, so colour never changes the bytes a user
/// would otherwise see (apart from the escape codes).
enum JSONHighlighter {
    private static let reset = "\u{1B}[0m"
    private static let keyColour = "\u{1B}[34;1m"
    private static let stringColour = "\u{1B}[32m"
    private static let numberColour = "\u{1B}[36m"
    private static let literalColour = "\u{1B}[35m"

    static func highlight(_ json: String) -> String {
        let bytes = Array(json.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = endOfString(bytes, from: index)
                let isKey = nextSignificantByte(bytes, after: end) == UInt8(ascii: ":")
                append(isKey ? keyColour : stringColour, bytes[index..<end], to: &output)
                index = end
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let end = endOfToken(bytes, from: index)
                append(numberColour, bytes[index..<end], to: &output)
                index = end
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let end = endOfToken(bytes, from: index)
                append(literalColour, bytes[index..<end], to: &output)
                index = end
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func append(_ colour: String, _ token: ArraySlice<UInt8>, to output: inout [UInt8]) {
        output.append(contentsOf: colour.utf8)
        output.append(contentsOf: token)
        output.append(contentsOf: reset.utf8)
    }

    /// The index just past the string that starts at `start` (a quote), honouring backslash escapes.
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    private static func endOfToken(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
        return index
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"),
            UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            true
        default: false
        }
    }

    private static func nextSignificantByte(_ bytes: [UInt8], after index: Int) -> UInt8? {
        var index = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            default: return bytes[index]
            }
        }
        return nil
    }
}
