/// Text from a server made harmless for a terminal: control characters shown as visible escapes.
///
/// A server's error message or data can hold terminal control sequences (clear the screen `ESC [2J`, set the window
/// title `ESC ]0;…BEL`, a NUL that cuts the line short in some tools). Printed raw they act on the user's terminal
/// instead of being read, so everything fgql shows a person goes through `escaped(_:keepingLineBreaks:)`; data
/// piped to another program does not, and stays byte for byte what the server sent.
enum TerminalText {
    /// `text` with every control character (C0, DEL, C1) written as `\u{1B}`, except tabs and, when
    /// `keepingLineBreaks`, `\n` and `\r\n` line ends (fgql's own multi-line messages and CSV records).
    static func escaped(_ text: String, keepingLineBreaks: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\t" || (keepingLineBreaks && (character == "\n" || character == "\r\n")) {
                result.append(character)
                continue
            }
            for scalar in character.unicodeScalars {
                if isControl(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
