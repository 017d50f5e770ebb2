import FlatfileGraphQL
import Foundation
import Testing

/// The generator's output for realistic operations on GitHub's public schema (1.2 MB SDL, 900+ types), compiled here.
/// Inputs: Tests/Benchmarks/GitHubOperations (also what fgql-bench times). GraphQLCodegenTests compares this output
/// with a fresh run from Tests/Fixtures/GitHub/schema.graphqls.
@Suite struct GitHubResponseTests {
    private func decode<Operation: GraphQLOperation>(_: Operation.Type, _ json: String) throws -> Operation.Data
    where Operation.Data: Encodable {
        let data = try JSONDecoder().decode(Operation.Data.self, from: Data(json.utf8))
        let reencoded = try JSONEncoder().encode(data)
        #expect(try JSONDecoder().decode(JSONValue.self, from: reencoded) == JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)))
        return data
    }

    @Test func anInterfaceFieldPicksTheViewOfItsType() throws {
        let data = try decode(NodeByIdQuery.self, """
            {"node": {"__typename": "PullRequest", "id": "PR_1", "number": 7, "title": "Fix", "merged": true}}
            """)
        #expect(data.node?.asPullRequest == .init(number: 7, title: "Fix", merged: true))
        #expect(data.node?.asIssue == nil && data.node?.asUser == nil && data.node?.asRepository == nil)

        let unknown = try decode(NodeByIdQuery.self, #"{"node": {"__typename": "Gist", "id": "G_1"}}"#)
        #expect(unknown.node?.id == "G_1")
        #expect(unknown.node?.asPullRequest == nil)
    }

    @Test func variablesAndDocumentsAreWhatGitHubExpects() throws {
        let query = NodeByIdQuery(id: "PR_1")
        #expect(try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(query.variables)) == ["id": "PR_1"])
        #expect(NodeByIdQuery.document.hasPrefix("query NodeById($id: ID!) {"))
        #expect(NodeByIdQuery.operationIdentifier.count == 64)
    }
}
