import FlatfileGraphQL
import Foundation
import Testing

/// The generated types of `GraphQL/events.graphql`, whose custom scalars `fgql.json` maps to URL, UUID, Decimal and
/// Date (ISO 8601, ISO 8601 with milliseconds, epoch milliseconds), decoded with the runtime's decoder and with
/// Foundation's, encoded back, and sent as variables.
@Suite("Mapped custom scalars")
struct ScalarResponseTests {
    static let eventResponse = #"""
        {"event": {
          "id": "E621E1F8-C36C-495A-93FC-0C247A3E6E5F",
          "link": "https://example.com/events/42?tab=tickets",
          "homepage": null,
          "price": 19.99,
          "discount": 2,
          "startsAt": "2026-11-23T18:00:00Z",
          "endsAt": "2026-11-23T21:30:00Z",
          "reminders": ["2026-11-22T18:00:00Z", "2026-11-23T17:00:00Z"],
          "history": [["2026-01-01T00:00:00Z", null], []],
          "recordedAt": "2026-11-23T18:00:00.250Z",
          "createdAt": 1795456800250,
          "updatedAt": null
        }}
        """#

    static let startsAt = Date(timeIntervalSince1970: 1_795_456_800)

    /// Decodes with `JSONValueDecoder` (what `GraphQLClient` uses) and with Foundation's `JSONDecoder`.
    static func decodeBoth<T: Decodable & Equatable>(_ type: T.Type, _ text: String) throws -> T {
        let ours = try JSONValueDecoder().decode(T.self, from: JSONValue(parsing: text))
        let foundation = try JSONDecoder().decode(T.self, from: Data(text.utf8))
        #expect(ours == foundation)
        return ours
    }

    @Test("responses decode into URL, UUID, Decimal and Date with both decoders")
    func decodesEveryScalar() throws {
        let event = try #require(try Self.decodeBoth(GetEventQuery.Data.self, Self.eventResponse).event)
        #expect(event.id == UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        #expect(event.link == URL(string: "https://example.com/events/42?tab=tickets"))
        #expect(event.homepage == nil)
        #expect(event.price == Decimal(string: "19.99"))
        #expect(event.discount == 2)
        #expect(event.startsAt == Self.startsAt)
        #expect(event.endsAt == Self.startsAt.addingTimeInterval(3.5 * 3600))
        #expect(event.reminders == [Self.startsAt.addingTimeInterval(-86_400), Self.startsAt.addingTimeInterval(-3600)])
        #expect(event.history == [[Date(timeIntervalSince1970: 1_767_225_600), nil], []])
        #expect(event.recordedAt == Self.startsAt.addingTimeInterval(0.25))
        #expect(event.createdAt == Self.startsAt.addingTimeInterval(0.25))
        #expect(event.updatedAt == nil)
        #expect(event.eventTimes.startsAt == event.startsAt)
        #expect(event.eventTimes.reminders == event.reminders)
    }

    @Test("encoding a response gives back the server's JSON, through either encoder")
    func reEncodesInTheDeclaredFormats() throws {
        let data = try Self.decodeBoth(GetEventQuery.Data.self, Self.eventResponse)
        let original = try JSONValue(parsing: Self.eventResponse)
        #expect(try JSONValueEncoder().encode(data) == original)
        #expect(try JSONValue(parsing: JSONEncoder().encode(data)) == original)
        #expect(try Self.decodeBoth(GetEventQuery.Data.self, JSONValueEncoder().encode(data).jsonString()) == data)
    }

    @Test("ISO 8601 accepts fractional seconds and offsets, and writes its declared form in UTC")
    func iso8601Variants() throws {
        let text = Self.eventResponse
            .replacingOccurrences(of: #""startsAt": "2026-11-23T18:00:00Z""#, with: #""startsAt": "2026-11-23T19:00:00.000+01:00""#)
            .replacingOccurrences(of: #""recordedAt": "2026-11-23T18:00:00.250Z""#, with: #""recordedAt": "2026-11-23T18:00:00Z""#)
        let event = try #require(try Self.decodeBoth(GetEventQuery.Data.self, text).event)
        #expect(event.startsAt == Self.startsAt)
        #expect(event.recordedAt == Self.startsAt)
        let encoded = try JSONValueEncoder().encode(event)
        #expect(encoded["startsAt"] == "2026-11-23T18:00:00Z")
        #expect(encoded["recordedAt"] == "2026-11-23T18:00:00.000Z")
    }

    @Test("variables are sent in each scalar's declared format; null and absent stay apart")
    func variables() throws {
        let id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        let query = ListEventsQuery(since: .value(Self.startsAt), before: .value(Self.startsAt.addingTimeInterval(0.25)), ids: [id])
        let expected: JSONValue = [
            "since": "2026-11-23T18:00:00Z", "before": 1_795_456_800_250, "ids": ["E621E1F8-C36C-495A-93FC-0C247A3E6E5F"],
        ]
        #expect(try JSONValueEncoder().encode(query.variables) == expected)
        #expect(try JSONValue(parsing: JSONEncoder().encode(query.variables)) == expected)
        #expect(try JSONValueEncoder().encode(ListEventsQuery(since: .null).variables) == ["since": nil])
        #expect(try JSONValueEncoder().encode(ListEventsQuery().variables) == [:])
    }

    @Test("input objects encode dates, URLs and decimals in their formats")
    func inputObject() throws {
        let input = ScalarSchema.ScheduleEventInput(
            link: URL(string: "https://example.com/e")!, price: Decimal(string: "12.5")!, startsAt: Self.startsAt,
            endsAt: .null, reminders: [Self.startsAt], createdAt: .value(Date(timeIntervalSince1970: 1.5)))
        let variables = ScheduleEventMutation(input: input).variables
        let expected: JSONValue = ["input": [
            "link": "https://example.com/e", "price": 12.5, "startsAt": "2026-11-23T18:00:00Z", "endsAt": nil,
            "reminders": ["2026-11-23T18:00:00Z"], "createdAt": 1500,
        ]]
        #expect(try JSONValueEncoder().encode(variables) == expected)
        #expect(try JSONValue(parsing: JSONEncoder().encode(variables)) == expected)
    }

    @Test("a value in the wrong form fails with its path and what was expected", arguments: [
        (#""startsAt": "2026-11-23T18:00:00Z""#, #""startsAt": "yesterday""#,
         "event.startsAt", #"expected an ISO 8601 date such as "2026-11-23T18:00:00Z", found "yesterday""#),
        (#""startsAt": "2026-11-23T18:00:00Z""#, #""startsAt": 1795456800"#,
         "event.startsAt", #"expected an ISO 8601 date such as "2026-11-23T18:00:00Z", found 1795456800"#),
        (#""createdAt": 1795456800250"#, #""createdAt": "soon""#,
         "event.createdAt", #"expected epoch milliseconds such as 1795456800250, found "soon""#),
        (#""reminders": ["2026-11-22T18:00:00Z", "#, #""reminders": [[], "#,
         "event.reminders.0", "expected an ISO 8601 date such as \"2026-11-23T18:00:00Z\", found an array"),
        (#""startsAt": "2026-11-23T18:00:00Z""#, #""startsAt": null"#,
         "event.startsAt", "null"),
    ])
    func wrongForm(original: String, replacement: String, path: String, message: String) throws {
        let text = Self.eventResponse.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.eventResponse)
        let ours = #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(GetEventQuery.Data.self, from: JSONValue(parsing: text))
        }
        let foundation = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(GetEventQuery.Data.self, from: Data(text.utf8))
        }
        for failure in [ours, foundation].compactMap({ $0 }) {
            let context: DecodingError.Context? = switch failure {
            case .dataCorrupted(let context), .valueNotFound(_, let context): context
            default: nil
            }
            let found = try #require(context, "\(failure)")
            #expect(found.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") == path)
            #expect(found.debugDescription.contains(message), "\(found.debugDescription)")
        }
    }
}
