import Foundation

/// Turns an introspection result (`{"data": {"__schema": …}}` or `{"__schema": …}`) into SDL text.
///
/// GraphQL 4.3.0 has no `buildClientSchema`; printing SDL and building from it keeps one schema path.
enum IntrospectionToSDL {
    private struct Invalid: Error { let message: String }
    private static let builtIns: Set<String> = ["String", "Int", "Float", "Boolean", "ID"]
    private static let builtInDirectives: Set<String> = ["skip", "include", "deprecated", "specifiedBy", "oneOf"]

    static func convert(_ file: SourceFile) -> Result<String, Diagnostic> {
        do {
            let root = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
            let container = (root as? [String: Any])?["data"] ?? root
            guard let schema = (container as? [String: Any])?["__schema"] as? [String: Any] else {
                throw Invalid(message: "no \"__schema\" object: expected the JSON of an introspection query result")
            }
            return .success(try sdl(schema))
        } catch let invalid as Invalid {
            return .failure(Diagnostic(severity: .error, message: "invalid introspection JSON: \(invalid.message)", path: file.path))
        } catch {
            return .failure(
                Diagnostic(severity: .error, message: "not valid JSON: \(InputFiles.reason(error))", path: file.path))
        }
    }

    private static func sdl(_ schema: [String: Any]) throws -> String {
        var blocks: [String] = []
        let roots = ["query": "queryType", "mutation": "mutationType", "subscription": "subscriptionType"]
        var operations: [String] = []
        for operation in ["query", "mutation", "subscription"] {
            if let name = (schema[roots[operation]!] as? [String: Any])?["name"] as? String {
                operations.append("  \(operation): \(name)")
            }
        }
        guard !operations.isEmpty else { throw Invalid(message: "\"__schema.queryType\" is missing") }
        blocks.append("schema {\n\(operations.joined(separator: "\n"))\n}")

        guard let types = schema["types"] as? [[String: Any]] else { throw Invalid(message: "\"__schema.types\" is missing") }
        for type in types {
            guard let name = type["name"] as? String, let kind = type["kind"] as? String else {
                throw Invalid(message: "a type without \"name\" or \"kind\"")
            }
            if name.hasPrefix("__") || builtIns.contains(name) { continue }
            let header = description(type["description"], indent: "")
            switch kind {
            case "SCALAR":
                blocks.append(header + "scalar \(name)")
            case "OBJECT", "INTERFACE":
                let keyword = kind == "OBJECT" ? "type" : "interface"
                let interfaces = try (type["interfaces"] as? [[String: Any]] ?? []).map { try typeName($0) }
                let implements = interfaces.isEmpty ? "" : " implements " + interfaces.joined(separator: " & ")
                let fields = try (type["fields"] as? [[String: Any]] ?? []).map { field -> String in
                    let arguments = try (field["args"] as? [[String: Any]] ?? []).map { try inputValue($0, indent: "    ") }
                    let list = arguments.isEmpty ? "" : "(\n" + arguments.joined(separator: "\n") + "\n  )"
                    return description(field["description"], indent: "  ")
                        + "  \(try string(field, "name"))\(list): \(try typeReference(field["type"]))\(deprecation(field))"
                }
                blocks.append(header + "\(keyword) \(name)\(implements) {\n\(fields.joined(separator: "\n"))\n}")
            case "UNION":
                let members = try (type["possibleTypes"] as? [[String: Any]] ?? []).map { try typeName($0) }
                blocks.append(header + "union \(name) = \(members.joined(separator: " | "))")
            case "ENUM":
                let values = try (type["enumValues"] as? [[String: Any]] ?? []).map { value in
                    description(value["description"], indent: "  ") + "  \(try string(value, "name"))\(deprecation(value))"
                }
                blocks.append(header + "enum \(name) {\n\(values.joined(separator: "\n"))\n}")
            case "INPUT_OBJECT":
                let fields = try (type["inputFields"] as? [[String: Any]] ?? []).map { try inputValue($0, indent: "  ") }
                blocks.append(header + "input \(name) {\n\(fields.joined(separator: "\n"))\n}")
            default:
                throw Invalid(message: "type \"\(name)\" has unknown kind \"\(kind)\"")
            }
        }
        for directive in schema["directives"] as? [[String: Any]] ?? [] {
            let name = try string(directive, "name")
            if builtInDirectives.contains(name) { continue }
            let arguments = try (directive["args"] as? [[String: Any]] ?? []).map { try inputValue($0, indent: "  ") }
            let list = arguments.isEmpty ? "" : "(\n" + arguments.joined(separator: "\n") + "\n)"
            let locations = (directive["locations"] as? [String] ?? []).joined(separator: " | ")
            let repeatable = directive["isRepeatable"] as? Bool == true ? " repeatable" : ""
            blocks.append(description(directive["description"], indent: "") + "directive @\(name)\(list)\(repeatable) on \(locations)")
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private static func inputValue(_ value: [String: Any], indent: String) throws -> String {
        let defaultValue = (value["defaultValue"] as? String).map { " = \($0)" } ?? ""
        return description(value["description"], indent: indent)
            + "\(indent)\(try string(value, "name")): \(try typeReference(value["type"]))\(defaultValue)\(deprecation(value))"
    }

    private static func typeReference(_ value: Any?) throws -> String {
        guard let type = value as? [String: Any], let kind = type["kind"] as? String else {
            throw Invalid(message: "a type reference without \"kind\"")
        }
        switch kind {
        case "NON_NULL": return try typeReference(type["ofType"]) + "!"
        case "LIST": return "[" + (try typeReference(type["ofType"])) + "]"
        default: return try typeName(type)
        }
    }

    private static func typeName(_ type: [String: Any]) throws -> String { try string(type, "name") }

    private static func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] as? String else { throw Invalid(message: "an entry without \"\(key)\"") }
        return value
    }

    private static func deprecation(_ object: [String: Any]) -> String {
        guard object["isDeprecated"] as? Bool == true else { return "" }
        guard let reason = object["deprecationReason"] as? String else { return " @deprecated" }
        return " @deprecated(reason: \(quoted(reason)))"
    }

    private static func description(_ value: Any?, indent: String) -> String {
        guard let text = value as? String, !text.isEmpty else { return "" }
        return "\(indent)\(quoted(text))\n"
    }

    /// A GraphQL string literal (single-line form, every special character escaped).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
