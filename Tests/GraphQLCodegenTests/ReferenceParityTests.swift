import Foundation
import Testing

import GraphQLCodegen

/// fgql validates as graphql-js does: every document of Tests/Oracle/Corpus is accepted or rejected as graphql-core
/// (graphql-js's Python port, installed on first use by Tests/Oracle/python.sh) accepts or rejects it, and where
/// fields cannot be merged both report the same conflicts at the same places.
@Suite(.enabled(if: ReferenceValidator.python3IsInstalled, "python3 is not installed: the graphql-core parity check needs it"))
struct ReferenceParityTests {
    @Test func everyCorpusDocumentGetsGraphQLCoresVerdict() throws {
        let validator = try ReferenceValidator.installed()
        var documents = 0
        var disagreements: [String] = []
        var conflictDocuments = 0
        for schema in try OracleCorpus.schemas() {
            let references = try validator.validate(schema: schema.schemaFile, documents: schema.documents)
            for document in schema.documents {
                documents += 1
                let reference = try #require(references[document.path], "graphql-core gave no verdict for \(document.path)")
                let fgql = Codegen.validate(schemaFile: schema.schemaFile.path, documentFiles: [document.path])
                let comparison = VerdictComparison(
                    reference: FGQLOnlyRules.comparable(reference.errors), fgql: FGQLOnlyRules.comparable(fgql))
                if !comparison.referenceConflicts.isEmpty { conflictDocuments += 1 }
                if let disagreement = comparison.disagreement {
                    disagreements.append("\(schema.name)/\(document.lastPathComponent): \(disagreement)")
                }
            }
        }
        print("parity: \(documents - disagreements.count)/\(documents) documents agree with graphql-core "
            + "(\(conflictDocuments) with merge conflicts, compared by line:column and message)")
        #expect(documents >= 60)
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
    }
}

/// The rules in which fgql deliberately differs from graphql-js, all in one place.
enum FGQLOnlyRules {
    /// graphql-core's errors less those fgql reports as warnings: a fragment no operation spreads is still generated.
    static func comparable(_ errors: [ReferenceValidator.Error]) -> [ReferenceValidator.Error] {
        errors.filter { !($0.message.hasPrefix("Fragment ") && $0.message.hasSuffix(" is never used.")) }
    }

    /// fgql's errors less those of its own rules: every operation is named, since the name becomes a Swift type, and
    /// `__schema`/`__type` are not generated (`fgql schema fetch` gets the schema). Deprecated fields and unused
    /// fragments are warnings, so they are not errors to begin with.
    static func comparable(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let ownRules = ["operations must be named", "introspection field "]
        return diagnostics.filter { diagnostic in
            diagnostic.isError && !ownRules.contains { diagnostic.message.hasPrefix($0) }
        }
    }
}

/// One document's errors from graphql-core and from fgql, side by side.
struct VerdictComparison {
    /// A merge conflict as both print it: position and message (graphql-core quotes names with `'`, graphql-js `"`).
    struct Conflict: Comparable, CustomStringConvertible {
        let line: Int
        let column: Int
        let message: String
        static func < (a: Self, b: Self) -> Bool { (a.line, a.column, a.message) < (b.line, b.column, b.message) }
        var description: String { "\(line):\(column) \(message)" }
    }

    let referenceAccepts: Bool
    let fgqlAccepts: Bool
    let referenceConflicts: [Conflict]
    let fgqlConflicts: [Conflict]
    let firstReferenceError: String?
    let firstFGQLError: String?

    init(reference: [ReferenceValidator.Error], fgql: [Diagnostic]) {
        referenceAccepts = reference.isEmpty
        fgqlAccepts = fgql.isEmpty
        referenceConflicts = reference.compactMap { error in
            let message = error.message.replacingOccurrences(of: "'", with: "\"")
            guard Self.isMergeConflict(message), let line = error.line, let column = error.column else { return nil }
            return Conflict(line: line, column: column, message: message)
        }.sorted()
        fgqlConflicts = fgql.compactMap { diagnostic in
            guard Self.isMergeConflict(diagnostic.message), let line = diagnostic.line else { return nil }
            return Conflict(line: line, column: diagnostic.column ?? 1, message: diagnostic.message)
        }.sorted()
        firstReferenceError = reference.first.map(\.message)
        firstFGQLError = fgql.first.map(\.description)
    }

    /// Why the two disagree, or `nil` when they agree.
    var disagreement: String? {
        if referenceAccepts != fgqlAccepts {
            return referenceAccepts
                ? "graphql-core accepts it, fgql rejects it: \(firstFGQLError ?? "")"
                : "graphql-core rejects it (\(firstReferenceError ?? "")), fgql accepts it"
        }
        if referenceConflicts != fgqlConflicts {
            return "merge conflicts differ:\n  graphql-core: \(referenceConflicts)\n  fgql:         \(fgqlConflicts)"
        }
        return nil
    }

    private static func isMergeConflict(_ message: String) -> Bool {
        message.hasPrefix("Fields \"") && message.contains(" conflict because ")
    }
}

/// The parity corpus: one folder per schema, each with `schema.graphqls` and documents validated one by one.
enum OracleCorpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Oracle")

    struct Schema {
        let name: String
        let schemaFile: URL
        let documents: [URL]
    }

    static func schemas() throws -> [Schema] {
        let corpus = root.appendingPathComponent("Corpus")
        let files = FileManager.default
        return try files.contentsOfDirectory(atPath: corpus.path).sorted().map { name in
            let folder = corpus.appendingPathComponent(name)
            let documents = try files.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".graphql") }.sorted().map { folder.appendingPathComponent($0) }
            return Schema(name: name, schemaFile: folder.appendingPathComponent("schema.graphqls"), documents: documents)
        }
    }
}

/// graphql-core run by Tests/Oracle/graphql_core_validate.py in the virtual environment Tests/Oracle/python.sh keeps.
struct ReferenceValidator {
    struct Error: Decodable {
        let message: String
        let line: Int?
        let column: Int?
    }

    struct Verdict: Decodable {
        let path: String
        let accepted: Bool
        let errors: [Error]
    }

    private struct Output: Decodable { let documents: [Verdict] }

    struct Failure: Swift.Error, CustomStringConvertible {
        let description: String
    }

    let python: URL

    static var python3IsInstalled: Bool {
        (try? run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "--version"]).status) == 0
    }

    /// The validator, creating its virtual environment (with graphql-core from PyPI) when there is none yet.
    static func installed() throws -> ReferenceValidator {
        let script = OracleCorpus.root.appendingPathComponent("python.sh")
        let result = try run(URL(fileURLWithPath: "/bin/bash"), [script.path])
        guard result.status == 0, let path = result.output.split(separator: "\n").last else {
            throw Failure(description: "Tests/Oracle/python.sh could not install graphql-core (exit \(result.status)): \(result.errors)")
        }
        return ReferenceValidator(python: URL(fileURLWithPath: String(path)))
    }

    /// graphql-core's verdict on each document, by path.
    func validate(schema: URL, documents: [URL]) throws -> [String: Verdict] {
        let script = OracleCorpus.root.appendingPathComponent("graphql_core_validate.py")
        let result = try Self.run(python, [script.path, schema.path] + documents.map(\.path))
        guard result.status == 0 else {
            throw Failure(description: "graphql_core_validate.py failed (exit \(result.status)): \(result.errors)")
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(result.output.utf8))
        return Dictionary(output.documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Runs a program to its end; its output goes to files, so neither stream can fill up and stall it.
    private static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("stdout")
        let errorFile = folder.appendingPathComponent("stderr")
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = try FileHandle(forWritingTo: outputFile)
        let errors = try FileHandle(forWritingTo: errorFile)
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus,
            try String(contentsOf: outputFile, encoding: .utf8),
            try String(contentsOf: errorFile, encoding: .utf8)
        )
    }
}
