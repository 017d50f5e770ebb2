/// A GraphQL enum value that survives the server adding cases.
///
/// Generated enums are plain Swift enums with the wire names as raw values; responses use them through this
/// wrapper so a value the app does not know yet decodes as `.unknown("NEW_VALUE")` instead of failing the whole
/// response.
///
/// ```swift
/// switch batch.status {
/// case .case(.submitted): print("done")
/// case .case(let other): print("still", other)
/// case .unknown(let raw): print("new status", raw)
/// }
/// ```
public enum GraphQLEnum<Known: RawRepresentable & CaseIterable>: RawRepresentable where Known.RawValue == String {
    /// A value the generated enum knows.
    case `case`(Known)
    /// A value the server sent that the generated enum does not know.
    case unknown(String)

    public init(_ known: Known) { self = .case(known) }

    public init(rawValue: String) {
        self = Known(rawValue: rawValue).map(GraphQLEnum.case) ?? .unknown(rawValue)
    }

    public var rawValue: String {
        switch self {
        case .case(let known): known.rawValue
        case .unknown(let raw): raw
        }
    }

    /// The known value, or `nil` for a value the generated enum does not know.
    public var value: Known? {
        if case .case(let known) = self { return known }
        return nil
    }
}

extension GraphQLEnum: Sendable where Known: Sendable {}
extension GraphQLEnum: Equatable {}
extension GraphQLEnum: Hashable {}

extension GraphQLEnum: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension GraphQLEnum: ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral,
    ExpressibleByStringLiteral
{
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}

extension GraphQLEnum {
    public static func == (lhs: GraphQLEnum, rhs: Known) -> Bool { lhs.rawValue == rhs.rawValue }
    public static func == (lhs: Known, rhs: GraphQLEnum) -> Bool { lhs.rawValue == rhs.rawValue }
}
