import GraphQL

// GraphQLSwift 4.3.0 gap: `GraphQLError.locations` is wrong after non-ASCII text. The library records where an
// error is as a UTF-8 byte offset (`positions`, `Node.loc.start`), but `getLocation(source:position:)` compares that
// offset with the UTF-16 offsets of the line breaks (found by NSRegularExpression) and takes the column as a byte
// count. After "é" or "✓" the column is too large, and a later line break can be counted too early:
// `# café ✓✓✓✓\n{ nope }\n` puts `nope` at line 3, column 3 of a two-line text instead of line 2, column 3. Every
// location fgql reports (sandbox, platform endpoint, codegen diagnostics) is computed here from the UTF-8 offsets.

/// The lines of a GraphQL text, for turning UTF-8 byte offsets into 1-based lines and columns.
///
/// Lines end at `\n`, `\r\n` or `\r`, as GraphQL's lexer has them; columns count characters as an editor shows them
/// (`é` and `✓` are one each), not bytes or UTF-16 units. An offset inside a multi-byte character counts as that
/// character; an offset past the end is the end.
///
/// ```swift
/// let lines = SourceLines("# café\n{ nope }")
/// lines.location(ofUTF8Offset: 10)   // SourceLocation(line: 2, column: 3): "é" is two bytes, one character
/// ```
public struct SourceLines: Sendable, Hashable {
    public let text: String
    /// The UTF-8 offset of each line's first byte.
    private let lineStarts: [Int]

    public init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        var starts = [0]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                starts.append(index + 1)
            } else if bytes[index] == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        lineStarts = starts
    }

    /// The 1-based line and column of the character at a UTF-8 byte offset.
    public func location(ofUTF8Offset offset: Int) -> SourceLocation {
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
        return SourceLocation(line: low + 1, column: text[lineStart..<target].count + 1)
    }
}

extension GraphQLError {
    /// Where the error is in its source, each position as a 1-based line and column: use this instead of the
    /// library's `locations`, which are wrong after non-ASCII text.
    ///
    /// An error without a source or positions (one decoded from JSON, say) keeps the locations it came with.
    ///
    /// ```swift
    /// do { _ = try parse(source: "# café ✓✓✓✓\n{ a ] }") } catch let error as GraphQLError {
    ///     error.sourceLocations   // [SourceLocation(line: 2, column: 5)]; `error.locations` says line 2, column 14
    /// }
    /// ```
    public var sourceLocations: [SourceLocation] {
        guard let source, !positions.isEmpty else { return locations }
        let lines = SourceLines(source.body)
        return positions.map(lines.location(ofUTF8Offset:))
    }
}
