import Foundation
import Testing

import GraphQLCodegen

/// GitHub's public schema, kept beside the repository (`../shared/fixtures`) rather than in it.
private let gitHubSchema = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/github-schema.graphqls")

/// Realistic operations against GitHub's public schema (1.2 MB SDL, 900+ types); skipped where the file is absent.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: gitHubSchema.path)))
struct GitHubSchemaTests {

    static let operations = """
        query RepositoryIssues($owner: String!, $name: String!, $first: Int = 20, $after: String) {
          repository(owner: $owner, name: $name) {
            id
            nameWithOwner
            stargazerCount
            issues(first: $first, after: $after, states: [OPEN], orderBy: {field: CREATED_AT, direction: DESC}) {
              totalCount
              pageInfo { hasNextPage endCursor }
              nodes {
                number
                title
                state
                createdAt
                author { login avatarUrl ... on User { name } }
                labels(first: 10) { nodes { name color } }
              }
            }
          }
        }

        query Search($query: String!, $type: SearchType!) {
          search(query: $query, type: $type, first: 10) {
            repositoryCount
            nodes {
              __typename
              ... on Repository { nameWithOwner description }
              ... on User { login }
              ... on Issue { number title }
            }
          }
        }

        query Viewer {
          viewer { login name repositories(first: 5) { nodes { ...RepoFields } } }
        }

        fragment RepoFields on Repository { id name isPrivate primaryLanguage { name color } }

        mutation AddStar($id: ID!) {
          addStar(input: {starrableId: $id}) { starrable { id viewerHasStarred } }
        }

        mutation CreateIssue($input: CreateIssueInput!) {
          createIssue(input: $input) { issue { number url } }
        }
        """

    @Test func realisticOperationsGenerate() throws {
        let workspace = try Workspace(["github.graphql": Self.operations])
        let result = Codegen.generate(
            schemaFile: gitHubSchema.path, documentFiles: [workspace.path("github.graphql")],
            configuration: Configuration(namespace: "GitHub"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let operations = try #require(result.files.first { $0.name == "github.graphql.swift" })
        for name in ["RepositoryIssuesQuery", "SearchQuery", "ViewerQuery", "RepoFields", "AddStarMutation", "CreateIssueMutation"] {
            #expect(operations.contents.contains("public struct \(name): "))
        }
        // Only the schema types the operations use: a handful of the schema's hundreds of enums and inputs.
        let types = try #require(result.files.first { $0.name == Codegen.schemaTypesFileName })
        let declared = types.contents.components(separatedBy: "\n").filter { $0.hasPrefix("    public enum ") || $0.hasPrefix("    public struct ") }
        #expect(declared.map { $0.split(separator: " ")[2].split(separator: ":")[0] }.sorted()
            == ["CreateIssueInput", "IssueState", "SearchType"])
    }
}
