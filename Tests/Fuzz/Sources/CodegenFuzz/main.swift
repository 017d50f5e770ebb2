import Foundation
import FuzzDriver
import GraphQLCodegen

/// The first NUL byte splits an input into schema text and document text; later NUL bytes stay in the document
/// so the generator's "looks binary" check is exercised too. Seeds are `schema + "\0" + document`.
private let separator: UInt8 = 0

/// One private directory per process: the generator reads files, so each input is written there first.
private let directory: URL = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = URL(fileURLWithPath: base).appendingPathComponent("fgql-codegen-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()
private let schemaFile = directory.appendingPathComponent("schema.graphqls")
private let documentFile = directory.appendingPathComponent("operations.graphql")

/// One input: must return 0 whatever the bytes; a crash, trap or sanitizer report is the finding.
private func fuzzCodegen(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let input = UnsafeBufferPointer(start: bytes, count: count)
    let split = input.firstIndex(of: separator) ?? count
    let schema = Data(input[..<split])
    let document = split < count ? Data(input[(split + 1)...]) : Data()
    do {
        try schema.write(to: schemaFile)
        try document.write(to: documentFile)
    } catch {
        fatalError("cannot write the fuzz input to \(directory.path): \(error)")
    }
    let result = Codegen.generate(
        schemaFile: schemaFile.path, documentFiles: [documentFile.path], configuration: Configuration())
    // The generator's contract: errors mean no files at all, and every error says something.
    if !result.succeeded && !result.files.isEmpty { fatalError("files written despite errors: \(result.diagnostics)") }
    if result.diagnostics.contains(where: { $0.message.isEmpty }) { fatalError("a diagnostic without a message") }
    return 0
}

// Last: the globals above must be initialized before libFuzzer takes over `main`.
fuzz { bytes, count in fuzzCodegen(bytes, count) }
