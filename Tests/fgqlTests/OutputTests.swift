import FlatfileGraphQL
import Foundation
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
        let merged = try sources.merged(declared: ["licenseKey", "take", "skip", "search", "flag"])
        #expect(JSONValue.object(merged) == [
            "licenseKey": "from-sidecar", "take": 10, "skip": 20, "search": "globex", "flag": true,
        ])
        let fromEnvironment = try VariableSources(
            document: directory.appendingPathComponent("none.graphql"), variablesFile: nil, assignments: [],
            environment: ["FLATFILE_LICENSE_KEY": "from-env", "FLATFILE_ENVIRONMENT_ID": "env-1"]
        ).merged(declared: ["licenseKey"])
        #expect(JSONValue.object(fromEnvironment) == ["licenseKey": "from-env"])
    }

    @Test("--var parses JSON when it can and keeps text otherwise")
    func assignments() throws {
        #expect(try VariableSources.assignment("take=50") == ("take", 50))
        #expect(try VariableSources.assignment("ids=[1,2]") == ("ids", [1, 2]))
        #expect(try VariableSources.assignment("search=acme corp") == ("search", "acme corp"))
        #expect(try VariableSources.assignment("url=https://x.io/a=b") == ("url", "https://x.io/a=b"))
        #expect(throws: CommandFailure.self) { try VariableSources.assignment("=5") }
    }

    @Test("variables must be a JSON object")
    func variablesMustBeAnObject() throws {
        let sources = VariableSources(
            document: URL(fileURLWithPath: "/nonexistent/q.graphql"), variablesFile: "-", assignments: [],
            environment: [:], readStandardInput: { Data("[1]".utf8) })
        #expect {
            try sources.merged(declared: [])
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
