import FlatfileGraphQL
import FlatfilePlatform
import Foundation
import GraphQLCodegen
import Testing

@Suite("Platform schema")
struct PlatformSchemaTests {
    @Test("The embedded SDL is queries/platform/schema.graphqls byte for byte")
    func embeddedSDLMatchesTheFile() throws {
        let file = packageRoot.appendingPathComponent("queries/platform/schema.graphqls")
        let text = try String(contentsOf: file, encoding: .utf8)
        let embedding = packageRoot.appendingPathComponent("Sources/FlatfilePlatform/FlatfilePlatformSchema.swift")
        if ProcessInfo.processInfo.environment["FGQL_UPDATE_EMBEDDED"] == "1" {
            let literalStart = "    public static let sdl = #\"\"\"\n"
            let source = try String(contentsOf: embedding, encoding: .utf8)
            let header = try #require(source.components(separatedBy: literalStart).first)
            // A multi-line literal drops the line break before its closing delimiter: one extra keeps the last one.
            try (header + literalStart + text + "\n\"\"\"#\n}\n").write(to: embedding, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            FlatfilePlatformSchema.sdl == text,
            "Sources/FlatfilePlatform/FlatfilePlatformSchema.swift is out of date: run FGQL_UPDATE_EMBEDDED=1 swift test --filter PlatformSchemaTests")
    }

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
