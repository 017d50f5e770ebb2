import Foundation
import Testing
@testable import FlatfileGraphQL

/// `JSONValueEncoder` and `JSONValueDecoder` must give what Foundation's `JSONEncoder` and `JSONDecoder` give, so
/// that a `Codable` type behaves the same whichever coder it meets. Foundation is the oracle: every expectation
/// here compares with its output rather than with a hand-written one.
@Suite("JSON coders agree with Foundation's")
struct FoundationAgreementTests {
    // MARK: Encoding the same key again

    /// Each way of writing into one encoder twice that Foundation answers (it traps on others, such as asking
    /// for a keyed container where an unkeyed one was used, so those have no answer to agree with).
    static let repeatedWrites: [EncodingCase] = [
        EncodingCase("a scalar encoded twice under one key") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(1, forKey: "a")
            try container.encode("x", forKey: "a")
        },
        EncodingCase("an array encoded twice under one key") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(["a", "b"], forKey: "tags")
            try container.encode(["c"], forKey: "tags")
        },
        EncodingCase("two keyed containers of one encoder writing the same array") { encoder in
            var first = encoder.container(keyedBy: AgreementKey.self)
            try first.encode([1, 2], forKey: "a")
            var second = encoder.container(keyedBy: AgreementKey.self)
            try second.encode([1, 2], forKey: "a")
            try second.encode(5, forKey: "b")
        },
        EncodingCase("two keyed containers of one encoder writing different keys") { encoder in
            var first = encoder.container(keyedBy: AgreementKey.self)
            try first.encode(1, forKey: "a")
            var second = encoder.container(keyedBy: AgreementKey.self)
            try second.encode(2, forKey: "b")
        },
        EncodingCase("an object encoded twice under one key") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(["x": 1], forKey: "o")
            try container.encode(["y": 2], forKey: "o")
        },
        EncodingCase("a nested keyed container asked for twice") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            var first = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "o")
            try first.encode(1, forKey: "x")
            var second = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "o")
            try second.encode(2, forKey: "y")
        },
        EncodingCase("a nested keyed container, then a scalar under its key") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            var nested = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "o")
            try nested.encode(1, forKey: "x")
            try container.encode(3, forKey: "o")
        },
        EncodingCase("a nested keyed container written after its key was replaced") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            var nested = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "o")
            try container.encode(3, forKey: "o")
            try nested.encode(1, forKey: "x")
        },
        EncodingCase("an object encoded, then a nested keyed container for its key") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            var nested = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "o")
            try nested.encode(1, forKey: "x")
            try container.encode(["q": 5], forKey: "o")
            var again = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "o")
            try again.encode(2, forKey: "y")
        },
        EncodingCase("a JSONValue object, then a nested keyed container for its key") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(["q": 5] as JSONValue, forKey: "o")
            var nested = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "o")
            try nested.encode(2, forKey: "y")
        },
        EncodingCase("a nested unkeyed container asked for twice") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            var first = container.nestedUnkeyedContainer(forKey: "o")
            try first.encode(1)
            var second = container.nestedUnkeyedContainer(forKey: "o")
            try second.encode(2)
        },
        EncodingCase("two unkeyed containers of one encoder") { encoder in
            var first = encoder.unkeyedContainer()
            try first.encode(1)
            var second = encoder.unkeyedContainer()
            try second.encode(2)
        },
        EncodingCase("superEncoder() written through") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(1, forKey: "a")
            var parent = container.superEncoder().container(keyedBy: AgreementKey.self)
            try parent.encode(2, forKey: "x")
        },
        EncodingCase("superEncoder() left unused") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            _ = container.superEncoder()
            try container.encode(1, forKey: "a")
        },
        EncodingCase("superEncoder(forKey:) after the key was encoded") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode([1, 2], forKey: "a")
            var parent = container.superEncoder(forKey: "a").singleValueContainer()
            try parent.encode(3)
        },
        EncodingCase("an unkeyed container's superEncoder between elements") { encoder in
            var container = encoder.unkeyedContainer()
            try container.encode(1)
            var parent = container.superEncoder().singleValueContainer()
            try parent.encode(9)
            _ = container.superEncoder()
            try container.encode(3)
        },
        EncodingCase("containers opened and left empty") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            _ = container.nestedContainer(keyedBy: AgreementKey.self, forKey: "object")
            _ = container.nestedUnkeyedContainer(forKey: "array")
            var list = container.nestedUnkeyedContainer(forKey: "list")
            _ = list.nestedContainer(keyedBy: AgreementKey.self)
            _ = list.nestedUnkeyedContainer()
        },
        EncodingCase("an optional nil, encoded and encoded if present") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(Int?.none, forKey: "null")
            try container.encodeIfPresent(Int?.none, forKey: "absent")
        },
    ]

    @Test("writing into one encoder again gives Foundation's result", arguments: repeatedWrites)
    func repeatedWrite(_ example: EncodingCase) throws {
        try expectSameEncoding(example)
    }

    @Test("re-encoding a list key replaces it: {\"tags\":[\"a\",\"b\"]} stays that")
    func reEncodedListKeyIsReplaced() throws {
        let encoded = try JSONValueEncoder().encode(EncodingCase("") { encoder in
            var first = encoder.container(keyedBy: AgreementKey.self)
            try first.encode(["a", "b"], forKey: "tags")
            var second = encoder.container(keyedBy: AgreementKey.self)
            try second.encode(["a", "b"], forKey: "tags")
        })
        #expect(encoded == ["tags": ["a", "b"]])
    }

    // MARK: Foundation's own forms

    static let foundationForms: [EncodingCase] = [
        EncodingCase("URLs, absolute and relative to a base") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(URL(string: "https://example.com/a%20b?q=%C3%A9")!, forKey: "absolute")
            try container.encode(URL(string: "c/d", relativeTo: URL(string: "https://x.example/a/")!)!, forKey: "relative")
        },
        EncodingCase("Decimals: whole, fractional, negative, tiny, beyond Int") { encoder in
            var container = encoder.unkeyedContainer()
            for text in ["12", "12.345", "-0.1", "0.00001", "123456789012345678901234567890"] {
                try container.encode(Decimal(string: text)!)
            }
        },
        EncodingCase("Data as Base64") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(Data([0, 1, 2, 254, 255]), forKey: "bytes")
            try container.encode(Data(), forKey: "empty")
        },
        EncodingCase("Floats, Doubles and integers at their limits") { encoder in
            var container = encoder.unkeyedContainer()
            try container.encode(Float(0.1))
            try container.encode(Float.greatestFiniteMagnitude)
            try container.encode(0.1)
            try container.encode(-0.0)
            try container.encode(1e300)
            try container.encode(Double.leastNonzeroMagnitude)
            try container.encode(Int.min)
            try container.encode(UInt64.max)
            try container.encode(Int8.min)
        },
        EncodingCase("Dates, UUIDs and dictionaries with Int keys") { encoder in
            var container = encoder.container(keyedBy: AgreementKey.self)
            try container.encode(Date(timeIntervalSince1970: 1_795_456_800.25), forKey: "date")
            try container.encode(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!, forKey: "uuid")
            try container.encode([3: "c", 1: "a"], forKey: "byNumber")
        },
    ]

    @Test("Foundation types are written as Foundation writes them", arguments: foundationForms)
    func foundationForm(_ example: EncodingCase) throws {
        try expectSameEncoding(example)
    }

    @Test("values JSON cannot hold fail in both encoders")
    func unencodable() {
        for value in [Double.nan, .infinity] {
            #expect(throws: EncodingError.self) { try JSONEncoder().encode([value]) }
            #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([value]) }
        }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([Decimal.nan]) }
    }

    // MARK: Decoding

    @Test("both decoders read the same text alike, or both refuse it")
    func decodersAgree() throws {
        try expectSameDecoding(Int.self, "1.0")
        try expectSameDecoding(Int.self, "1.5")
        try expectSameDecoding(Int8.self, "300")
        try expectSameDecoding(UInt64.self, "-1")
        try expectSameDecoding(Float.self, "1e40")
        try expectSameDecoding(Float.self, "0.1")
        try expectSameDecoding(Double.self, "1e-310")
        try expectSameDecoding(Bool.self, "1")
        try expectSameDecoding(String.self, "1")
        try expectSameDecoding(Decimal.self, "12.345")
        try expectSameDecoding(Decimal.self, "-7")
        try expectSameDecoding(Decimal.self, "true")
        try expectSameDecoding(URL.self, #""https://example.com/a?b=c""#)
        try expectSameDecoding(URL.self, "5")
        try expectSameDecoding(Data.self, #""AAEC/v8=""#)
        try expectSameDecoding(Data.self, #""not base64!""#)
        try expectSameDecoding(UUID.self, #""e621e1f8-c36c-495a-93fc-0c247a3e6e5f""#)
        try expectSameDecoding(UUID.self, #""e621e1f8""#)
        try expectSameDecoding(Date.self, "-978307198.5")
        try expectSameDecoding([Int?].self, "[1,null,3]")
        try expectSameDecoding([String: [Int]].self, #"{"a":[1],"b":[]}"#)
        try expectSameDecoding([Int: String].self, #"{"1":"a","2":"b"}"#)
        try expectSameDecoding([Int: String].self, #"{"x":"a"}"#)
        try expectSameDecoding(Pair.self, #"{"first":1}"#)
        try expectSameDecoding(Pair.self, #"{"first":1,"second":null}"#)
        try expectSameDecoding(Pair.self, #"{"first":null}"#)
        try expectSameDecoding(TrailingNil.self, "[1]")
        try expectSameDecoding(TrailingNil.self, "[1,null]")
    }

    @Test("a Decimal also decodes from a string holding a number, as servers send them to keep every digit")
    func decimalFromNumericString() throws {
        #expect(try JSONValueDecoder().decode(Decimal.self, from: "12.50") == Decimal(string: "12.5"))
        #expect(try JSONValueDecoder().decode(Decimal.self, from: "123456789012345678901234567890")
            == Decimal(string: "123456789012345678901234567890"))
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Decimal.self, from: "12abc") }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Decimal.self, from: "NaN") }
    }

    // MARK: Types shaped like generated code

    @Test("a response type that encodes a field and then a fragment with the same key round-trips like Foundation's")
    func generatedShapeRoundTrips() throws {
        let response = #"""
            {"results":[
              {"__typename":"Batch","id":"b1","tags":[["a","b"],null],"score":0.5,"status":"SUBMITTED"},
              {"__typename":"User","id":"u1","tags":null,"score":null,"email":"ada@example.com"}
            ]}
            """#
        let data = Data(response.utf8)
        let byFoundation = try JSONDecoder().decode(SearchData.self, from: data)
        let byOurs = try JSONValueDecoder().decode(SearchData.self, from: JSONValue(parsing: data))
        #expect(byFoundation == byOurs)
        #expect(byOurs.results[0].batchFields?.tags == [["a", "b"], nil])
        #expect(byOurs.results[1].asUser?.email == "ada@example.com")

        let reEncoded = try JSONValueEncoder().encode(byOurs)
        #expect(reEncoded == (try JSONValue(parsing: data)))
        expectSameJSON(reEncoded, try JSONValue(parsing: JSONEncoder().encode(byFoundation)))
        #expect(try JSONValueDecoder().decode(SearchData.self, from: reEncoded) == byOurs)
    }

    // MARK: Random values

    @Test("random nested values encode and decode the same through both coders")
    func randomValues() throws {
        var random = SplitMix64(seed: 0x5EED_F6C1)
        for index in 0..<300 {
            let tree = Tree.random(depth: 3, using: &random)
            let foundationText = try JSONEncoder().encode(tree)
            let foundationJSON = try JSONValue(parsing: foundationText)
            let ours = try JSONValueEncoder().encode(tree)
            expectSameJSON(ours, foundationJSON, "value \(index)")

            for text in [foundationText, ours.jsonData()] {
                let byFoundation = try JSONDecoder().decode(Tree.self, from: text)
                let byOurs = try JSONValueDecoder().decode(Tree.self, from: JSONValue(parsing: text))
                #expect(byOurs == byFoundation, "value \(index)")
                #expect(byOurs == tree, "value \(index)")
            }
        }
    }

    // MARK: Helpers

    func expectSameEncoding(_ example: EncodingCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let foundation = try JSONValue(parsing: JSONEncoder().encode(example))
        let ours = try JSONValueEncoder().encode(example)
        expectSameJSON(ours, foundation, example.name, sourceLocation: sourceLocation)
    }

    /// Decodes `text` with both decoders: the same value, or an error from each.
    func expectSameDecoding<T: Decodable & Equatable>(
        _ type: T.Type, _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let foundation = Result { try JSONDecoder().decode(T.self, from: Data(text.utf8)) }
        let ours = Result { try JSONValueDecoder().decode(T.self, from: JSONValue(parsing: text)) }
        switch (foundation, ours) {
        case (.success(let expected), .success(let actual)):
            #expect(actual == expected, "\(T.self) from \(text)", sourceLocation: sourceLocation)
        case (.failure, .failure): break
        case (.success(let expected), .failure(let error)):
            Issue.record("\(T.self) from \(text): Foundation gives \(expected), ours fails with \(error)", sourceLocation: sourceLocation)
        case (.failure(let error), .success(let actual)):
            Issue.record("\(T.self) from \(text): ours gives \(actual), Foundation fails with \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Equal as JSON: numbers compare by value (Foundation writes `1.0` as `1`, which parses as an integer).
    func expectSameJSON(
        _ actual: JSONValue, _ expected: JSONValue, _ comment: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if let difference = Self.difference(actual, expected, at: "$") {
            Issue.record("\(comment): \(difference)\nours:       \(actual)\nFoundation: \(expected)", sourceLocation: sourceLocation)
        }
    }

    static func difference(_ actual: JSONValue, _ expected: JSONValue, at path: String) -> String? {
        switch (actual, expected) {
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return "\(path) has \(left.count) elements, not \(right.count)" }
            return zip(left, right).enumerated().lazy
                .compactMap { difference($0.element.0, $0.element.1, at: "\(path)[\($0.offset)]") }.first
        case (.object(let left), .object(let right)):
            guard Set(left.keys) == Set(right.keys) else { return "\(path) has keys \(left.keys.sorted()), not \(right.keys.sorted())" }
            return left.lazy.compactMap { key, value in difference(value, right[key] ?? .null, at: "\(path).\(key)") }.first
        default:
            if let left = actual.doubleValue, let right = expected.doubleValue { return left == right ? nil : "\(path) is \(actual), not \(expected)" }
            return actual == expected ? nil : "\(path) is \(actual), not \(expected)"
        }
    }
}

// MARK: - Fixtures

/// A named `encode(to:)`, so each way of using an encoder can be a test argument.
struct EncodingCase: Encodable, Sendable, CustomTestStringConvertible {
    let name: String
    let body: @Sendable (any Encoder) throws -> Void

    init(_ name: String, body: @escaping @Sendable (any Encoder) throws -> Void) {
        self.name = name
        self.body = body
    }

    var testDescription: String { name }
    func encode(to encoder: any Encoder) throws { try body(encoder) }
}

struct AgreementKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringLiteral value: String) { stringValue = value }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct Pair: Codable, Equatable {
    var first: Int
    var second: Int?
}

/// Reads an element and then asks for a null past what may be the end.
private struct TrailingNil: Decodable, Equatable {
    var first: Int
    var secondIsNull: Bool

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        first = try container.decode(Int.self)
        secondIsNull = try container.decodeNil()
    }
}

/// The shape generated code has for `search { __typename id tags score ...BatchFields ... on User { email } }`:
/// the fragment encodes `id` and `tags` again into the same encoder.
private struct SearchData: Codable, Hashable {
    var results: [SearchResult]

    struct SearchResult: Codable, Hashable {
        var __typename: String
        var id: String
        var tags: [[String]?]?
        var score: Double?
        var batchFields: BatchFields?
        var asUser: AsUser?

        private enum CodingKeys: String, CodingKey {
            case __typename, id, tags, score
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            __typename = try container.decode(String.self, forKey: .__typename)
            id = try container.decode(String.self, forKey: .id)
            tags = try container.decodeIfPresent([[String]?].self, forKey: .tags)
            score = try container.decodeIfPresent(Double.self, forKey: .score)
            batchFields = try __typename == "Batch" ? BatchFields(from: decoder) : nil
            asUser = try __typename == "User" ? AsUser(from: decoder) : nil
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(__typename, forKey: .__typename)
            try container.encode(id, forKey: .id)
            try container.encode(tags, forKey: .tags)
            try container.encode(score, forKey: .score)
            try batchFields?.encode(to: encoder)
            try asUser?.encode(to: encoder)
        }
    }

    struct BatchFields: Codable, Hashable {
        var id: String
        var tags: [[String]?]?
        var status: String

        private enum CodingKeys: String, CodingKey {
            case id, tags, status
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            tags = try container.decodeIfPresent([[String]?].self, forKey: .tags)
            status = try container.decode(String.self, forKey: .status)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(tags, forKey: .tags)
            try container.encode(status, forKey: .status)
        }
    }

    struct AsUser: Codable, Hashable {
        var email: String?
    }
}

// MARK: - Random values

/// SplitMix64: a tiny generator whose sequence depends only on the seed, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

private struct Leaf: Codable, Hashable {
    var int: Int
    var double: Double
    var bool: Bool
    var string: String
    var url: URL
    var uuid: UUID
    var decimal: Decimal
    var date: Date
    var optionalInt: Int?
    var optionalString: String?

    /// Text that needs escaping or more than one UTF-16 unit: quotes, controls, line separators, emoji, accents.
    static let characters: [Character] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{1F}", "\u{7F}", "\n", "\t", "é", "e\u{301}", "ß", "\u{2028}",
        "\u{FEFF}", "中", "😀", "👩‍👩‍👧",
    ]

    static func string(using random: inout SplitMix64) -> String {
        String((0..<Int.random(in: 0...8, using: &random)).map { _ in characters.randomElement(using: &random)! })
    }

    static func double(using random: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return Double(Int.random(in: -1000...1000, using: &random))
        case 1: return Double.random(in: -1...1, using: &random)
        default:
            // Any finite bit pattern: subnormals, huge exponents, negative zero.
            var value = Double.nan
            while !value.isFinite { value = Double(bitPattern: random.next()) }
            return value
        }
    }

    /// Up to 15 significant digits: what a JSON number read as a `Double` keeps exactly.
    static func decimal(using random: inout SplitMix64) -> Decimal {
        let significand = Decimal(Int.random(in: -999_999_999_999...999_999_999_999, using: &random))
        return Decimal(sign: .plus, exponent: -Int.random(in: 0...3, using: &random), significand: significand)
    }

    static func uuid(using random: inout SplitMix64) -> UUID {
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        return bytes.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }

    static func random(using random: inout SplitMix64) -> Leaf {
        let paths = ["", "a", "a%20b", "%C3%A9t%C3%A9", "x/y/z"]
        return Leaf(
            int: Int.random(in: Int.min...Int.max, using: &random),
            double: double(using: &random),
            bool: Bool.random(using: &random),
            string: string(using: &random),
            url: URL(string: "https://example.com/\(paths.randomElement(using: &random)!)?page=\(Int.random(in: 0...99, using: &random))")!,
            uuid: uuid(using: &random),
            decimal: decimal(using: &random),
            date: Date(timeIntervalSinceReferenceDate: Double.random(in: -4e9...4e9, using: &random)),
            optionalInt: Bool.random(using: &random) ? Int.random(in: -5...5, using: &random) : nil,
            optionalString: Bool.random(using: &random) ? string(using: &random) : nil)
    }
}

private struct Tree: Codable, Hashable {
    var leaves: [Leaf]
    var byName: [String: Leaf]
    var grid: [[Int?]]
    var flags: [Int: Bool]
    var maybe: Leaf?
    var children: [Tree]

    static func random(depth: Int, using random: inout SplitMix64) -> Tree {
        func count(_ limit: Int) -> Int { Int.random(in: 0...limit, using: &random) }
        var byName: [String: Leaf] = [:]
        for _ in 0..<count(3) { byName[Leaf.string(using: &random)] = Leaf.random(using: &random) }
        var flags: [Int: Bool] = [:]
        for _ in 0..<count(3) { flags[Int.random(in: -100...100, using: &random)] = Bool.random(using: &random) }
        return Tree(
            leaves: (0..<count(2)).map { _ in Leaf.random(using: &random) },
            byName: byName,
            grid: (0..<count(3)).map { _ in
                (0..<count(3)).map { _ in Bool.random(using: &random) ? Int.random(in: -9...9, using: &random) : nil }
            },
            flags: flags,
            maybe: Bool.random(using: &random) ? Leaf.random(using: &random) : nil,
            children: depth == 0 ? [] : (0..<count(2)).map { _ in Tree.random(depth: depth - 1, using: &random) })
    }
}
