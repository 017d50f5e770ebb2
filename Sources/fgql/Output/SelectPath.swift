import FlatfileGraphQL

/// A `--select` path such as `data.getBatches.data` or `data.getFinalDatabaseView.rows[0]`.
///
/// GraphQL response keys never contain dots, so dots separate members; a number (or `[n]`) indexes a list.
struct SelectPath: Equatable, CustomStringConvertible {
    enum Component: Equatable {
        case key(String)
        case index(Int)
    }

    var components: [Component]

    init(parsing text: String) throws(CommandFailure) {
        var components: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var part = Substring(part)
            // `rows[0][1]` — a key followed by bracketed indexes.
            var indexes: [Int] = []
            while part.hasSuffix("]"), let open = part.lastIndex(of: "[") {
                guard let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]), index >= 0 else {
                    throw .usage("--select \(text): \"\(part)\" has a bracket that does not hold a list index like [0].")
                }
                indexes.insert(index, at: 0)
                part = part[..<open]
            }
            if part.isEmpty {
                guard !indexes.isEmpty else {
                    throw .usage("--select \(text): empty member name; write members separated by single dots, like data.getBatches.data.")
                }
            } else if let index = Int(part), index >= 0 {
                components.append(.index(index))
            } else {
                components.append(.key(String(part)))
            }
            components.append(contentsOf: indexes.map(Component.index))
        }
        self.components = components
    }

    var description: String {
        components.enumerated().map { offset, component in
            switch component {
            case .key(let key): offset == 0 ? key : ".\(key)"
            case .index(let index): "[\(index)]"
            }
        }.joined()
    }

    /// The sub-tree at this path in `root`.
    ///
    /// - Throws: `CommandFailure.usage` naming the first step that does not exist and what does exist there.
    func select(in root: JSONValue) throws(CommandFailure) -> JSONValue {
        var current = root
        var walked: [Component] = []
        for component in components {
            let here = walked.isEmpty ? "the response" : SelectPath(components: walked).description
            switch (component, current) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else {
                    let members = object.map(\.key).joined(separator: ", ")
                    throw .usage("--select \(self): \(here) has no member \"\(key)\" (it has: \(members.isEmpty ? "nothing" : members)).")
                }
                current = next
            case (.index(let index), .array(let elements)):
                guard index < elements.count else {
                    throw .usage("--select \(self): \(here) has \(elements.count) element(s), so [\(index)] is out of range.")
                }
                current = elements[index]
            case (.key(let key), _):
                throw .usage("--select \(self): \(here) is \(current.kindName), not an object, so it has no member \"\(key)\".")
            case (.index(let index), _):
                throw .usage("--select \(self): \(here) is \(current.kindName), not a list, so [\(index)] does not apply.")
            }
            walked.append(component)
        }
        return current
    }

    init(components: [Component]) {
        self.components = components
    }
}
