import Foundation

/// Encodes `Encodable` values straight to `JSONValue`, keeping members in the order they are encoded (the order
/// generated variables declare them), so request bodies are stable byte for byte.
///
/// ```swift
/// struct Variables: Encodable { var licenseKey: String; var take: Int }
/// let json = try JSONValueEncoder().encode(Variables(licenseKey: "k", take: 5))
/// json.jsonString()   // {"licenseKey":"k","take":5}
/// ```
///
/// `URL`s encode as their absolute string and `Decimal`s as numbers, as with `JSONEncoder`; a non-finite
/// floating-point value is an `EncodingError`.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let node = Node()
        try NodeEncoder(node: node, codingPath: []).encodeValue(value)
        return node.materialize()
    }

    /// A value under construction; containers keep references to their children so nested containers can be
    /// filled after they are handed out.
    final class Node {
        enum Kind { case empty, value, object, array }

        private(set) var kind = Kind.empty
        private var value = JSONValue.null
        private var keys: [String] = []
        private var members: [String: Node] = [:]
        private var elements: [Node] = []

        func set(_ value: JSONValue) {
            kind = .value
            self.value = value
        }

        func materialize() -> JSONValue {
            switch kind {
            case .empty: return .object(JSONObject())
            case .value: return value
            case .array: return .array(elements.map { $0.materialize() })
            case .object:
                var object = JSONObject()
                object.reserveCapacity(keys.count)
                for key in keys { object[key] = members[key]?.materialize() ?? .null }
                return .object(object)
            }
        }

        /// The child for `key`, created (after the existing members) on first use.
        func member(_ key: String) -> Node {
            becomeObject()
            if let existing = members[key] { return existing }
            let node = Node()
            keys.append(key)
            members[key] = node
            return node
        }

        func appendElement() -> Node {
            becomeArray()
            let node = Node()
            elements.append(node)
            return node
        }

        func becomeObject() {
            guard kind != .object else { return }
            kind = .object
            keys = []
            members = [:]
        }

        func becomeArray() {
            guard kind != .array else { return }
            kind = .array
            elements = []
        }
    }

    struct NodeEncoder: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.becomeObject()
            return KeyedEncodingContainer(KeyedContainer(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            node.becomeArray()
            return UnkeyedContainer(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueContainer(node: node, codingPath: codingPath)
        }

        func encodeValue<T: Encodable>(_ value: T) throws {
            switch value {
            case let json as JSONValue: node.set(json)
            case let object as JSONObject: node.set(.object(object))
            case let url as URL: node.set(.string(url.absoluteString))
            case let decimal as Decimal: node.set(Self.number(decimal))
            default: try value.encode(to: self)
            }
        }

        static func number(_ decimal: Decimal) -> JSONValue {
            if let int = Int(decimal.description) { return .int(int) }
            return .double(NSDecimalNumber(decimal: decimal).doubleValue)
        }
    }

    static func scalar<T: BinaryFloatingPoint>(_ value: T, path: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(
                codingPath: path, debugDescription: "\(value) cannot be written as JSON"))
        }
        return .double(Double(value))
    }

    static func scalar<T: FixedWidthInteger>(_ value: T) -> JSONValue {
        if let int = Int(exactly: value) { return .int(int) }
        return .double(Double(value))
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        private func set(_ value: JSONValue, _ key: Key) { node.member(key.stringValue).set(value) }

        mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            set(try JSONValueEncoder.scalar(value, path: codingPath + [key]), key)
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            set(try JSONValueEncoder.scalar(value, path: codingPath + [key]), key)
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(.int(value), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(JSONValueEncoder.scalar(value), key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).encodeValue(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            NodeEncoder(node: node.member("super"), codingPath: codingPath + [JSONMemberKey("super")])
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        private(set) var count = 0

        init(node: Node, codingPath: [any CodingKey]) {
            self.node = node
            self.codingPath = codingPath
        }

        private var nextPath: [any CodingKey] { codingPath + [JSONMemberKey(index: count)] }

        private mutating func append(_ value: JSONValue) {
            node.appendElement().set(value)
            count += 1
        }

        mutating func encodeNil() throws { append(.null) }
        mutating func encode(_ value: Bool) throws { append(.bool(value)) }
        mutating func encode(_ value: String) throws { append(.string(value)) }
        mutating func encode(_ value: Double) throws { append(try JSONValueEncoder.scalar(value, path: nextPath)) }
        mutating func encode(_ value: Float) throws { append(try JSONValueEncoder.scalar(value, path: nextPath)) }
        mutating func encode(_ value: Int) throws { append(.int(value)) }
        mutating func encode(_ value: Int8) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: Int16) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: Int32) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: Int64) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt8) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt16) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt32) throws { append(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt64) throws { append(JSONValueEncoder.scalar(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let path = nextPath
            count += 1
            try NodeEncoder(node: node.appendElement(), codingPath: path).encodeValue(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            let path = nextPath
            count += 1
            return NodeEncoder(node: node.appendElement(), codingPath: path).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let path = nextPath
            count += 1
            return NodeEncoder(node: node.appendElement(), codingPath: path).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let path = nextPath
            count += 1
            return NodeEncoder(node: node.appendElement(), codingPath: path)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        private func set(_ value: JSONValue) { node.set(value) }

        mutating func encodeNil() throws { set(.null) }
        mutating func encode(_ value: Bool) throws { set(.bool(value)) }
        mutating func encode(_ value: String) throws { set(.string(value)) }
        mutating func encode(_ value: Double) throws { set(try JSONValueEncoder.scalar(value, path: codingPath)) }
        mutating func encode(_ value: Float) throws { set(try JSONValueEncoder.scalar(value, path: codingPath)) }
        mutating func encode(_ value: Int) throws { set(.int(value)) }
        mutating func encode(_ value: Int8) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: Int16) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: Int32) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: Int64) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt8) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt16) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt32) throws { set(JSONValueEncoder.scalar(value)) }
        mutating func encode(_ value: UInt64) throws { set(JSONValueEncoder.scalar(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try NodeEncoder(node: node, codingPath: codingPath).encodeValue(value)
        }
    }
}
