import FlatfileGraphQL
import FlatfilePlatform
import Foundation
import GraphQLCodegen
import Testing

@Suite("Platform schema")
struct PlatformSchemaTests {
    @Test("The schema builds: every field's @rest and @derived directive is understood")
    func schemaBuilds() async throws {
        // The first request builds the executable schema, reading every field's directives; a directive it cannot
        // read fails every request with a configuration error. Introspection makes no REST call, so no server is
        // needed.
        let client = GraphQLClient.flatfilePlatform(
            credentials: .personalAccessToken("pat_unit"), platformURL: URL(string: "http://127.0.0.1:9")!,
            options: GraphQLClientOptions(retryPolicy: .never))
        let response = try await client.execute(document: "{ __schema { queryType { name } } }")
        #expect(response.errors.isEmpty)
        #expect(response.data?["__schema"]?["queryType"]?["name"]?.stringValue == "Query")
    }

    @Test("The saved platform queries' fgql.json names the platform endpoint")
    func configurationNamesTheEndpoint() throws {
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent("queries/platform/fgql.json"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["endpoint"] as? String == "flatfile-platform")
        #expect(Configuration.knownEndpoints.contains("flatfile-platform"))
    }
}
