/// The member names of a `JSONObject`, in order, with the index that finds a name in a large object.
///
/// The rows of a page all have the same names in the same order, so the parser hands one key list to every object
/// whose names match it: a page then pays for its names and its index once, not once per row.
///
/// An object changes its names only through a key list no other object holds (copy-on-write, see
/// `JSONObject.uniqueKeyList()`); a shared key list is never written to. That is why it may cross threads.
final class JSONKeyList: @unchecked Sendable {
    /// Objects with at most this many members are searched linearly; larger ones keep an index.
    private static let linearSearchLimit = 12

    /// For empty objects, which are common and need no storage of their own.
    static let empty = JSONKeyList(distinctKeys: [], index: nil)

    private(set) var keys: [String]
    private var index: [String: Int]?

    private init(distinctKeys: [String], index: [String: Int]?) {
        keys = distinctKeys
        self.index = index
    }

    /// The key list of `keys`, or `nil` when a name repeats (the caller then merges the members one by one).
    convenience init?(parsedKeys keys: [String]) {
        guard keys.count > Self.linearSearchLimit else {
            var later = 1
            while later < keys.count {
                var earlier = 0
                while earlier < later {
                    if keys[earlier] == keys[later] { return nil }
                    earlier += 1
                }
                later += 1
            }
            self.init(distinctKeys: keys, index: nil)
            return
        }
        let index = Dictionary(zip(keys, keys.indices), uniquingKeysWith: { first, _ in first })
        guard index.count == keys.count else { return nil }
        self.init(distinctKeys: keys, index: index)
    }

    func copy() -> JSONKeyList {
        JSONKeyList(distinctKeys: keys, index: index)
    }

    func position(of key: String) -> Int? {
        if let index { return index[key] }
        var position = 0
        while position < keys.count {
            if keys[position] == key { return position }
            position += 1
        }
        return nil
    }

    /// Whether these are exactly `names`, in order. A plain loop: the parser asks this for every object it reads.
    func matches(_ names: ArraySlice<String>) -> Bool {
        guard names.count == keys.count else { return false }
        var offset = 0
        var name = names.startIndex
        while offset < keys.count {
            if keys[offset] != names[name] { return false }
            offset += 1
            name += 1
        }
        return true
    }

    // MARK: Changes, only through an object that holds the sole reference

    func reserveCapacity(_ capacity: Int) {
        keys.reserveCapacity(capacity)
    }

    /// Adds `key`, which is not among the keys yet.
    func append(_ key: String) {
        keys.append(key)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.linearSearchLimit {
            index = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
        }
    }

    func remove(at position: Int) {
        keys.remove(at: position)
        index = keys.count > Self.linearSearchLimit ? Dictionary(uniqueKeysWithValues: zip(keys, keys.indices)) : nil
    }
}
