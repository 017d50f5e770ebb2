import Foundation
import GraphQLCodegen
import Testing

/// The files in `queries/` are what users run and what the plugin compiles: each must stay valid and documented.
@Suite("The saved query files")
struct SavedQueryFilesTests {
    static let operationFiles: [URL] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: queriesFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".graphql") }.sorted().map { queriesFolder.appendingPathComponent($0) }
    }()

    @Test("Every .graphql in queries/ validates against queries/schema.graphqls with no diagnostics")
    func allValidate() {
        let names = Set(Self.operationFiles.map { $0.deletingPathExtension().lastPathComponent })
        let library: Set = [
            "getBatches", "getBatch", "getFinalDatabaseView", "getSchemas", "getEmbeds", "getWorkspace",
            "fetchRowsWithSchema", "initializeEmptyBatch", "updateWorkbookRows", "queueUpdateRecordStatus",
            "createSchema", "updateSchema", "createEmbed", "updateEmbed",
        ]
        #expect(library.isSubset(of: names), "missing: \(library.subtracting(names).sorted())")
        // With the target's fgql.json, as the build plugin runs: it maps every custom scalar the queries use.
        let (configuration, problems) = Codegen.loadConfiguration(queriesFolder.appendingPathComponent("fgql.json").path)
        #expect(problems.isEmpty)
        let diagnostics = Codegen.validate(
            schemaFile: queriesFolder.appendingPathComponent("schema.graphqls").path,
            documentFiles: Self.operationFiles.map(\.path), configuration: configuration)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test("Each saved operation starts with a comment and is named like its file, in PascalCase", arguments: operationFiles)
    func documented(file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("# "), "\(file.lastPathComponent) must start with a comment saying what it does")
        let base = file.deletingPathExtension().lastPathComponent
        let pascal = base.prefix(1).uppercased() + base.dropFirst()
        #expect(["query", "mutation", "subscription"].contains { text.contains("\($0) \(pascal)") })
    }

    @Test("Each sidecar NAME.variables.json is a JSON object beside an operation that declares variables")
    func sidecars() throws {
        for file in Self.operationFiles {
            let sidecar = file.deletingPathExtension().appendingPathExtension("variables.json")
            let text = try String(contentsOf: file, encoding: .utf8)
            let declaresVariables = text.contains("$")
            #expect(FileManager.default.fileExists(atPath: sidecar.path) == declaresVariables, "\(sidecar.lastPathComponent)")
            if declaresVariables {
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: sidecar))
                #expect(object is [String: Any], "\(sidecar.lastPathComponent) must hold a JSON object")
            }
        }
    }
}
