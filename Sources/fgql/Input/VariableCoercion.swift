import FlatfileGraphQL
import GraphQLCodegen

/// Turns the text of `--var name=value` into the JSON value its declared type needs, or explains why it cannot.
///
/// The type decides, never the look of the text: `--var name=2024` for a `String!` is the string "2024".
/// `String`, `ID`, enums and custom scalars take the text as it is (an enum value is its name); `Int` a whole
/// number, `Float` a number, `Boolean` true or false; lists and input objects are written as JSON. A nullable
/// variable also takes `null`, except where the text itself is the value. Without a schema fgql cannot tell an
/// input object from a custom scalar, so for other named types a JSON object is sent as one and anything else as
/// text.
enum VariableCoercion {
    static func value(_ text: String, for variable: RunnableVariable) throws(CommandFailure) -> JSONValue {
        let isList = variable.type.hasPrefix("[")
        let isNullable = !variable.type.hasSuffix("!")
        let builtIn = BuiltInScalar(rawValue: variable.namedType)
        let takesText = !isList && (builtIn?.takesText ?? (variable.namedTypeKind != .inputObject))
        if isNullable && !takesText && text == "null" { return .null }

        if isList {
            guard let value = try? JSONValue(parsing: text) else {
                throw refusal(text, variable, needs: "a JSON list like [\(example(for: builtIn))]")
            }
            return value
        }
        switch builtIn {
        case .int:
            // GraphQL's Int is 32 bits; the server would refuse anything wider.
            guard let number = Int32(text) else { throw refusal(text, variable, needs: "a whole number like 50") }
            return .int(Int(number))
        case .float:
            guard let number = Double(text), number.isFinite, !text.hasPrefix("+") else {
                throw refusal(text, variable, needs: "a number like 2.5")
            }
            return Int(text).map(JSONValue.int) ?? .double(number)
        case .boolean:
            guard let value = ["true": true, "false": false][text] else {
                throw refusal(text, variable, needs: "true or false")
            }
            return .bool(value)
        case .string, .id:
            return .string(text)
        case nil:
            switch variable.namedTypeKind {
            case .inputObject:
                guard let value = try? JSONValue(parsing: text), case .object = value else {
                    throw refusal(text, variable, needs: "a JSON object like {\"name\": \"…\"}")
                }
                return value
            case .scalar, .enumeration:
                return .string(text)
            case nil:
                if let value = try? JSONValue(parsing: text), case .object = value { return value }
                return .string(text)
            }
        }
    }

    private enum BuiltInScalar: String {
        case int = "Int", float = "Float", boolean = "Boolean", string = "String", id = "ID"

        var takesText: Bool { self == .string || self == .id }
    }

    private static func example(for scalar: BuiltInScalar?) -> String {
        switch scalar {
        case .int: "1, 2"
        case .float: "1.5, 2"
        case .boolean: "true"
        default: "\"a\", \"b\""
        }
    }

    /// The value is not echoed past a short excerpt: it is the user's own text, but may be long.
    private static func refusal(_ text: String, _ variable: RunnableVariable, needs: String) -> CommandFailure {
        let shown = text.count > 40 ? text.prefix(40) + "…" : text
        return .usage("--var \(variable.name)=\(shown): $\(variable.name) is \(variable.type), which takes \(needs); nothing was sent.")
    }
}
