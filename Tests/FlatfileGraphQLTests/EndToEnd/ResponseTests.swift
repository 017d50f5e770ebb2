import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import Testing

@Suite("Responses from the sandbox")
struct ResponseTests {
    @Test("partial data and errors come through intact")
    func partialData() async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox)
            let error = await expectFailure { try await client.fetch(FoundAndMissingQuery()) }
            guard case .graphQL(let failure) = error else {
                Issue.record("expected GraphQL errors, got \(String(describing: error))")
                return
            }
            #expect(failure.operationName == "FoundAndMissing")
            #expect(failure.errors.count == 1)
            #expect(failure.errors.first?.path == [.key("missing")])
            #expect(failure.errors.first?.locations.isEmpty == false)
            #expect(failure.errors.first?.extensions?["code"] == "NOT_FOUND")
            let partial = try #require(try failure.partialData(as: FoundAndMissingQuery.Data.self))
            #expect(partial.found?.data?.count == 1)
            #expect(partial.missing == nil)
            expectNoSecrets(in: error, tokens: [await currentToken(of: client) ?? ""])

            let result = try await client.result(for: FoundAndMissingQuery())
            #expect(result.data?.found?.data?.count == 1)
            #expect(result.errors == failure.errors)
        }
    }

    @Test("raw execution returns the response with members in the server's order")
    func rawExecution() async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox)
            let response = try await client.execute(
                document: "query Batches($key: String!) { getBatches(licenseKey: $key, take: 2) { pagination { totalCount } data { status id } } }",
                variables: ["key": .string(SandboxDemo.licenseKey)])
            #expect(response.errors.isEmpty)
            let list = try #require(response.data?["getBatches"])
            #expect(list.objectValue?.keys == ["pagination", "data"])
            #expect(list["data"]?[0]?.objectValue?.keys == ["status", "id"])
            #expect(list["data"]?.arrayValue?.count == 2)
        }
    }

    @Test("rows of a large JSON scalar decode into typed data with their members in order")
    func largeJSONScalar() async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox)
            let response = try await client.execute(document: "{ getFinalDatabaseView(limit: 5000) { rows totalRows } }")
            #expect(response.errors.isEmpty)
            let rows = try #require(response.data?["getFinalDatabaseView"]?["rows"]?.arrayValue)
            #expect(!rows.isEmpty)
            #expect(rows.first?.objectValue?.keys.first == "id")
        }
    }

    @Test("a document the server rejects comes back as GraphQL errors, not an HTTP failure")
    func validationErrors() async throws {
        try await withSandbox { sandbox in
            let client = sandboxClient(sandbox)
            let response = try await client.execute(document: "{ noSuchField }")
            #expect(response.data == nil)
            #expect(response.errors.first?.message.contains("noSuchField") == true)
            #expect(response.errors.first?.locations.first == GraphQLError.Location(line: 1, column: 3))
        }
    }

    @Test("any GraphQL server works through the generic client with custom headers")
    func genericClient() async throws {
        try await withSandbox { sandbox in
            let client = GraphQLClient(
                endpoint: sandbox.graphQLURL, headers: ["Authorization": "Bearer \(SandboxDemo.personalAccessToken)"],
                options: quickRetries)
            let data = try await client.fetch(GetBatchesQuery())
            #expect(data.getBatches?.data?.isEmpty == false)

            let refused = GraphQLClient(endpoint: sandbox.graphQLURL, headers: ["Authorization": "Bearer wrong-token-1"])
            let response = try await refused.execute(document: GetBatchesQuery.document,
                                                     variables: ["licenseKey": .string(SandboxDemo.licenseKey)])
            #expect(response.errors.first?.isUnauthorized == true)
        }
    }
}
