/// The `#` comment lines written directly above a definition, which become its doc comment.
enum SourceComments {
    static func above(offset: Int, in file: SourceFile) -> [String] {
        let line = file.position(ofUTF8Offset: offset).line
        let lines = file.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var comments: [String] = []
        var index = line - 2
        while index >= 0, index < lines.count {
            let trimmed = lines[index].drop(while: { $0 == " " || $0 == "\t" })
            guard trimmed.hasPrefix("#") else { break }
            var text = trimmed.dropFirst()
            if text.hasPrefix(" ") { text = text.dropFirst() }
            comments.insert(String(text), at: 0)
            index -= 1
        }
        return comments
    }
}
