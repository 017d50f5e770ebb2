import FlatfileGraphQL
import GraphQL

/// The executor works on the GraphQL library's `Map`; requests and responses use the runtime's `JSONValue`.
/// Both keep object members in order, and integers stay integers.
extension Map {
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .number(Number(number))
        case .double(let number): self = .number(Number(number))
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(Map.init(json:)))
        case .object(let object):
            self = .dictionary(.init(object.lazy.map { ($0.key, Map(json: $0.value)) }, uniquingKeysWith: { $1 }))
        }
    }
}

extension JSONValue {
    init(map: Map) {
        switch map {
        case .undefined, .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            switch number.storageType {
            case .bool: self = .bool(number.boolValue)
            case .int: self = .int(number.intValue)
            case .double, .unknown: self = .double(number.doubleValue)
            }
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(JSONValue.init(map:)))
        case .dictionary(let members):
            self = .object(JSONObject(members.lazy.filter { !$0.value.isUndefined }.map { ($0.key, JSONValue(map: $0.value)) }))
        }
    }
}

extension Map {
    fileprivate var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }
}
