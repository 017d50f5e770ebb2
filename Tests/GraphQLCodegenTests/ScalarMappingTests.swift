import Foundation
import Testing

@testable import GraphQLCodegen

/// `fgql.json`'s `"scalars"`: plain type names and the `{"type", "format"}` object form, every bad value named at its
/// line, and a warning for each custom scalar the operations use but nobody mapped.
@Suite struct ScalarMappingTests {
    static let schema = """
        "When something happened."
        scalar DateTime
        scalar Money
        scalar Unused
        type Query { item(since: DateTime): Item }
        type Item { at: DateTime! price: Money other: Unused }
        """
    static let query = "query GetItem($since: DateTime) { item(since: $since) { at price } }\n"

    static func configuration(_ json: String) -> (Configuration, [String]) {
        let (configuration, diagnostics) = Configuration.load(SourceFile(path: "fgql.json", text: json))
        return (configuration, diagnostics.map(\.description))
    }

    @Test func typeNamesAndTheObjectFormSelectTheFormatsGeneratedCodeUses() {
        let (configuration, diagnostics) = Self.configuration("""
            {"scalars": {
              "A": "Date", "B": "Foundation.Date", "C": {"type": "Date"}, "D": {"type": "Date", "format": "iso8601-fractional"},
              "E": {"type": "Date", "format": "epoch-seconds"}, "F": {"type": "Date", "format": "epoch-milliseconds"},
              "G": {"type": "Money", "format": "MinorUnitsFormat"}, "H": "URL", "I": {"type": "Decimal"}
            }}
            """)
        #expect(diagnostics.isEmpty)
        #expect(configuration.scalars == [
            "A": "Date", "B": "Foundation.Date", "C": "Date", "D": "Date", "E": "Date", "F": "Date", "G": "Money",
            "H": "URL", "I": "Decimal",
        ])
        #expect(configuration.scalarFormats == [
            "A": "GraphQLDateFormat.ISO8601", "B": "GraphQLDateFormat.ISO8601", "C": "GraphQLDateFormat.ISO8601",
            "D": "GraphQLDateFormat.ISO8601FractionalSeconds", "E": "GraphQLDateFormat.EpochSeconds",
            "F": "GraphQLDateFormat.EpochMilliseconds", "G": "MinorUnitsFormat",
        ])
    }

    @Test func everyBadScalarValueIsAnErrorAtItsLineWithWhatToWrite() {
        let (_, diagnostics) = Self.configuration("""
            {
              "scalars": {
                "A": 5,
                "B": {"type": "Date", "format": "iso"},
                "C": {"type": "String", "format": "iso8601"},
                "D": {"format": "iso8601"},
                "E": {"type": "Date", "zone": "UTC"},
                "F": {"type": "Date", "format": 3},
                "G": "not a type"
              }
            }
            """)
        let formats = #""iso8601", "iso8601-fractional", "epoch-seconds", "epoch-milliseconds", or the name of a Swift type conforming to GraphQLScalarFormat"#
        #expect(diagnostics == [
            #"fgql.json:3:5: error: scalar "A" must map to a Swift type name such as "String", or an object like {"type": "Date", "format": "epoch-milliseconds"}"#,
            #"fgql.json:4:5: error: scalar "B" has an unknown format "iso"; the formats are "# + formats,
            #"fgql.json:5:5: error: scalar "C" has format "iso8601", which is for "Date", not "String"; leave "format" out, or name a Swift type conforming to GraphQLScalarFormat whose Value is String"#,
            #"fgql.json:6:5: error: scalar "D" needs "type": a Swift type name such as "Date""#,
            #"fgql.json:7:5: error: scalar "E" has an unknown setting "zone"; an object mapping takes "type" and "format""#,
            #"fgql.json:8:5: error: scalar "F" has a "format" that is not a string; the formats are "# + formats,
            #"fgql.json:9:5: error: scalar "G" must map to a Swift type name such as "String", "Date" or "JSONValue""#,
        ])
    }

    @Test func anUnmappedScalarTheOperationsUseIsOneWarningAtItsDefinition() throws {
        let workspace = try Workspace(["schema.graphqls": Self.schema, "q.graphql": Self.query])
        let expected = [
            #"schema.graphqls:1:1: warning: custom scalar "DateTime" is decoded as JSONValue; map it to a Swift type in fgql.json, e.g. "scalars": {"DateTime": "Date"}"#,
            #"schema.graphqls:3:1: warning: custom scalar "Money" is decoded as JSONValue; map it to a Swift type in fgql.json, e.g. "scalars": {"Money": "String"}"#,
        ]
        #expect(workspace.diagnostics(documents: ["q.graphql"]) == expected)

        // The build plugin's path: a cached schema is planned against the subset the operations reach.
        var timings = CodegenTimings()
        for _ in 0..<2 {
            let cached = Codegen.generate(
                schemaFile: workspace.path("schema.graphqls"), documentFiles: [workspace.path("q.graphql")],
                schemaCacheDirectory: workspace.path("cache"), timings: &timings)
            #expect(cached.succeeded && !cached.files.isEmpty)
            #expect(cached.diagnostics.map { $0.description.replacingOccurrences(of: workspace.directory.path + "/", with: "") } == expected)
        }
    }

    @Test func aMappedScalarIsNoWarningAndFoundationIsImportedOnlyForTypesThatNeedIt() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema, "q.graphql": Self.query,
            "dates.json": #"{"scalars": {"DateTime": "Date", "Money": "Decimal"}}"#,
            "strings.json": #"{"scalars": {"DateTime": "String", "Money": "Swift.Int"}}"#,
        ])
        let dates = workspace.generate(documents: ["q.graphql"], config: "dates.json")
        #expect(dates.diagnostics.isEmpty)
        let operation = try #require(dates.files.first { $0.name == "q.graphql.swift" }).contents
        #expect(operation.contains("import FlatfileGraphQL\nimport Foundation\n"))
        #expect(operation.contains("public let at: Date\n"))
        #expect(operation.contains("self.at = try container.decode(GraphQLFormatted<GraphQLDateFormat.ISO8601>.self, forKey: .at).value\n"))
        #expect(operation.contains("try container.encode(self.since.map { GraphQLFormatted<GraphQLDateFormat.ISO8601>($0) }, forKey: .since)\n"))
        #expect(operation.contains("self.price = try container.decodeIfPresent(Decimal.self, forKey: .price)\n"))

        let strings = workspace.generate(documents: ["q.graphql"], config: "strings.json")
        #expect(strings.diagnostics.isEmpty)
        #expect(strings.files.allSatisfy { !$0.contents.contains("import Foundation") })
        #expect(strings.files.allSatisfy { !$0.contents.contains("GraphQLFormatted") })
    }
}
