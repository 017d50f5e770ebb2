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
/// The output is what `JSONEncoder` (with its default strategies) writes, parsed: `URL`s encode as their absolute
/// string, `Data` as Base64, `Decimal`s and `Float`s as the numbers their text spells, and encoding a key again
/// replaces its value (a nested container asked for the same key again adds to it). A non-finite floating-point
/// value is an `EncodingError`.
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

        /// The child for `key`, created (after the existing members) on first use; what a nested container or
        /// super encoder writes into, so asking for the same key again adds to what is there.
        func member(_ key: String) -> Node {
            becomeObject()
            if let existing = members[key] { return existing }
            return replaceMember(key)
        }

        /// A fresh child for `key`, in the position of the one it replaces: encoding a key again overwrites its
        /// value (as `JSONEncoder` does) instead of adding the new elements or members to the old ones.
        @discardableResult
        func replaceMember(_ key: String) -> Node {
            becomeObject()
            let node = Node()
            if members.updateValue(node, forKey: key) == nil { keys.append(key) }
            return node
        }

        var elementCount: Int { kind == .array ? elements.count : 0 }

        func appendElement() -> Node {
            becomeArray()
            let node = Node()
            elements.append(node)
            return node
        }

        /// Makes this node an object, keeping the members of an object value already encoded here (a container
        /// opened where a `JSONValue` or `JSONObject` was encoded adds to it, as with `JSONEncoder`).
        func becomeObject() {
            guard kind != .object else { return }
            let encoded = kind == .value ? value : .null
            kind = .object
            value = .null
            keys = []
            members = [:]
            if case .object(let object) = encoded {
                for (key, member) in object { replaceMember(key).set(member) }
            }
        }

        /// Makes this node an array, keeping the elements of an array value already encoded here.
        func becomeArray() {
            guard kind != .array else { return }
            let encoded = kind == .value ? value : .null
            kind = .array
            value = .null
            elements = []
            if case .array(let values) = encoded {
                elements = values.map { element in
                    let node = Node()
                    node.set(element)
                    return node
                }
            }
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
            // The types `JSONEncoder` writes in a form of its own rather than through their `encode(to:)`.
            case let url as URL: node.set(.string(url.absoluteString))
            case let decimal as Decimal: node.set(try Self.number(decimal, path: codingPath))
            case let data as Data: node.set(.string(data.base64EncodedString()))
            default: try value.encode(to: self)
            }
        }

        /// `JSONEncoder` writes a `Decimal`'s text as the number: read back, that is an integer when it fits `Int`
        /// and otherwise the `Double` nearest to it.
        static func number(_ decimal: Decimal, path: [any CodingKey]) throws -> JSONValue {
            let text = decimal.description
            if let int = Int(text) { return .int(int) }
            guard !decimal.isNaN, let double = Double(text), double.isFinite else {
                throw EncodingError.invalidValue(decimal, .init(
                    codingPath: path, debugDescription: "\(text) cannot be written as JSON"))
            }
            return .double(double)
        }
    }

    /// A `Float` is written as its own shortest text (`0.1`, as `JSONEncoder` does), not as the longer `Double`
    /// it widens to (`0.10000000149011612`).
    static func scalar<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T, path: [any CodingKey]) throws
        -> JSONValue
    {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(
                codingPath: path, debugDescription: "\(value) cannot be written as JSON"))
        }
        if let double = value as? Double { return .double(double) }
        return .double(Double(value.description) ?? Double(value))
    }

    static func scalar<T: FixedWidthInteger>(_ value: T) -> JSONValue {
        if let int = Int(exactly: value) { return .int(int) }
        return .double(Double(value))
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        private func set(_ value: JSONValue, _ key: Key) { node.replaceMember(key.stringValue).set(value) }

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
            try NodeEncoder(node: node.replaceMember(key.stringValue), codingPath: codingPath + [key]).encodeValue(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            NodeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        // A super encoder replaces the key's value, as `JSONEncoder`'s does when it is released (which, for the
        // usual `try super.encode(to: container.superEncoder())`, is right away).
        mutating func superEncoder() -> any Encoder {
            NodeEncoder(node: node.replaceMember("super"), codingPath: codingPath + [JSONMemberKey("super")])
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            NodeEncoder(node: node.replaceMember(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        private(set) var count: Int

        /// A second unkeyed container of the same encoder appends to the first one's elements, as with
        /// `JSONEncoder`; `count` (and so the coding path of each element) continues from there.
        init(node: Node, codingPath: [any CodingKey]) {
            self.node = node
            self.codingPath = codingPath
            count = node.elementCount
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
