import FlatfileGraphQL
import Foundation
import GraphQLCodegen
import Testing

@testable import fgql

@Suite("Output formatting")
struct OutputTests {
    let response: JSONValue = [
        "data": [
            "getBatches": [
                "data": [["id": "b1", "status": "submitted"], ["id": "b2", "status": "evaluate"]],
                "pagination": ["totalCount": 2],
            ]
        ]
    ]

    @Test("--select walks members and list indexes")
    func selectWalksThePath() throws {
        #expect(try SelectPath(parsing: "data.getBatches.data[1].id").select(in: response) == "b2")
        #expect(try SelectPath(parsing: "data.getBatches.data.0.status").select(in: response) == "submitted")
    }

    @Test("--select names the missing member and what exists instead")
    func selectExplainsAMissingMember() throws {
        #expect {
            try SelectPath(parsing: "data.getBatches.items").select(in: response)
        } throws: { error in
            String(describing: error) == "--select data.getBatches.items: data.getBatches has no member \"items\" (it has: data, pagination)."
        }
        #expect {
            try SelectPath(parsing: "data.getBatches.data[5]").select(in: response)
        } throws: { error in
            String(describing: error).contains("has 2 element(s), so [5] is out of range")
        }
    }

    @Test("rows are the one list of objects in the result")
    func findsTheRows() throws {
        let rows = try RowFormatting.rows(in: response["data"]!, format: "csv")
        #expect(rows.count == 2)
        #expect(throws: CommandFailure.self) { try RowFormatting.rows(in: ["a": 1], format: "csv") }
    }

    @Test("CSV has a header, flattens nested objects and quotes what needs quoting")
    func csv() throws {
        let rows: [JSONValue] = [
            ["id": 1, "valid": false, "data": ["name": "Ada, Countess", "note": "said \"hi\""], "info": [["level": "error"]]],
            ["id": 2, "valid": true, "data": ["name": "Line\r\nbreak", "note": nil], "info": []],
        ]
        var writer = CSVWriter()
        var newColumns: [String] = []
        let text = writer.lines(for: rows, onNewColumn: { newColumns.append($0) })
        #expect(text == """
            id,valid,data.name,data.note,info\r
            1,false,"Ada, Countess","said ""hi""\","[{""level"":""error""}]"\r
            2,true,"Line\r
            break",,[]\r

            """)
        let later = writer.lines(for: [["id": 3, "extra": "x"]], onNewColumn: { newColumns.append($0) })
        #expect(later == "3,,,,\r\n")
        #expect(newColumns == ["extra"])
    }

    @Test("highlighting adds colours without changing the text")
    func highlighting() {
        let value: JSONValue = ["key": "va\"l", "n": -1.5, "t": true, "z": nil]
        let json = value.jsonString(.pretty)
        let highlighted = JSONHighlighter.highlight(json)
        #expect(highlighted.contains("\u{1B}[34;1m\"key\"\u{1B}[0m"))
        #expect(highlighted.contains("\u{1B}[32m\"va\\\"l\"\u{1B}[0m"))
        let stripped = highlighted.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == json)
    }
}

@Suite("Variables and headers")
struct VariableSourcesTests {
    /// The operation of `text`, read without a schema.
    static func operation(_ text: String) throws -> RunnableOperation {
        try RunnableDocument.load(contents: Data(text.utf8), name: "test.graphql", schemaPath: nil).operation(named: nil)
    }

    @Test("--var > --variables > sidecar > environment defaults, and defaults only for declared variables")
    func precedence() throws {
        let directory = try temporaryDirectory()
        let document = directory.appendingPathComponent("getBatches.graphql")
        try #"{"take": 10, "skip": 5, "licenseKey": "from-sidecar"}"#.write(
            to: VariableSources.sidecar(for: document), atomically: true, encoding: .utf8)
        let variablesFile = directory.appendingPathComponent("more.json")
        try #"{"skip": 20, "search": "acme"}"#.write(to: variablesFile, atomically: true, encoding: .utf8)
        let sources = VariableSources(
            document: document, variablesFile: variablesFile.path, assignments: ["search=globex", "flag=true"],
            environment: ["FLATFILE_LICENSE_KEY": "from-env", "FLATFILE_ENVIRONMENT_ID": "env-1"])
        let operation = try Self.operation(
            "query Q($licenseKey: String!, $take: Int, $skip: Int, $search: String, $flag: Boolean) { a }")
        let merged = try sources.merged(for: operation, log: StandardError())
        #expect(JSONValue.object(merged) == [
            "licenseKey": "from-sidecar", "take": 10, "skip": 20, "search": "globex", "flag": true,
        ])
        let fromEnvironment = try VariableSources(
            document: directory.appendingPathComponent("none.graphql"), variablesFile: nil, assignments: [],
            environment: ["FLATFILE_LICENSE_KEY": "from-env", "FLATFILE_ENVIRONMENT_ID": "env-1"]
        ).merged(for: try Self.operation("query Q($licenseKey: String!) { a }"), log: StandardError())
        #expect(JSONValue.object(fromEnvironment) == ["licenseKey": "from-env"])
    }

    @Test("--var splits at the first = only")
    func assignments() throws {
        #expect(try VariableSources.assignment("take=50") == ("take", "50"))
        #expect(try VariableSources.assignment("url=https://x.io/a=b") == ("url", "https://x.io/a=b"))
        #expect(throws: CommandFailure.self) { try VariableSources.assignment("=5") }
    }

    static let coercions: [(type: String, text: String, expected: JSONValue)] = [
        ("String!", "2024", "2024"), ("ID", "42", "42"), ("Int", "-7", -7), ("Float", "1.5", 1.5), ("Float", "2", 2),
        ("Boolean!", "false", false), ("Int", "null", nil), ("String", "null", "null"), ("[Int!]", "[1, 2]", [1, 2]),
        ("DateTime", "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z"), ("Filter", #"{"a": 1}"#, ["a": 1]),
    ]

    @Test("--var values are read as their declared type", arguments: coercions)
    func coercion(type: String, text: String, expected: JSONValue) throws {
        let variable = try #require(try Self.operation("query Q($v: \(type)) { a }").variables.first)
        #expect(try VariableCoercion.value(text, for: variable) == expected)
    }

    @Test("--var values that do not fit their declared type are refused, naming the variable and type", arguments: [
        ("Int", "1.5"), ("Int", "abc"), ("Int", "99999999999"), ("Float", "abc"), ("Boolean", "yes"), ("[Int]", "[1,"),
    ])
    func coercionRefusals(type: String, text: String) throws {
        let variable = try #require(try Self.operation("query Q($v: \(type)) { a }").variables.first)
        #expect {
            try VariableCoercion.value(text, for: variable)
        } throws: { error in
            String(describing: error).contains("$v is \(type)")
        }
    }

    @Test("variables must be a JSON object")
    func variablesMustBeAnObject() throws {
        let sources = VariableSources(
            document: URL(fileURLWithPath: "/nonexistent/q.graphql"), variablesFile: "-", assignments: [],
            environment: [:], readStandardInput: { Data("[1]".utf8) })
        #expect {
            try sources.merged(for: try Self.operation("{ a }"), log: StandardError())
        } throws: { error in
            String(describing: error) == "variables in standard input must be a JSON object like {\"take\": 50}, not array."
        }
    }

    @Test("-H splits on the first colon only and never echoes a header without one")
    func headers() throws {
        #expect(try HeaderArgument(parsing: "X-Trace: a:b:c") == HeaderArgument(name: "X-Trace", value: "a:b:c"))
        #expect {
            try HeaderArgument(parsing: "secret-token-value")
        } throws: { error in
            !String(describing: error).contains("secret-token-value")
        }
    }
}
