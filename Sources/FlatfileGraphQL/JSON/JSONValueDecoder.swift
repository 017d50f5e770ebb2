import Foundation

/// Decodes `Decodable` types from an already-parsed `JSONValue`, without turning it back into text.
///
/// `GraphQLClient` parses a response once and decodes the typed `data` from it with this decoder; `JSONValue`
/// members of the typed data are handed over as they are (no copy, member order kept).
///
/// ```swift
/// struct Batch: Decodable { var id: String; var status: String }
/// let batch = try JSONValueDecoder().decode(Batch.self, from: ["id": "b1", "status": "submitted"])
/// ```
///
/// It decodes what `JSONDecoder` (with its default strategies) decodes from the same text: `URL` from a string,
/// `Data` from Base64, `Decimal` from a number, and the rest through their own `init(from:)`. It also takes a
/// `Decimal` from a string holding a number (`"12.50"`), which servers use to keep every digit; a `Decimal` from a
/// JSON number keeps the digits a `Double` holds (about 15).
///
/// Errors are ordinary `DecodingError`s whose coding path names the member that failed.
public struct JSONValueDecoder: Sendable {
    public init() {}

    /// Decodes `type` from `value`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try ValueDecoder(value: value, path: .root).decodeValue(type)
    }

    /// A coding path as a linked list: extending it per member is one small allocation instead of copying an
    /// array, and the array is built only when someone asks (mostly for an error).
    indirect enum PathNode: Sendable {
        case root
        case key(String, PathNode)
        case index(Int, PathNode)

        func appending(_ key: some CodingKey) -> PathNode {
            if let index = key.intValue { return .index(index, self) }
            return .key(key.stringValue, self)
        }

        var keys: [any CodingKey] {
            var keys: [any CodingKey] = []
            var node = self
            while true {
                switch node {
                case .root: return keys.reversed()
                case .key(let key, let parent):
                    keys.append(JSONMemberKey(key))
                    node = parent
                case .index(let index, let parent):
                    keys.append(JSONMemberKey(index: index))
                    node = parent
                }
            }
        }
    }

    struct ValueDecoder: Decoder {
        let value: JSONValue
        let path: PathNode
        var codingPath: [any CodingKey] { path.keys }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let object) = value else {
                throw mismatch(Key.self, expected: "an object", path: path)
            }
            return KeyedDecodingContainer(KeyedContainer(object: object, path: path))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let elements) = value else {
                throw mismatch([JSONValue].self, expected: "an array", path: path)
            }
            return UnkeyedContainer(elements: elements, path: path)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            SingleValueContainer(value: value, path: path)
        }

        func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
            // Fast paths: JSON scalars in generated types are JSONValue; no need to rebuild them.
            if T.self == JSONValue.self, let same = value as? T { return same }
            if T.self == JSONObject.self, case .object(let object) = value, let same = object as? T { return same }
            // Comparing the types first keeps the (slower) conformance lookup off the path of every other type.
            if T.self == URL.self || T.self == Decimal.self || T.self == Data.self,
                let foundationType = T.self as? any FoundationJSONValue.Type,
                let decoded = try foundationType.unbox(value, path: path) as? T
            {
                return decoded
            }
            return try T(from: self)
        }

        private func mismatch(_ type: Any.Type, expected: String, path: PathNode) -> DecodingError {
            JSONValueDecoder.mismatch(type, expected: expected, found: value, path: path.keys)
        }
    }

    static func mismatch(_ type: Any.Type, expected: String, found value: JSONValue, path: [any CodingKey])
        -> DecodingError
    {
        if value.isNull {
            return .valueNotFound(type, .init(codingPath: path, debugDescription: "expected \(expected), found null"))
        }
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(expected), found \(value.kindName)"))
    }
}

// MARK: - Scalars

/// A type decoded straight from a JSON scalar.
protocol JSONScalar {
    static func unbox(_ value: JSONValue, path: @autoclosure () -> JSONValueDecoder.PathNode) throws -> Self
}

extension Bool: JSONScalar {
    static func unbox(_ value: JSONValue, path: @autoclosure () -> JSONValueDecoder.PathNode) throws -> Bool {
        guard case .bool(let bool) = value else {
            throw JSONValueDecoder.mismatch(Bool.self, expected: "a boolean", found: value, path: path().keys)
        }
        return bool
    }
}

extension String: JSONScalar {
    static func unbox(_ value: JSONValue, path: @autoclosure () -> JSONValueDecoder.PathNode) throws -> String {
        guard case .string(let string) = value else {
            throw JSONValueDecoder.mismatch(String.self, expected: "a string", found: value, path: path().keys)
        }
        return string
    }
}

extension BinaryFloatingPoint where Self: JSONScalar {
    static func unbox(_ value: JSONValue, path: @autoclosure () -> JSONValueDecoder.PathNode) throws -> Self {
        let converted: Self
        switch value {
        case .int(let int): converted = Self(int)
        case .double(let double): converted = Self(double)
        default: throw JSONValueDecoder.mismatch(Self.self, expected: "a number", found: value, path: path().keys)
        }
        // As `JSONDecoder` does: a number too large for a `Float` is an error, not infinity.
        guard converted.isFinite else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path().keys, debugDescription: "number \(value) does not fit in \(Self.self)"))
        }
        return converted
    }
}

extension Double: JSONScalar {}
extension Float: JSONScalar {}

extension FixedWidthInteger where Self: JSONScalar {
    static func unbox(_ value: JSONValue, path: @autoclosure () -> JSONValueDecoder.PathNode) throws -> Self {
        let converted: Self?
        switch value {
        case .int(let int): converted = Self(exactly: int)
        case .double(let double): converted = Self(exactly: double)
        default: throw JSONValueDecoder.mismatch(Self.self, expected: "an integer", found: value, path: path().keys)
        }
        guard let converted else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path().keys, debugDescription: "number \(value) is not a whole number that fits in \(Self.self)"))
        }
        return converted
    }
}

extension Int: JSONScalar {}
extension Int8: JSONScalar {}
extension Int16: JSONScalar {}
extension Int32: JSONScalar {}
extension Int64: JSONScalar {}
extension UInt: JSONScalar {}
extension UInt8: JSONScalar {}
extension UInt16: JSONScalar {}
extension UInt32: JSONScalar {}
extension UInt64: JSONScalar {}

// MARK: - Foundation types

/// A Foundation type that `JSONDecoder` reads from a JSON scalar of its own choosing rather than through the
/// type's `init(from:)` (which, for these, expects a keyed or unkeyed container).
protocol FoundationJSONValue {
    static func unbox(_ value: JSONValue, path: JSONValueDecoder.PathNode) throws -> Self
}

extension URL: FoundationJSONValue {
    static func unbox(_ value: JSONValue, path: JSONValueDecoder.PathNode) throws -> URL {
        let text = try String.unbox(value, path: path)
        guard let url = URL(string: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path.keys, debugDescription: "expected a URL, found \(JSONValue.string(text))"))
        }
        return url
    }
}

extension Data: FoundationJSONValue {
    static func unbox(_ value: JSONValue, path: JSONValueDecoder.PathNode) throws -> Data {
        guard case .string(let text) = value else {
            throw JSONValueDecoder.mismatch(Data.self, expected: "a Base64 string", found: value, path: path.keys)
        }
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path.keys, debugDescription: "expected Base64 data, found \(value)"))
        }
        return data
    }
}

extension Decimal: FoundationJSONValue {
    static func unbox(_ value: JSONValue, path: JSONValueDecoder.PathNode) throws -> Decimal {
        let decimal: Decimal?
        switch value {
        case .int(let int): decimal = Decimal(int)
        // The Double's shortest text is the number as the server wrote it, up to the digits a Double holds.
        case .double(let double): decimal = Decimal(string: String(double), locale: nil)
        // `Decimal(string:)` alone would read "12abc" as 12: the whole text must be a JSON number.
        case .string(let text):
            let isNumber = (try? JSONValue(parsing: text))?.doubleValue != nil
            decimal = isNumber ? Decimal(string: text, locale: nil) : nil
        default: throw JSONValueDecoder.mismatch(Decimal.self, expected: "a number", found: value, path: path.keys)
        }
        guard let decimal, !decimal.isNaN else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path.keys, debugDescription: "expected a decimal number, found \(value)"))
        }
        return decimal
    }
}

// MARK: - Containers

extension JSONValueDecoder {
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: JSONObject
        let path: PathNode
        var codingPath: [any CodingKey] { path.keys }

        var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { object.contains(key: key.stringValue) }

        private func member(_ key: Key) throws -> JSONValue {
            guard let value = object[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(
                    codingPath: path.keys, debugDescription: "no member \"\(key.stringValue)\" in the object"))
            }
            return value
        }

        private func scalar<T: JSONScalar>(_ key: Key) throws -> T {
            try T.unbox(member(key), path: path.appending(key))
        }

        func decodeNil(forKey key: Key) throws -> Bool { try member(key).isNull }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try ValueDecoder(value: member(key), path: path.appending(key)).decodeValue(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try ValueDecoder(value: member(key), path: path.appending(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(value: member(key), path: path.appending(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            ValueDecoder(value: object["super"] ?? .null, path: .key("super", path))
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            ValueDecoder(value: object[key.stringValue] ?? .null, path: path.appending(key))
        }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let elements: [JSONValue]
        let path: PathNode
        var codingPath: [any CodingKey] { path.keys }
        private(set) var currentIndex = 0

        init(elements: [JSONValue], path: PathNode) {
            self.elements = elements
            self.path = path
        }

        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        private var currentPath: PathNode { .index(currentIndex, path) }

        private mutating func next(_ type: Any.Type) throws -> JSONValue {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, .init(
                    codingPath: currentPath.keys, debugDescription: "the array has only \(elements.count) elements"))
            }
            defer { currentIndex += 1 }
            return elements[currentIndex]
        }

        private mutating func scalar<T: JSONScalar>() throws -> T {
            let index = currentIndex
            return try T.unbox(next(T.self), path: .index(index, path))
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Never?.self, .init(
                    codingPath: currentPath.keys, debugDescription: "the array has only \(elements.count) elements"))
            }
            guard elements[currentIndex].isNull else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar() }
        mutating func decode(_ type: String.Type) throws -> String { try scalar() }
        mutating func decode(_ type: Double.Type) throws -> Double { try scalar() }
        mutating func decode(_ type: Float.Type) throws -> Float { try scalar() }
        mutating func decode(_ type: Int.Type) throws -> Int { try scalar() }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar() }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar() }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar() }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar() }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar() }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar() }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar() }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar() }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar() }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try nextDecoder(type).decodeValue(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try nextDecoder(JSONObject.self).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try nextDecoder([JSONValue].self).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            try nextDecoder(JSONValue.self)
        }

        private mutating func nextDecoder(_ type: Any.Type) throws -> ValueDecoder {
            let path = currentPath
            return ValueDecoder(value: try next(type), path: path)
        }
    }

    struct SingleValueContainer: SingleValueDecodingContainer {
        let value: JSONValue
        let path: PathNode
        var codingPath: [any CodingKey] { path.keys }

        private func scalar<T: JSONScalar>() throws -> T { try T.unbox(value, path: path) }

        func decodeNil() -> Bool { value.isNull }
        func decode(_ type: Bool.Type) throws -> Bool { try scalar() }
        func decode(_ type: String.Type) throws -> String { try scalar() }
        func decode(_ type: Double.Type) throws -> Double { try scalar() }
        func decode(_ type: Float.Type) throws -> Float { try scalar() }
        func decode(_ type: Int.Type) throws -> Int { try scalar() }
        func decode(_ type: Int8.Type) throws -> Int8 { try scalar() }
        func decode(_ type: Int16.Type) throws -> Int16 { try scalar() }
        func decode(_ type: Int32.Type) throws -> Int32 { try scalar() }
        func decode(_ type: Int64.Type) throws -> Int64 { try scalar() }
        func decode(_ type: UInt.Type) throws -> UInt { try scalar() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar() }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try ValueDecoder(value: value, path: path).decodeValue(type)
        }
    }
}

/// `data.getBatches.data[3].id` for a coding path; `prefix` names the root.
func describeCodingPath(_ path: [any CodingKey], prefix: String) -> String {
    var text = prefix
    for key in path {
        if let index = key.intValue {
            text += "[\(index)]"
        } else {
            text += text.isEmpty ? key.stringValue : "." + key.stringValue
        }
    }
    return text
}
