import Foundation
import GraphQLCodegen

/// A temporary folder of input files, and the generator run over them with paths reported relative to it.
struct Workspace {
    let directory: URL

    init(files: [String: Data]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-codegen-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, contents) in files { try contents.write(to: directory.appendingPathComponent(name)) }
    }

    init(_ files: [String: String]) throws {
        try self.init(files: files.mapValues { Data($0.utf8) })
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs the generator on `schema` and the `.graphql` files in name order.
    func generate(schema: String = "schema.graphqls", documents: [String], config: String? = nil) -> CodegenResult {
        var result = Codegen.generate(
            schemaFile: path(schema), documentFiles: documents.map(path), configurationFile: config.map(path))
        result.diagnostics = result.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.path = diagnostic.path.map { $0.replacingOccurrences(of: directory.path + "/", with: "") }
            return diagnostic
        }
        return result
    }

    /// The diagnostics' printed lines.
    func diagnostics(schema: String = "schema.graphqls", documents: [String], config: String? = nil) -> [String] {
        generate(schema: schema, documents: documents, config: config).diagnostics.map(\.description)
    }
}
