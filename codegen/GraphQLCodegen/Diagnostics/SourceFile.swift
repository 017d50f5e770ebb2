import GraphQLExecution

/// The text of one input file and the table that turns byte offsets into editor positions.
///
/// The GraphQL library's own line/column is wrong after non-ASCII text (see `SourceLines`); every position the
/// generator prints goes through this type instead.
struct SourceFile: Sendable, Hashable {
    /// The path as the user gave it; diagnostics print it unchanged.
    let path: String
    private let lines: SourceLines

    var text: String { lines.text }

    init(path: String, text: String) {
        self.path = path
        lines = SourceLines(text)
    }

    /// The UTF-8 offset where `needle` first occurs, for pointing at a setting in a JSON file (whose parser gives
    /// no positions).
    func utf8Offset(of needle: String) -> Int? {
        text.utf8.firstRange(of: needle.utf8).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
    }

    /// 1-based line and column (in characters) of a UTF-8 byte offset.
    func position(ofUTF8Offset offset: Int) -> (line: Int, column: Int) {
        let location = lines.location(ofUTF8Offset: offset)
        return (location.line, location.column)
    }
}
