import Foundation

/// How a custom scalar's value is written in JSON, for Swift types whose own `Codable` form is not the wire form —
/// `Date` above all, which servers send as ISO 8601 text or epoch numbers.
///
/// Generated code decodes and encodes such fields through `GraphQLFormatted<Format>`, so the property stays the
/// plain type (`let createdAt: Date`). `fgql.json` picks a format per scalar:
/// `"scalars": {"DateTime": {"type": "Date", "format": "iso8601"}}`. A format of your own is any type conforming to
/// this protocol, named by its Swift type in `"format"`:
///
/// ```swift
/// /// Money sent as a string of minor units: "1250" is 12.50.
/// enum MinorUnitsFormat: GraphQLScalarFormat {
///     static func decode(from decoder: any Decoder) throws -> Money {
///         let text = try decoder.singleValueContainer().decode(String.self)
///         guard let cents = Int(text) else {
///             throw DecodingError.dataCorrupted(.init(
///                 codingPath: decoder.codingPath, debugDescription: "expected minor units such as \"1250\", found \"\(text)\""))
///         }
///         return Money(cents: cents)
///     }
///
///     static func encode(_ value: Money, to encoder: any Encoder) throws {
///         var container = encoder.singleValueContainer()
///         try container.encode(String(value.cents))
///     }
/// }
/// // fgql.json: "scalars": {"Money": {"type": "Money", "format": "MinorUnitsFormat"}}
/// ```
///
/// A type whose own `Codable` form already is the wire form needs no format: map the scalar to it directly
/// (`"scalars": {"Money": "Money"}` for a `Codable & Sendable & Hashable` type that decodes from a single value).
public protocol GraphQLScalarFormat {
    /// The Swift type generated properties have.
    associatedtype Value: Sendable & Hashable

    /// Reads one value; a value that does not fit the format is a `DecodingError` naming what was found.
    static func decode(from decoder: any Decoder) throws -> Value

    /// Writes one value in the format.
    static func encode(_ value: Value, to encoder: any Encoder) throws
}

/// A value coded in the wire format `Format` names: what generated code decodes and encodes a formatted scalar
/// through, unwrapping it so that properties keep the plain type.
///
/// ```swift
/// self.createdAt = try container.decode(GraphQLFormatted<GraphQLDateFormat.ISO8601>.self, forKey: .createdAt).value
/// try container.encode(GraphQLFormatted<GraphQLDateFormat.ISO8601>(self.createdAt), forKey: .createdAt)
/// ```
public struct GraphQLFormatted<Format: GraphQLScalarFormat>: Codable, Sendable, Hashable {
    public var value: Format.Value

    public init(_ value: Format.Value) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        value = try Format.decode(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try Format.encode(value, to: encoder)
    }
}

/// The wire formats of `Date` that `fgql.json` names: `"iso8601"`, `"iso8601-fractional"`, `"epoch-seconds"` and
/// `"epoch-milliseconds"`.
///
/// ```swift
/// let date = try JSONValueDecoder().decode(GraphQLFormatted<GraphQLDateFormat.ISO8601>.self, from: "2026-11-23T18:00:00Z").value
/// ```
public enum GraphQLDateFormat {
    /// ISO 8601 (RFC 3339) text such as `"2026-11-23T18:00:00Z"`. Decoding also accepts fractional seconds and
    /// offsets (`"2026-11-23T19:00:00.250+01:00"`); encoding writes whole seconds in UTC.
    public enum ISO8601: GraphQLScalarFormat {
        public static func decode(from decoder: any Decoder) throws -> Date {
            try ISO8601Text.decode(from: decoder)
        }

        public static func encode(_ value: Date, to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Text.wholeSeconds.format(value))
        }
    }

    /// ISO 8601 text with milliseconds, such as `"2026-11-23T18:00:00.250Z"`. Decoding accepts the same as
    /// `ISO8601`; encoding always writes three fractional digits, in UTC.
    public enum ISO8601FractionalSeconds: GraphQLScalarFormat {
        public static func decode(from decoder: any Decoder) throws -> Date {
            try ISO8601Text.decode(from: decoder)
        }

        public static func encode(_ value: Date, to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Text.fractionalSeconds.format(value))
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z as a JSON number, such as `1795456800` (fractions allowed). Encoding
    /// writes an integer when the date falls on a whole second.
    public enum EpochSeconds: GraphQLScalarFormat {
        public static func decode(from decoder: any Decoder) throws -> Date {
            Date(timeIntervalSince1970: try EpochNumber.decode(from: decoder, expected: "epoch seconds such as 1795456800"))
        }

        public static func encode(_ value: Date, to encoder: any Encoder) throws {
            try EpochNumber.encode(value.timeIntervalSince1970, to: encoder)
        }
    }

    /// Milliseconds since 1970-01-01T00:00:00Z as a JSON number, such as `1795456800250`. Encoding writes the
    /// nearest whole millisecond.
    public enum EpochMilliseconds: GraphQLScalarFormat {
        public static func decode(from decoder: any Decoder) throws -> Date {
            let milliseconds = try EpochNumber.decode(from: decoder, expected: "epoch milliseconds such as 1795456800250")
            return Date(timeIntervalSince1970: milliseconds / 1000)
        }

        public static func encode(_ value: Date, to encoder: any Encoder) throws {
            try EpochNumber.encode((value.timeIntervalSince1970 * 1000).rounded(), to: encoder)
        }
    }
}

// MARK: - Shared by the date formats

private enum ISO8601Text {
    static let wholeSeconds = Date.ISO8601FormatStyle()
    static let fractionalSeconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func decode(from decoder: any Decoder) throws -> Date {
        let expected = "an ISO 8601 date such as \"2026-11-23T18:00:00Z\""
        let text = try ScalarText.string(from: decoder, expected: expected)
        // Some Foundation versions parse only the form a style writes, so try both.
        guard let date = (try? fractionalSeconds.parse(text)) ?? (try? wholeSeconds.parse(text)) else {
            throw ScalarText.unexpected(expected, in: decoder)
        }
        return date
    }
}

private enum EpochNumber {
    static func decode(from decoder: any Decoder, expected: String) throws -> Double {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { throw ScalarText.unexpected(expected, in: decoder) }
        guard let number = try? container.decode(Double.self), number.isFinite else {
            throw ScalarText.unexpected(expected, in: decoder)
        }
        return number
    }

    /// An integer when `number` is whole (what servers that declare an integer epoch accept), else the fraction.
    static func encode(_ number: Double, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let whole = Int64(exactly: number) {
            try container.encode(whole)
        } else {
            try container.encode(number)
        }
    }
}

/// Reading the text of a date format, and the message when a value does not fit one.
private enum ScalarText {
    /// The string a text format reads; anything else is an error saying what was expected.
    static func string(from decoder: any Decoder, expected: String) throws -> String {
        let container = try decoder.singleValueContainer()
        guard !container.decodeNil(), let text = try? container.decode(String.self) else {
            throw unexpected(expected, in: decoder)
        }
        return text
    }

    /// `expected an ISO 8601 date such as "2026-11-23T18:00:00Z", found "yesterday"`, at the decoder's path;
    /// `valueNotFound` for a null, as for any other non-optional value.
    static func unexpected(_ expected: String, in decoder: any Decoder) -> DecodingError {
        let found = try? decoder.singleValueContainer().decode(JSONValue.self)
        let context = DecodingError.Context(
            codingPath: decoder.codingPath, debugDescription: "expected \(expected), found \(describe(found))")
        if found?.isNull == true { return .valueNotFound(Date.self, context) }
        return .dataCorrupted(context)
    }

    private static func describe(_ value: JSONValue?) -> String {
        switch value {
        case .array?: "an array"
        case .object?: "an object"
        case let scalar?: scalar.jsonString()
        case nil: "a value of another kind"
        }
    }
}
