import Foundation

/// A `-H 'Name: value'` header, split on the first colon only so values may contain colons (URLs, times).
///
/// Every command that takes `-H` parses it here. A value is never echoed in an error: it may be a secret.
struct HeaderArgument: Equatable {
    var name: String
    var value: String

    init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    init(parsing text: String) throws(CommandFailure) {
        guard let colon = text.firstIndex(of: ":") else {
            // The argument is not echoed: a header without its colon is most likely a bare secret.
            throw .usage("-H takes 'Name: value' and this one has no colon, for example -H 'X-Api-Key: …'.")
        }
        name = text[..<colon].trimmingCharacters(in: .whitespaces)
        value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
            // Escaped, so a line break in the name shows as \r\n instead of breaking the message.
            let shown = name.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
            throw .usage("-H: \"\(shown)\" is not a valid header name (letters, digits and -, no spaces or control characters).")
        }
        // A CR or LF would end the header early (URLSession drops such a header without a word, and a server
        // could read what follows as a header of its own); other control characters are not allowed either.
        guard value.unicodeScalars.allSatisfy(Self.isValueCharacter) else {
            throw .usage(
                "-H \(name): the value holds a line break or another control character, which a header cannot carry; nothing was sent (the value is not shown: it may be a secret).")
        }
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && scalar.value > 32 && scalar.value < 127 && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(scalar)
    }

    /// RFC 9110 field-value characters: visible characters, spaces and tabs, and any non-ASCII byte.
    private static func isValueCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || (scalar.value >= 32 && scalar.value != 127 && !(0x80...0x9F).contains(scalar.value))
    }
}
