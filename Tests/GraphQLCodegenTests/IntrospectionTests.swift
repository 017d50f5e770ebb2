import Foundation
import GraphQL
import Testing

@testable import GraphQLCodegen

/// A schema given as introspection JSON (what `fgql schema fetch` can save) works like its SDL.
@Suite struct IntrospectionTests {
    /// The golden schema without input-field default values: GraphQL 4.3.0's introspection resolver reports
    /// defaults of arguments only (it casts input fields to `GraphQLArgumentDefinition`), so they cannot round-trip
    /// through it. Real servers report them, and the converter prints them (see `defaultValuesAreKept`).
    static func sdlWithoutInputFieldDefaults() throws -> String {
        try String(contentsOf: GoldenTests.inputs.appendingPathComponent("schema.graphqls"), encoding: .utf8)
            .replacingOccurrences(of: "minIndex: Int! = 0", with: "minIndex: Int")
            .replacingOccurrences(of: "text: String = \"x\"", with: "text: String")
    }

    static func introspect(_ sdl: String) async throws -> String {
        let result = try await graphql(schema: try buildSchema(source: sdl), request: SchemaIntrospection.query)
        #expect(result.errors.isEmpty, "\(result.errors)")
        return String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
    }

    /// The introspection JSON with each `possibleTypes` list sorted by name.
    static func normalized(_ json: String) throws -> NSObject {
        func sort(_ value: Any) -> Any {
            switch value {
            case let object as [String: Any]:
                var result = object.mapValues(sort)
                if let types = result["possibleTypes"] as? [[String: Any]] {
                    result["possibleTypes"] = types.sorted { "\($0["name"] ?? "")" < "\($1["name"] ?? "")" }
                }
                return result
            case let array as [Any]: return array.map(sort)
            default: return value
            }
        }
        return try #require(sort(try JSONSerialization.jsonObject(with: Data(json.utf8))) as? NSObject)
    }

    @Test func convertedSchemaIntrospectsLikeTheOriginal() async throws {
        let sdl = try Self.sdlWithoutInputFieldDefaults()
        let json = try await Self.introspect(sdl)
        let converted = try IntrospectionToSDL.convert(SourceFile(path: "schema.json", text: json)).get()
        // The library's introspection sorts types and fields (and lists a union's members in type order), so compare
        // introspection results, not SDL text.
        #expect(try Self.normalized(try await Self.introspect(converted)) == Self.normalized(json))
    }

    @Test func generatingFromIntrospectionJSONGivesTheSameFiles() async throws {
        let sdl = try Self.sdlWithoutInputFieldDefaults()
        let workspace = try Workspace(["schema.json": try await Self.introspect(sdl), "schema.graphqls": sdl])
        let documents = try GoldenTests.documents()
        let config = GoldenTests.inputs.appendingPathComponent("fgql.json").path
        let fromJSON = Codegen.generate(schemaFile: workspace.path("schema.json"), documentFiles: documents, configurationFile: config)
        #expect(fromJSON.succeeded, "\(fromJSON.diagnostics)")
        let fromSDL = Codegen.generate(schemaFile: workspace.path("schema.graphqls"), documentFiles: documents, configurationFile: config).files
        #expect(fromJSON.files.map(\.name) == fromSDL.map(\.name))
        // Operation files follow the documents, so they match exactly; the schema types file follows the schema's
        // field order, which the library's introspection sorts alphabetically.
        let operationFiles = { (files: [GeneratedFile]) in files.filter { $0.name != Codegen.schemaTypesFileName } }
        #expect(operationFiles(fromJSON.files) == operationFiles(fromSDL), "operation files differ between the JSON and the SDL schema")
    }

    @Test func defaultValuesAreKept() throws {
        let json = """
            {"__schema": {"queryType": {"name": "Query"}, "directives": [], "types": [
              {"kind": "OBJECT", "name": "Query", "interfaces": [], "fields": [
                {"name": "items", "args": [{"name": "filter", "type": {"kind": "INPUT_OBJECT", "name": "Filter"}, "defaultValue": null}],
                 "type": {"kind": "SCALAR", "name": "String"}, "isDeprecated": false}]},
              {"kind": "INPUT_OBJECT", "name": "Filter", "inputFields": [
                {"name": "text", "type": {"kind": "SCALAR", "name": "String"}, "defaultValue": "\\"x\\""},
                {"name": "limit", "type": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "Int"}}, "defaultValue": "10"}]}
            ]}}
            """
        let sdl = try IntrospectionToSDL.convert(SourceFile(path: "schema.json", text: json)).get()
        #expect(sdl.contains("  text: String = \"x\"\n  limit: Int! = 10\n"))
    }

    @Test func jsonThatIsNotAnIntrospectionResultIsNamed() throws {
        let workspace = try Workspace(["schema.json": #"{"data": {"viewer": {}}}"#, "q.graphql": "query Q { a }"])
        #expect(workspace.diagnostics(schema: "schema.json", documents: ["q.graphql"]) == [
            "schema.json: error: invalid introspection JSON: no \"__schema\" object: expected the JSON of an introspection query result"
        ])
    }
}
