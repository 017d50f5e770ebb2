import Foundation
import Testing

@testable import GraphQLCodegen

/// The output folder holds the old set of generated files or the new one, never a mix, and never loses a file the
/// user wrote.
@Suite struct OutputWriterTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-output-\(UUID().uuidString)")

    private func generated(_ name: String, _ body: String = "") -> GeneratedFile {
        GeneratedFile(name: name, contents: "\(OutputWriter.generatedHeader) from \(name). Do not edit.\n\(body)")
    }

    private func contents(_ name: String) -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { String(decoding: $0, as: UTF8.self) }
    }

    private var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func filesGeneratedForInputsThatAreGoneAreRemovedAndTheUsersFilesStay() throws {
        try OutputWriter.write([generated("a.graphql.swift"), generated("b.graphql.swift")], to: folder.path)
        try Data("// my own helpers\n".utf8).write(to: folder.appendingPathComponent("Helpers.swift"))
        try Data("notes\n".utf8).write(to: folder.appendingPathComponent("README.md"))

        let changed = try OutputWriter.write([generated("a.graphql.swift")], to: folder.path)
        #expect(changed == ["b.graphql.swift"], "b was removed; a is unchanged and not rewritten")
        #expect(names == ["Helpers.swift", "README.md", "a.graphql.swift"])
    }

    @Test func aWriteThatFailsMidwayLeavesEveryFileAsItWas() throws {
        try OutputWriter.write([generated("a.graphql.swift", "old a"), generated("b.graphql.swift", "old b")], to: folder.path)
        let failingSecondWrite = OutputWriter.FileSystem(write: { data, url in
            if url.lastPathComponent == "b.graphql.swift" { throw CocoaError(.fileWriteOutOfSpace) }
            try data.write(to: url)
        })
        let error = try #require(throws: OutputWriter.Refusal.self) {
            try OutputWriter.write(
                [generated("a.graphql.swift", "new a"), generated("b.graphql.swift", "new b")], to: folder.path,
                fileSystem: failingSecondWrite)
        }
        #expect("\(error)".contains("b.graphql.swift"))
        #expect("\(error)".hasSuffix("Nothing was changed in the output folder."))
        #expect(contents("a.graphql.swift")?.hasSuffix("old a") == true)
        #expect(contents("b.graphql.swift")?.hasSuffix("old b") == true)
        #expect(names == ["a.graphql.swift", "b.graphql.swift"], "no staging folder is left behind")
    }

    @Test func aFileTheUserWroteIsNeverOverwrittenAndThenNothingIsWritten() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("struct Mine {}\n".utf8).write(to: folder.appendingPathComponent("b.graphql.swift"))
        #expect(throws: OutputWriter.Refusal.self) {
            try OutputWriter.write([generated("a.graphql.swift"), generated("b.graphql.swift")], to: folder.path)
        }
        #expect(names == ["b.graphql.swift"])
        #expect(contents("b.graphql.swift") == "struct Mine {}\n")
    }
}
