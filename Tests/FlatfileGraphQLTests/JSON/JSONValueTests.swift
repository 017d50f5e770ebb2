import Foundation
import Testing
@testable import FlatfileGraphQL

@Suite("JSONValue")
struct JSONValueTests {
    @Test("literals build values with members in written order")
    func literals() {
        let value: JSONValue = ["id": 42, "tags": ["a", "b"], "score": 0.5, "ok": true, "note": nil]
        #expect(value.objectValue?.keys == ["id", "tags", "score", "ok", "note"])
        #expect(value["id"]?.intValue == 42)
        #expect(value["tags"]?[1]?.stringValue == "b")
        #expect(value["tags"]?[2] == nil)
        #expect(value["score"]?.doubleValue == 0.5)
        #expect(value["ok"]?.boolValue == true)
        #expect(value["note"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value[0] == nil)
    }

    @Test("objects are equal with members in any order, and hash alike")
    func objectEquality() {
        let first: JSONValue = ["a": 1, "b": [true, nil]]
        let second: JSONValue = ["b": [true, nil], "a": 1]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != ["a": 1, "b": [true]])
        #expect(JSONValue.int(1) != .double(1))
    }

    @Test("setting members replaces in place, appends new keys, and removes with nil")
    func objectMutation() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = 10
        object["c"] = 3
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == 10)
        // Past the linear-search size, lookups go through the key index; behaviour must not change.
        for index in 0..<40 { object["k\(index)"] = .int(index) }
        object["k5"] = nil
        #expect(object["k39"] == 39)
        #expect(object["k5"] == nil)
        #expect(object["k6"] == 6)
        #expect(object.count == 41)
        #expect(object.keys.first == "a")
    }

    @Test("compact output has no whitespace and escapes only what JSON requires")
    func compactOutput() {
        let value: JSONValue = ["text": "quote\" back\\ slash/ nl\n tab\t bell\u{7} é 😀", "n": [1, -2.5, 1e-7]]
        #expect(value.jsonString()
            == #"{"text":"quote\" back\\ slash/ nl\n tab\t bell\u0007 é 😀","n":[1,-2.5,1e-07]}"#)
    }

    @Test("pretty output indents by two spaces and keeps empty containers on one line")
    func prettyOutput() {
        let value: JSONValue = ["data": ["rows": [1, ["a": nil]], "empty": [], "none": [:]]]
        #expect(value.jsonString(.pretty) == """
            {
              "data": {
                "rows": [
                  1,
                  {
                    "a": null
                  }
                ],
                "empty": [],
                "none": {}
              }
            }
            """)
    }

    @Test("non-finite doubles are written as null")
    func nonFiniteDoubles() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity)]).jsonString() == "[null,null]")
    }

    @Test("printing and parsing again gives the same value", arguments: [
        #"{"a":[1,2.5,"x",true,false,null,{"b":{}}],"c":"\u0000\u001f\"\\"}"#,
        #"[-9223372036854775808,9223372036854775807,1.7976931348623157e+308,5e-324]"#,
        #""😀 \ud83d\ude00 中文""#,
    ])
    func roundTrip(text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.jsonString()) == value)
        #expect(try JSONValue(parsing: value.jsonString(.pretty)) == value)
        #expect(try JSONValue(parsing: value.jsonData()) == value)
    }

    @Test("encodes and decodes through Foundation's JSON coders too")
    func foundationCoders() throws {
        let value: JSONValue = ["id": 7, "price": 1.25, "name": "x", "tags": ["a"], "gone": nil, "ok": false]
        let data = try JSONEncoder().encode(value)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(decoded == value)
        #expect(decoded["id"] == .int(7))
        #expect(decoded["price"] == .double(1.25))
    }
}

@Suite("Decoding typed values from JSONValue")
struct JSONValueDecoderTests {
    struct Batch: Decodable, Equatable {
        var id: String
        var count: Int
        var ratio: Double
        var small: Int8?
        var tags: [String]
        var meta: JSONValue
        var status: GraphQLEnum<Status>
    }

    enum Status: String, CaseIterable { case submitted, evaluate }

    struct Page: Decodable { var items: [Batch] }

    @Test("decodes nested structs, optionals, enums and keeps JSONValue members in server order")
    func decodesTypes() throws {
        let json = try JSONValue(parsing: #"""
            {"items":[{"id":"b1","count":3.0,"ratio":2,"tags":["x"],"meta":{"z":1,"a":2},"status":"submitted"},
                      {"id":"b2","count":4,"ratio":0.5,"small":null,"tags":[],"meta":null,"status":"NEW_ONE"}]}
            """#)
        let page = try JSONValueDecoder().decode(Page.self, from: json)
        #expect(page.items.count == 2)
        #expect(page.items[0].count == 3)
        #expect(page.items[0].ratio == 2)
        #expect(page.items[0].meta.objectValue?.keys == ["z", "a"])
        #expect(page.items[0].status == .submitted)
        #expect(page.items[1].small == nil)
        #expect(page.items[1].status == .unknown("NEW_ONE"))
    }

    @Test("a failure names the JSON path that failed", arguments: [
        (#"{"items":[{"id":"b1","count":1,"ratio":1,"tags":[],"meta":1,"status":"x"},{"id":5}]}"#,
         "data.items[1].id", "expected a string, found integer"),
        (#"{"items":[{"id":"b1","count":1.5,"ratio":1,"tags":[],"meta":1,"status":"x"}]}"#,
         "data.items[0].count", "not a whole number"),
        (#"{"items":[{"id":"b1","count":1,"ratio":1,"small":300,"tags":[],"meta":1,"status":"x"}]}"#,
         "data.items[0].small", "fits in Int8"),
        (#"{"items":[{"id":"b1","count":1,"ratio":1,"tags":[null],"meta":1,"status":"x"}]}"#,
         "data.items[0].tags[0]", "found null"),
        (#"{"items":[{"id":"b1","count":1,"tags":[],"meta":1,"status":"x"}]}"#,
         "data.items[0].ratio", "missing"),
        (#"{"items":{}}"#, "data.items", "expected an array"),
    ])
    func pathOfFailure(json: String, path: String, message: String) throws {
        let value = try JSONValue(parsing: json)
        #expect {
            _ = try decodeData(Page.self, from: value)
        } throws: { error in
            guard case .decoding(let failure) = error as? GraphQLClientError else { return false }
            return failure.path == path && failure.message.contains(message)
                && "\(error)".contains(path)
        }
    }
}

@Suite("Encoding values to JSONValue")
struct JSONValueEncoderTests {
    struct Input: Encodable {
        var zeta: String
        var alpha: [Int]
        var nested: Nested?
        var json: JSONValue
        var url: URL
        var big: UInt64
        var skipped: GraphQLNullable<Int> = .absent
        var cleared: GraphQLNullable<Int> = .null

        struct Nested: Encodable { var b: Bool; var a: Double }

        enum CodingKeys: String, CodingKey { case zeta, alpha, nested, json, url, big, skipped, cleared }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(zeta, forKey: .zeta)
            try container.encode(alpha, forKey: .alpha)
            try container.encodeIfPresent(nested, forKey: .nested)
            try container.encode(json, forKey: .json)
            try container.encode(url, forKey: .url)
            try container.encode(big, forKey: .big)
            try container.encode(skipped, forKey: .skipped)
            try container.encode(cleared, forKey: .cleared)
        }
    }

    @Test("keeps members in encoding order, skips absent inputs and sends null ones")
    func encodesInOrder() throws {
        let input = Input(
            zeta: "z", alpha: [3, 1], nested: .init(b: true, a: 0.5), json: ["y": 1, "x": [nil]],
            url: try #require(URL(string: "https://example.com/a")), big: UInt64.max)
        let json = try JSONValueEncoder().encode(input)
        #expect(json.jsonString() == #"{"zeta":"z","alpha":[3,1],"nested":{"b":true,"a":0.5},"json":{"y":1,"x":[null]},"url":"https://example.com/a","big":1.8446744073709552e+19,"cleared":null}"#)
    }

    @Test("refuses a non-finite number with its coding path")
    func nonFinite() {
        struct Bad: Encodable { var values: [Double] }
        #expect {
            try JSONValueEncoder().encode(Bad(values: [1, .infinity]))
        } throws: { error in
            guard case .invalidValue(_, let context) = error as? EncodingError else { return false }
            return context.codingPath.map(\.stringValue) == ["values", "Index 1"]
                || context.codingPath.last?.intValue == 1
        }
    }
}
