/// The members of a JSON object, in the order they were written or received.
///
/// Looking a key up is a short linear scan for small objects (the common case in API responses) and a hash lookup
/// once an object grows past a few members. Setting an existing key replaces its value in place; setting a new key
/// appends it.
///
/// ```swift
/// var row: JSONObject = ["id": 1, "name": "Ada"]
/// row["email"] = "ada@example.com"
/// row.keys    // ["id", "name", "email"]
/// ```
public struct JSONObject: Sendable {
    /// Objects with at most this many members are searched linearly; larger ones keep a key index.
    private static let linearSearchLimit = 12

    public private(set) var keys: [String]
    public private(set) var values: [JSONValue]
    private var index: [String: Int]?

    /// An empty object.
    public init() {
        keys = []
        values = []
    }

    /// An object with `members` in order; a repeated key keeps its first position and its last value.
    public init<Members: Sequence>(_ members: Members) where Members.Element == (String, JSONValue) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    private init(distinctKeys: [String], values: [JSONValue]) {
        keys = distinctKeys
        self.values = values
    }

    /// An object from a parser's member lists, which are usually free of duplicates; a repeated key keeps its
    /// first position and its last value.
    init(parsedKeys: [String], values: [JSONValue]) {
        if parsedKeys.count <= Self.linearSearchLimit {
            var duplicate = false
            var later = 1
            while later < parsedKeys.count && !duplicate {
                var earlier = 0
                while earlier < later {
                    if parsedKeys[earlier] == parsedKeys[later] { duplicate = true }
                    earlier += 1
                }
                later += 1
            }
            if !duplicate {
                self.init(distinctKeys: parsedKeys, values: values)
                return
            }
        }
        self.init()
        for index in 0..<parsedKeys.count { self[parsedKeys[index]] = values[index] }
    }

    /// Reserves room for `capacity` members.
    public mutating func reserveCapacity(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The value for `key`; assigning `nil` removes the member, assigning a value replaces or appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    removeMember(at: position)
                }
            } else if let newValue {
                append(key: key, value: newValue)
            }
        }
    }

    /// `true` when the object has a member named `key` (even if its value is `null`).
    public func contains(key: String) -> Bool { position(of: key) != nil }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        var position = 0
        while position < keys.count {
            if keys[position] == key { return position }
            position += 1
        }
        return nil
    }

    private mutating func append(key: String, value: JSONValue) {
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.linearSearchLimit {
            index = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
        }
    }

    private mutating func removeMember(at position: Int) {
        keys.remove(at: position)
        values.remove(at: position)
        index = keys.count > Self.linearSearchLimit
            ? Dictionary(uniqueKeysWithValues: zip(keys, keys.indices)) : nil
    }
}

extension JSONObject: RandomAccessCollection {
    public typealias Element = (key: String, value: JSONValue)
    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> Element { (keys[position], values[position]) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Keeps the members in the order they are written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Hashable {
    /// Objects are equal when they have the same members, whatever their order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.keys == rhs.keys { return lhs.values == rhs.values }
        for (key, value) in lhs where rhs[key] != value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with `==`: a commutative sum of each member's own hash.
        var sum = 0
        for (key, value) in self {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            sum &+= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

extension JSONObject: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONValue.object(self).jsonString() }
}
