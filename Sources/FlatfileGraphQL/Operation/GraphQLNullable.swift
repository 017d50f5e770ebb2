/// An input value that tells "leave it out" apart from "send null".
///
/// GraphQL treats an absent argument and an explicit `null` differently: an absent argument takes its default, a
/// `null` clears it. Generated initializers default every nullable input to `.absent`, so callers write only what
/// they need.
///
/// ```swift
/// let query = GetBatchesQuery(licenseKey: key, take: 50)          // skip is absent
/// let clear = UpdateSchemaMutation(schemaId: "42", archived: .null) // sends "archived": null
/// ```
public enum GraphQLNullable<Wrapped> {
    /// Not sent at all.
    case absent
    /// Sent as JSON `null`.
    case null
    /// Sent as the value.
    case value(Wrapped)

    /// The wrapped value, or `nil` when absent or null.
    public var unwrapped: Wrapped? {
        if case .value(let wrapped) = self { return wrapped }
        return nil
    }

    /// The value transformed, absent and null kept: how generated code sends a `Date` in its declared format.
    ///
    /// ```swift
    /// let since: GraphQLNullable<Date> = .value(date)
    /// since.map { GraphQLFormatted<GraphQLDateFormat.ISO8601>($0) }   // .value(GraphQLFormatted(date))
    /// ```
    public func map<Transformed>(_ transform: (Wrapped) throws -> Transformed) rethrows -> GraphQLNullable<Transformed> {
        switch self {
        case .absent: .absent
        case .null: .null
        case .value(let wrapped): .value(try transform(wrapped))
        }
    }
}

extension GraphQLNullable: Sendable where Wrapped: Sendable {}
extension GraphQLNullable: Equatable where Wrapped: Equatable {}
extension GraphQLNullable: Hashable where Wrapped: Hashable {}

extension GraphQLNullable {
    /// Wraps an optional: `nil` becomes `.null`, anything else `.value`.
    public init(_ optional: Wrapped?) {
        self = optional.map(GraphQLNullable.value) ?? .null
    }
}

// Literal conformances let callers pass plain values where a nullable input is expected: `take: 50`.
extension GraphQLNullable: ExpressibleByNilLiteral {
    /// `nil` means JSON `null`; write `.absent` to leave the value out.
    public init(nilLiteral: ()) { self = .null }
}

extension GraphQLNullable: ExpressibleByUnicodeScalarLiteral where Wrapped: ExpressibleByUnicodeScalarLiteral {
    public init(unicodeScalarLiteral value: Wrapped.UnicodeScalarLiteralType) {
        self = .value(Wrapped(unicodeScalarLiteral: value))
    }
}

extension GraphQLNullable: ExpressibleByExtendedGraphemeClusterLiteral
where Wrapped: ExpressibleByExtendedGraphemeClusterLiteral {
    public init(extendedGraphemeClusterLiteral value: Wrapped.ExtendedGraphemeClusterLiteralType) {
        self = .value(Wrapped(extendedGraphemeClusterLiteral: value))
    }
}

extension GraphQLNullable: ExpressibleByStringLiteral where Wrapped: ExpressibleByStringLiteral {
    public init(stringLiteral value: Wrapped.StringLiteralType) {
        self = .value(Wrapped(stringLiteral: value))
    }
}

extension GraphQLNullable: ExpressibleByIntegerLiteral where Wrapped: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Wrapped.IntegerLiteralType) {
        self = .value(Wrapped(integerLiteral: value))
    }
}

extension GraphQLNullable: ExpressibleByFloatLiteral where Wrapped: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Wrapped.FloatLiteralType) {
        self = .value(Wrapped(floatLiteral: value))
    }
}

extension GraphQLNullable: ExpressibleByBooleanLiteral where Wrapped: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Wrapped.BooleanLiteralType) {
        self = .value(Wrapped(booleanLiteral: value))
    }
}

extension GraphQLNullable: ExpressibleByArrayLiteral where Wrapped: RangeReplaceableCollection {
    public init(arrayLiteral elements: Wrapped.Element...) {
        self = .value(Wrapped(elements))
    }
}

extension GraphQLNullable: Encodable where Wrapped: Encodable {
    /// Encodes `.null` as `null` and `.value` as the value. `.absent` must be skipped by the containing type —
    /// use `KeyedEncodingContainer.encode(_:forKey:)` below, which generated code calls — and encodes as `null`
    /// if it is encoded on its own.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .absent, .null: try container.encodeNil()
        case .value(let wrapped): try container.encode(wrapped)
        }
    }
}

extension KeyedEncodingContainer {
    /// Encodes a nullable input under `key`, leaving the key out entirely when the value is `.absent`.
    public mutating func encode<Wrapped: Encodable>(_ value: GraphQLNullable<Wrapped>, forKey key: Key) throws {
        switch value {
        case .absent: return
        case .null: try encodeNil(forKey: key)
        case .value(let wrapped): try encode(wrapped, forKey: key)
        }
    }
}
