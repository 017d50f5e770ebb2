import Foundation
import Testing
@testable import FlatfileGraphQL

@Suite("JSON parsing")
struct JSONParserTests {
    @Test("keeps object members in the order the text has them")
    func keepsMemberOrder() throws {
        let value = try JSONValue(parsing: #"{"zeta":1,"alpha":2,"mid":{"b":true,"a":null}}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(value["mid"]?.objectValue?.keys == ["b", "a"])
        #expect(value.jsonString() == #"{"zeta":1,"alpha":2,"mid":{"b":true,"a":null}}"#)
    }

    @Test("keeps integers exact and tells them apart from fractions")
    func integersStayExact() throws {
        let value = try JSONValue(parsing: "[9223372036854775807,-9223372036854775808,0,-0,42,1.5,1.0,2e3,-1E-2,1e+2]")
        #expect(value.arrayValue == [
            .int(Int.max), .int(Int.min), .int(0), .int(0), .int(42), .double(1.5), .double(1.0), .double(2000),
            .double(-0.01), .double(100),
        ])
    }

    @Test("turns integers too large for Int into doubles instead of failing or wrapping")
    func bigIntegers() throws {
        let value = try JSONValue(parsing: "[9223372036854775808,-9223372036854775809,123456789012345678901234567890]")
        #expect(value[0] == .double(9_223_372_036_854_775_808))
        #expect(value[1] == .double(-9_223_372_036_854_775_808.0))
        #expect(value[2]?.doubleValue == 1.2345678901234568e29)
    }

    @Test("decodes every escape, including surrogate pairs, and raw UTF-8")
    func escapes() throws {
        let value = try JSONValue(parsing: #""q\" b\\ s\/ \b\f\n\r\t \u00e9 \u4e2D \ud83d\ude00 é 😀""#)
        #expect(value == .string("q\" b\\ s/ \u{8}\u{c}\n\r\t é 中 😀 é 😀"))
    }

    @Test("rejects invalid text with the byte offset of the problem", arguments: [
        ("", 0, "unexpected end of input"),
        ("[1,2,]", 5, "expected a value"),
        (#"{"a":1,}"#, 7, "member name"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        ("[01]", 2, "leading zeros"),
        ("[1.]", 3, "decimal point"),
        ("[1e]", 3, "exponent"),
        ("-", 1, "digit after '-'"),
        ("[tru]", 1, "expected a value"),
        (#"["abc"#, 1, "unterminated string"),
        ("\"a\u{1}b\"", 2, "control character"),
        (#""\x""#, 1, "invalid escape"),
        (#""\ud83d""#, 1, "unpaired UTF-16 surrogate"),
        (#""\ude00x""#, 1, "unpaired UTF-16 surrogate"),
        (#""\u12G4""#, 5, "hexadecimal"),
        ("{} x", 3, "after the end of the JSON value"),
        ("[1 2]", 3, "expected ',' or ']'"),
        ("1e999", 0, "out of the range"),
    ])
    func invalidInput(text: String, offset: Int, reason: String) {
        #expect {
            try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.offset == offset && error.reason.contains(reason)
        }
    }

    @Test("rejects bytes that are not UTF-8")
    func invalidUTF8() {
        var bytes = Array(#"{"name":"ab"#.utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Array("\"}".utf8))
        #expect {
            try JSONValue(parsing: Data(bytes))
        } throws: { error in
            (error as? JSONParseError)?.reason.contains("UTF-8") == true
        }
    }

    @Test("reports line and column for text a person edits")
    func lineAndColumn() {
        #expect {
            try JSONValue(parsing: "{\n  \"take\": 50,\n  \"skip\": x\n}")
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == 3 && error.column == 11 && "\(error)".contains("line 3, column 11")
        }
    }

    @Test("accepts nesting up to the limit and rejects deeper nesting with a clear error, not a crash")
    func deepNesting() throws {
        let depth = JSONValue.maximumNestingDepth
        let deepest = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONValue(parsing: deepest)
        var levels = 0
        while case .array(let elements) = value {
            levels += 1
            value = elements.first ?? .null
        }
        #expect(levels == depth)

        let hostile = String(repeating: "[", count: 1_000_000)
        #expect {
            try JSONValue(parsing: hostile)
        } throws: { error in
            (error as? JSONParseError)?.reason.contains("nest deeper than \(depth)") == true
        }
        let hostileObjects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: hostileObjects) }
    }

    @Test("a repeated key keeps its first position and its last value")
    func duplicateKeys() throws {
        let value = try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == 3)
    }

    @Test("skips a UTF-8 byte order mark and surrounding whitespace")
    func byteOrderMarkAndWhitespace() throws {
        let value = try JSONValue(parsing: Data([0xEF, 0xBB, 0xBF] + Array(" \n\t{ \"a\" : [ ] }\r\n ".utf8)))
        #expect(value == ["a": []])
    }

    @Test("parses a response of 25,000 rows completely")
    func largeResponse() throws {
        var text = #"{"data":{"getFinalDatabaseView":{"rows":["#
        for index in 0..<25_000 {
            if index > 0 { text += "," }
            text += #"{"id":\#(index),"valid":true,"status":"review","data":{"email":"user\#(index)@example.com","#
                + #""name":"Name \u00e9 \#(index)","amount":\#(index).25},"info":[]}"#
        }
        text += #"],"totalRows":25000}}}"#
        let value = try JSONValue(parsing: Data(text.utf8))
        let rows = value["data"]?["getFinalDatabaseView"]?["rows"]?.arrayValue
        #expect(rows?.count == 25_000)
        #expect(rows?.last?["data"]?["name"] == "Name é 24999")
        #expect(rows?.last?["data"]?["amount"] == .double(24_999.25))
        #expect(rows?.first?["data"]?.objectValue?.keys == ["email", "name", "amount"])
    }
}
