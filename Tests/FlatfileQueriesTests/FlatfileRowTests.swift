import FlatfileGraphQL
import Testing

/// `FlatfileRow` reads both documented record shapes and keeps values it does not know.
@Suite("Typed Flatfile records")
struct FlatfileRowTests {
    @Test("A getFinalDatabaseView row decodes with its data in field order and its messages")
    func databaseViewRow() throws {
        let json: JSONValue = [[
            "id": 7, "valid": false, "status": "review",
            "data": ["email": "jane@", "age": 41, "subscribed": true, "phone": nil],
            "info": [["level": "error", "key": "email", "message": "Not a valid email"]],
        ]]
        let row = try #require(try [FlatfileRow](json: json).first)
        #expect(row.id == 7 && !row.valid && row.status == .review)
        #expect(row.data.keys == ["email", "age", "subscribed", "phone"])
        #expect(row["age"] == 41 && row["phone"] == .null && row["missing"] == nil)
        #expect(row.info == [FlatfileRowMessage(level: .case(.error), key: "email", message: "Not a valid email")])
    }

    @Test("A workbook record (_id, cells, validations) decodes into the same model, valid derived from its errors")
    func workbookRecord() throws {
        let json: JSONValue = [
            ["_id": 3, "status": "accepted", "cells": ["name": "Ada"], "validations": []],
            ["_id": 4, "status": "review", "cells": ["name": ""],
             "validations": [["error": "warn", "key": "name", "message": "Empty"],
                             ["error": "error", "key": "name", "message": "Required"]]],
        ]
        let rows = try [FlatfileRow](json: json)
        #expect(rows.map(\.id) == [3, 4])
        #expect(rows.map(\.valid) == [true, false])
        #expect(rows[1].info.map(\.level) == [.case(.warn), .case(.error)])
        #expect(rows[0]["name"] == "Ada")
    }

    @Test("A status or level this version does not know is kept as .unknown, not an error")
    func unknownValues() throws {
        let json: JSONValue = [[
            "id": 1, "valid": true, "status": "archived", "data": [:],
            "info": [["level": "notice", "key": "a", "message": "m"]],
        ]]
        let row = try #require(try [FlatfileRow](json: json).first)
        #expect(row.status == .unknown("archived"))
        #expect(row.info.first?.level == .unknown("notice"))
    }

    @Test("No rows (null or absent) is an empty list; a malformed row names the element and member")
    func emptyAndMalformed() throws {
        #expect(try [FlatfileRow](json: nil).isEmpty)
        #expect(try [FlatfileRow](json: .null).isEmpty)
        let bad: JSONValue = [["id": 1, "status": "review", "data": [:]], ["id": 2, "data": [:]]]
        do throws(GraphQLClientError) {
            _ = try [FlatfileRow](json: bad)
            Issue.record("a row without status must not decode")
        } catch .decoding(let failure) {
            #expect(failure.path == "rows[1].status")
        }
    }
}
