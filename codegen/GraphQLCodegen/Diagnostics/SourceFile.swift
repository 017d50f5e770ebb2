/// The text of one input file and the table that turns byte offsets into editor positions.
///
/// The GraphQL library reports UTF-8 byte offsets correctly but derives its own line/column from UTF-16 offsets,
/// which is wrong after non-ASCII text; every position the generator prints goes through this type instead.
struct SourceFile: Sendable, Hashable {
    /// The path as the user gave it; diagnostics print it unchanged.
    let path: String
    let text: String
    /// UTF-8 offset of the first byte of each line.
    private let lineStarts: [Int]

    init(path: String, text: String) {
        self.path = path
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        var starts = [0]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            // GraphQL line terminators: \n, \r\n, \r.
            if bytes[index] == 0x0A {
                starts.append(index + 1)
            } else if bytes[index] == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        lineStarts = starts
    }

    /// The UTF-8 offset where `needle` first occurs, for pointing at a setting in a JSON file (whose parser gives
    /// no positions).
    func utf8Offset(of needle: String) -> Int? {
        text.utf8.firstRange(of: needle.utf8).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
    }

    /// 1-based line and column (in characters) of a UTF-8 byte offset.
    func position(ofUTF8Offset offset: Int) -> (line: Int, column: Int) {
        let utf8 = text.utf8
        let clamped = min(max(offset, 0), utf8.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        let lineStart = utf8.index(utf8.startIndex, offsetBy: lineStarts[low])
        let target = utf8.index(utf8.startIndex, offsetBy: clamped)
        // An offset inside a multi-byte character counts as that character.
        let characters = text[lineStart..<target].count
        return (low + 1, characters + 1)
    }
}
