import Foundation
import Testing
@testable import FlatfileGraphQL

/// The parser hands one list of names to every object with the same names in the same order (the rows of a page),
/// and one string to every repeat of a long string. Sharing must stay invisible: each object behaves as if it had
/// its own names.
@Suite("Objects that share their names")
struct JSONObjectSharingTests {
    /// Sixteen fields, as in a Flatfile row's `data`: past the size searched linearly, so lookups use the index.
    static let fieldNames = (1...16).map { "field\($0)" }

    static func rows(_ count: Int) throws -> [JSONObject] {
        let rows = (0..<count).map { row in
            "{" + fieldNames.enumerated().map { #""\#($1)":\#(row * 100 + $0)"# }.joined(separator: ",") + "}"
        }
        let page = try JSONValue(parsing: "[" + rows.joined(separator: ",") + "]")
        let objects = page.arrayValue?.compactMap(\.objectValue)
        return try #require(objects)
    }

    @Test("siblings with the same names share one list of names")
    func siblingsShare() throws {
        let rows = try Self.rows(3)
        #expect(rows[0].keyList === rows[1].keyList)
        #expect(rows[1].keyList === rows[2].keyList)
    }

    @Test("objects with the same names in different parents share too")
    func cousinsShare() throws {
        let page = try JSONValue(parsing: #"[{"id":1,"data":{"a":1,"b":2}},{"id":2,"data":{"a":3,"b":4}}]"#)
        let first = try #require(page[0]?["data"]?.objectValue)
        let second = try #require(page[1]?["data"]?.objectValue)
        #expect(first.keyList === second.keyList)
    }

    @Test("objects with the same names in another order keep their own order")
    func otherOrderDoesNotShare() throws {
        let pair = try JSONValue(parsing: #"[{"a":1,"b":2},{"b":2,"a":1}]"#)
        let first = try #require(pair[0]?.objectValue)
        let second = try #require(pair[1]?.objectValue)
        #expect(first.keys == ["a", "b"])
        #expect(second.keys == ["b", "a"])
        #expect(first.keyList !== second.keyList)
    }

    @Test("objects with the same members in any order are equal and hash alike, shared or not")
    func equalityIgnoresOrder() throws {
        let pair = try JSONValue(parsing: #"[{"a":1,"b":[true]},{"b":[true],"a":1},{"a":1,"b":[true]}]"#)
        let literal: JSONValue = ["b": [true], "a": 1]
        #expect(pair[0] == pair[1])
        #expect(pair[0] == pair[2])
        #expect(pair[0] == literal)
        #expect(pair[0]?.hashValue == pair[1]?.hashValue)
        #expect(pair[0]?.hashValue == literal.hashValue)
        #expect(pair[0] != ["a": 1, "b": [false]])
    }

    @Test("changing a value leaves the siblings as they were and keeps sharing the names")
    func changingAValue() throws {
        var rows = try Self.rows(3)
        rows[1]["field3"] = "changed"
        #expect(rows[1]["field3"] == "changed")
        #expect(rows[0]["field3"] == 2)
        #expect(rows[2]["field3"] == 202)
        #expect(rows[0].keyList === rows[1].keyList)
    }

    @Test("adding or removing a member leaves the siblings' names and values as they were")
    func changingNames() throws {
        let original = try Self.rows(3)
        var rows = original
        rows[1]["added"] = true
        rows[1]["field5"] = nil
        rows[2]["field16"] = nil
        #expect(rows[0] == original[0])
        #expect(rows[0].keys == Self.fieldNames)
        #expect(rows[1].keys == Self.fieldNames.filter { $0 != "field5" } + ["added"])
        #expect(rows[2].keys == Array(Self.fieldNames.dropLast()))
        #expect(rows[0].keyList !== rows[1].keyList)
        #expect(rows[1].keyList !== rows[2].keyList)
    }

    @Test("a copy of an object changes independently of the object it was copied from")
    func copies() throws {
        let row = try #require(Self.rows(1).first)
        var copy = row
        copy["extra"] = 1
        #expect(row["extra"] == nil)
        #expect(row.count == 16)
        #expect(copy.count == 17)
    }

    @Test("large objects find every member after sharing and after changes")
    func largeObjectLookups() throws {
        var rows = try Self.rows(3)
        for (row, object) in rows.enumerated() {
            for (position, name) in Self.fieldNames.enumerated() {
                #expect(object[name] == .int(row * 100 + position))
            }
            #expect(object["field17"] == nil)
        }
        rows[1]["field17"] = 17
        rows[1]["field2"] = nil
        #expect(rows[1]["field17"] == 17)
        #expect(rows[1]["field2"] == nil)
        #expect(rows[1]["field16"] == 115)
        #expect(rows[1].contains(key: "field1"))
        #expect(rows[0]["field17"] == nil)
        #expect(rows[0]["field2"] == 1)
        #expect(rows[2]["field16"] == 215)
    }

    @Test("a repeated key keeps its first position and its last value, beside siblings without repeats",
          arguments: [3, 16])
    func duplicateKeys(memberCount: Int) throws {
        let names = Self.fieldNames.prefix(memberCount)
        let distinct = names.map { #""\#($0)":0"# }.joined(separator: ",")
        let repeated = distinct + #","field2":"last""#
        let value = try JSONValue(parsing: "[{\(distinct)},{\(repeated)},{\(distinct)}]")
        let object = try #require(value[1]?.objectValue)
        #expect(object.keys == Array(names))
        #expect(object["field2"] == "last")
        #expect(value[0]?["field2"] == 0)
        #expect(value[2]?["field2"] == 0)
    }

    @Test("long strings read more than once are each read right")
    func repeatedLongStrings() throws {
        // Same length and same ends, differing in the middle; one with escapes, one outside ASCII.
        let texts = [
            "Research & Development", "Research @ Development", "Research & Development",
            "https://lovelace.example.com/team/ada", "https://liskovvv.example.com/team/ada",
            "Zürich, Bahnhofstrasse 1", "Zürich, Bahnhofstrasse 1", "a long string with a \"quote\" in it",
        ]
        let encoded = try String(decoding: JSONEncoder().encode(texts + texts), as: UTF8.self)
        let parsed = try #require(JSONValue(parsing: encoded).arrayValue)
        #expect(parsed.compactMap(\.stringValue) == texts + texts)
    }

    @Test("more distinct long strings than the parser remembers are each read right")
    func manyLongStrings() throws {
        // Thousands of strings of one length: some are bound to land where another was remembered.
        let texts = (0..<5_000).map { "customer number \(10_000 + $0) of this page" }
        let encoded = try String(decoding: JSONEncoder().encode(texts + texts.reversed()), as: UTF8.self)
        let parsed = try #require(JSONValue(parsing: encoded).arrayValue)
        #expect(parsed.compactMap(\.stringValue) == texts + texts.reversed())
    }
}
