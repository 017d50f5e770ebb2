import Foundation
import GraphQL
import GraphQLExecution

/// Reads input files as UTF-8 text and parses them, turning every failure into a diagnostic.
enum InputFiles {
    /// The largest operation file (or `fgql.json`) read: 16 MiB. Real operation files are a few KiB and the
    /// largest generated ones stay under 1 MiB, so anything near this is a mistake (a binary, a log, a dump) —
    /// and is refused by its size, before reading it would cost its size in memory and time.
    public static let maximumDocumentBytes = 16 << 20
    /// The largest schema read: 64 MiB. GitHub's public schema, among the largest there are, is about 1.3 MB as
    /// SDL and about 10 MB as introspection JSON.
    public static let maximumSchemaBytes = 64 << 20
    /// How much of a file is checked for NUL bytes before the rest is read: a binary shows itself at once.
    static let binaryCheckBytes = 64 << 10

    /// What a file is read as, which sets the largest size accepted.
    enum Kind {
        /// An operation file or `fgql.json`.
        case document
        case schema

        var maximumBytes: Int { self == .schema ? maximumSchemaBytes : maximumDocumentBytes }
        var name: String { self == .schema ? "a schema" : "a GraphQL document" }
    }

    /// Reads a file that must be UTF-8 text (a schema, an operation file, `fgql.json`), refusing one larger than
    /// `kind` allows by its size, before reading it.
    static func read(_ path: String, as kind: Kind = .document) -> Result<SourceFile, Diagnostic> {
        let maximumBytes = kind.maximumBytes
        let url = URL(fileURLWithPath: path)
        let handle: FileHandle
        let size: Int
        do {
            handle = try FileHandle(forReadingFrom: url)
            size = try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
        } catch {
            return .failure(Diagnostic(severity: .error, message: "cannot read file: \(reason(error))", path: path))
        }
        defer { try? handle.close() }
        if size > maximumBytes {
            return .failure(Diagnostic(
                severity: .error,
                message: "file is \(size) bytes, over the \(maximumBytes >> 20) MiB fgql reads for "
                    + "\(kind.name) (\(maximumBytes) bytes); "
                    + "it was not read: check the path, or split the file",
                path: path))
        }
        let data: Data
        do {
            let prefix = try handle.read(upToCount: binaryCheckBytes) ?? Data()
            if prefix.contains(0) {
                // The diagnostic the whole file would get (its first bad UTF-8 byte, else the NUL), without
                // reading the rest.
                return decode(size <= prefix.count ? prefix : Self.droppingPartialCharacter(prefix), path: path)
            }
            // Bounded by the size check, plus one byte to notice a file that grew meanwhile.
            let rest = try handle.read(upToCount: maximumBytes - prefix.count + 1) ?? Data()
            data = prefix + rest
        } catch {
            return .failure(Diagnostic(severity: .error, message: "cannot read file: \(reason(error))", path: path))
        }
        if data.count > maximumBytes {
            return .failure(Diagnostic(
                severity: .error, message: "file grew past \(maximumBytes) bytes while it was read", path: path))
        }
        return decode(data, path: path)
    }

    /// `bytes` without a UTF-8 sequence cut off at its end, which would look like a mis-encoded byte.
    private static func droppingPartialCharacter(_ bytes: Data) -> Data {
        var end = bytes.endIndex
        var continuations = 0
        while continuations < 3, end > bytes.startIndex, bytes[end - 1] & 0xC0 == 0x80 {
            end -= 1
            continuations += 1
        }
        if end > bytes.startIndex, bytes[end - 1] >= 0xC0 { end -= 1 }
        else if continuations > 0 { end += continuations }  // continuation bytes of no lead: let decode report them
        return bytes[bytes.startIndex..<end]
    }

    /// Interprets bytes as UTF-8 text; a binary or mis-encoded file gets the position of its first bad byte.
    static func decode(_ data: Data, path: String) -> Result<SourceFile, Diagnostic> {
        let bytes = [UInt8](data)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var validLength = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): validLength += UTF8.width(scalar)
            case .emptyInput: break decoding
            case .error:
                let prefix = SourceFile(path: path, text: String(decoding: bytes[..<validLength], as: UTF8.self))
                let hex = String(bytes[validLength], radix: 16, uppercase: true)
                return .failure(
                    .error(
                        "file is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(validLength)); "
                            + "GraphQL files must be saved as UTF-8", in: prefix, at: validLength))
            }
        }
        if bytes.contains(0) {
            let offset = bytes.firstIndex(of: 0) ?? 0
            let prefix = SourceFile(path: path, text: String(decoding: bytes[..<offset], as: UTF8.self))
            return .failure(.error("file contains a NUL byte: it looks binary, not GraphQL text", in: prefix, at: offset))
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(SourceFile(path: path, text: text))
    }

    /// Parses GraphQL text; syntax errors become a diagnostic at the offending character.
    static func parseGraphQL(_ file: SourceFile, expecting what: String) -> Result<Document, Diagnostic> {
        if isBlank(file.text) {
            return .failure(.error("file is empty: it contains no \(what); add one or remove the file", in: file, at: 0))
        }
        if let offset = NestingDepth.firstExcess(in: file.text) {
            return .failure(.error(
                "nesting goes deeper than \(NestingDepth.maximum) levels here ({, [ or ( inside one another); "
                    + "fgql reads at most \(NestingDepth.maximum): flatten the selection, list or input value",
                in: file, at: offset))
        }
        do {
            return .success(try parse(source: Source(body: file.text, name: file.path)))
        } catch let error as GraphQLError {
            return .failure(.error(syntaxMessage(error, file: file), in: file, at: error.positions.first ?? 0))
        } catch {
            return .failure(.error("cannot parse: \(reason(error))", in: file))
        }
    }

    /// Strips the library's own position and code excerpt: the diagnostic carries the (correct) position.
    private static func syntaxMessage(_ error: GraphQLError, file: SourceFile) -> String {
        var message = error.message
        if let excerpt = message.range(of: "\n\n") { message = String(message[..<excerpt.lowerBound]) }
        let prefix = "Syntax Error \(file.path) ("
        if message.hasPrefix(prefix), let end = message.range(of: ") ", range: message.index(message.startIndex, offsetBy: prefix.count)..<message.endIndex) {
            message = "syntax error: " + message[end.upperBound...]
        }
        return message
    }

    /// Whether the text holds nothing but whitespace, commas and comments.
    private static func isBlank(_ text: String) -> Bool {
        var inComment = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r": inComment = false
            case _ where inComment: continue
            case "#": inComment = true
            case " ", "\t", ",", "\u{FEFF}": continue
            default: return false
            }
        }
        return true
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        // Reading a missing file reports one of these, depending on the platform and the API.
        if nsError.domain == NSCocoaErrorDomain, [NSFileReadNoSuchFileError, NSFileNoSuchFileError].contains(nsError.code)
            || nsError.domain == NSPOSIXErrorDomain && nsError.code == Int(ENOENT)
        {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}

extension GraphQLError {
    /// The diagnostic for this error, positioned from the node's UTF-8 offset in its source file.
    func diagnostic(in files: [String: SourceFile], severity: Diagnostic.Severity = .error) -> Diagnostic {
        // "There can be only one …" lists the first definition, then the duplicate: point at the duplicate.
        let primary = message.hasPrefix("There can be only one") ? nodes.reversed() : nodes
        let location = primary.lazy.compactMap(\.loc).first
        let sourceName = location?.source.name ?? source?.name
        let offset = location?.start ?? positions.first
        guard let sourceName, let file = files[sourceName] else {
            return Diagnostic(severity: severity, message: message)
        }
        var diagnostic = Diagnostic.error(message, in: file, at: offset)
        diagnostic.severity = severity
        return diagnostic
    }
}
