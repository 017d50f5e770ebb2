/// The members of a JSON object, in the order they were written or received.
///
/// Looking a key up is a short linear scan for small objects (the common case in API responses) and a hash lookup
/// once an object grows past a few members. Setting an existing key replaces its value in place; setting a new key
/// appends it. Objects parsed with the same names in the same order (the rows of a page) share one list of names
/// until one of them changes its own.
///
/// ```swift
/// var row: JSONObject = ["id": 1, "name": "Ada"]
/// row["email"] = "ada@example.com"
/// row.keys    // ["id", "name", "email"]
/// ```
public struct JSONObject: Sendable {
    /// Shared with the objects parsed beside this one while none of them changes its names.
    private(set) var keyList: JSONKeyList
    public private(set) var values: [JSONValue]

    /// The member names, in order; `values` has the value of each at the same position.
    public var keys: [String] { keyList.keys }

    /// An empty object.
    public init() {
        keyList = .empty
        values = []
    }

    /// An object with `members` in order; a repeated key keeps its first position and its last value.
    public init<Members: Sequence>(_ members: Members) where Members.Element == (String, JSONValue) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// An object with `values` under the names of `keyList`, one value per name.
    init(keyList: JSONKeyList, values: [JSONValue]) {
        self.keyList = keyList
        self.values = values
    }

    /// An object from a parser's member lists, which are usually free of duplicates; a repeated key keeps its
    /// first position and its last value.
    init(parsedKeys: [String], values: [JSONValue]) {
        if let keyList = JSONKeyList(parsedKeys: parsedKeys) {
            self.init(keyList: keyList, values: values)
            return
        }
        self.init()
        for index in 0..<parsedKeys.count { self[parsedKeys[index]] = values[index] }
    }

    /// Reserves room for `capacity` members.
    public mutating func reserveCapacity(_ capacity: Int) {
        uniqueKeyList().reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The value for `key`; assigning `nil` removes the member, assigning a value replaces or appends it.
    public subscript(key: String) -> JSONValue? {
        get { keyList.position(of: key).map { values[$0] } }
        set {
            if let position = keyList.position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    uniqueKeyList().remove(at: position)
                    values.remove(at: position)
                }
            } else if let newValue {
                uniqueKeyList().append(key)
                values.append(newValue)
            }
        }
    }

    /// `true` when the object has a member named `key` (even if its value is `null`).
    public func contains(key: String) -> Bool { keyList.position(of: key) != nil }

    /// The key list, copied first when other objects share it: changing names must never reach a sibling.
    private mutating func uniqueKeyList() -> JSONKeyList {
        if !isKnownUniquelyReferenced(&keyList) { keyList = keyList.copy() }
        return keyList
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
        if lhs.keyList === rhs.keyList || lhs.keys == rhs.keys { return lhs.values == rhs.values }
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
