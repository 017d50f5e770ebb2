import FlatfileGraphQL
import Testing

/// Where two JSON values differ, member by member, so that a failed comparison names the path.
struct JSONDifference: CustomStringConvertible, Equatable {
    let path: String
    /// `nil`: the member is missing on that side.
    let actual: JSONValue?
    let expected: JSONValue?

    var description: String {
        "\(path.isEmpty ? "(root)" : path): \(actual.map { "\($0)" } ?? "missing") instead of \(expected.map { "\($0)" } ?? "missing")"
    }

    /// A `null` the expected JSON has and the actual JSON leaves out.
    var isDroppedNull: Bool { actual == nil && expected == .null }

    static func between(_ actual: JSONValue, _ expected: JSONValue, path: String = "") -> [JSONDifference] {
        switch (actual, expected) {
        case (.object(let left), .object(let right)):
            var differences: [JSONDifference] = []
            for (key, value) in right {
                let member = path.isEmpty ? key : "\(path).\(key)"
                if let other = left[key] {
                    differences += between(other, value, path: member)
                } else {
                    differences.append(JSONDifference(path: member, actual: nil, expected: value))
                }
            }
            for (key, value) in left where !right.contains(key: key) {
                differences.append(JSONDifference(path: path.isEmpty ? key : "\(path).\(key)", actual: value, expected: nil))
            }
            return differences
        case (.array(let left), .array(let right)) where left.count == right.count:
            return zip(left, right).enumerated().flatMap { index, pair in between(pair.0, pair.1, path: "\(path)[\(index)]") }
        default:
            return actual == expected ? [] : [JSONDifference(path: path, actual: actual, expected: expected)]
        }
    }
}

/// Expects `actual` to be `expected`, naming every differing member. A difference made only of nulls the encoder
/// left out is a known generator issue (recorded as such, so the run stays green until it is fixed).
func expectSameJSON(_ actual: JSONValue, _ expected: JSONValue, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let differences = JSONDifference.between(actual, expected)
    withKnownIssue(
        "codegen: a field under @include/@skip that the server sent as null encodes back as absent (encodeIfPresent)",
        isIntermittent: true
    ) {
        #expect(differences.isEmpty, "\(what): \(differences)", sourceLocation: sourceLocation)
    } when: {
        !differences.isEmpty && differences.allSatisfy(\.isDroppedNull)
    }
}
