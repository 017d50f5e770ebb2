import Foundation
import Testing

import GraphQLCodegen

private let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
/// GitHub's public schema (octokit/graphql-schema, MIT: see Tests/Fixtures/GitHub/README.md).
private let gitHubSchema = packageRoot.appendingPathComponent("Tests/Fixtures/GitHub/schema.graphqls")

/// Realistic operations against GitHub's public schema (1.2 MB SDL, 900+ types): the ones fgql-bench times. Their
/// output is reviewed and compiled in Tests/GitHubGeneratedCodeTests.
@Suite
struct GitHubSchemaTests {
    static let operations = packageRoot.appendingPathComponent("Tests/Benchmarks/GitHubOperations")
    static let reviewed = packageRoot.appendingPathComponent("Tests/GitHubGeneratedCodeTests")

    static func generate() throws -> CodegenResult {
        let documents = try FileManager.default.contentsOfDirectory(atPath: operations.path)
            .filter { $0.hasSuffix(".graphql") }.sorted().map { operations.appendingPathComponent($0).path }
        return Codegen.generate(
            schemaFile: gitHubSchema.path, documentFiles: documents,
            configurationFile: reviewed.appendingPathComponent("fgql.json").path)
    }

    @Test func outputEqualsTheReviewedAndCompiledFiles() throws {
        try expectReviewed(Self.generate(), in: Self.reviewed.appendingPathComponent("Generated"))
    }

    @Test func onlyTheSchemaTypesTheOperationsUseAreGenerated() throws {
        let result = try Self.generate()
        let types = try #require(result.files.first { $0.name == Codegen.schemaTypesFileName })
        let declared = types.contents.components(separatedBy: "\n")
            .filter { $0.hasPrefix("    public enum ") || $0.hasPrefix("    public struct ") }
        // A handful of the schema's hundreds of enums and input objects.
        #expect((1..<40).contains(declared.count), "\(declared)")
        #expect(declared.contains { $0.contains(" CreateIssueInput:") } && declared.contains { $0.contains(" ReactionContent:") })
        #expect(!declared.contains { $0.contains(" EnterpriseAdministratorRole") })
    }
}
