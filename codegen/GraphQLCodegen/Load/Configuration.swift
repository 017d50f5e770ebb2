import Foundation

/// Generator settings, read from a target's optional `fgql.json`; README.md ("fgql.json") documents every key.
///
/// ```json
/// { "namespace": "FlatfileSchema", "scalars": { "UUID": "UUID", "DateTime": "Date", "JSON": "JSONValue" } }
/// ```
public struct Configuration: Sendable, Hashable {
    /// The Swift access level of generated declarations.
    public enum AccessLevel: String, Sendable, Hashable, CaseIterable {
        case `public`, `package`, `internal`
    }

    /// The enum that holds the schema's enums and input objects, so they never clash with app or Foundation types.
    public var namespace: String
    /// GraphQL custom scalar name → Swift type. Unmapped custom scalars are `JSONValue`.
    public var scalars: [String: String]
    /// GraphQL custom scalar name → the `GraphQLScalarFormat` type its values are coded through, for scalars whose
    /// Swift type has a wire format (every `Date`; a user's type with a format of its own).
    public var scalarFormats: [String: String]
    public var accessLevel: AccessLevel
    /// The module generated code imports for `GraphQLQuery`, `GraphQLNullable`, `GraphQLEnum` and `JSONValue`.
    public var runtimeModule: String
    /// Which endpoint runs this schema's operations: `nil` for a remote GraphQL server over HTTP,
    /// `flatfile-platform` for the in-process Flatfile platform endpoint.
    public var endpoint: String?

    /// A file name for the operation manifest (`OperationManifest`) that the build plugin writes beside the
    /// generated Swift in its output folder; `nil` for none.
    public var operationManifest: String?

    /// The `endpoint` values fgql knows.
    public static let knownEndpoints = ["flatfile-platform"]

    public static let defaultNamespace = "GraphQLSchemaTypes"

    /// The `"format"` names of `Date` scalars and the runtime's format types they select; `iso8601` is the default.
    public static let dateFormats: KeyValuePairs<String, String> = [
        "iso8601": "GraphQLDateFormat.ISO8601",
        "iso8601-fractional": "GraphQLDateFormat.ISO8601FractionalSeconds",
        "epoch-seconds": "GraphQLDateFormat.EpochSeconds",
        "epoch-milliseconds": "GraphQLDateFormat.EpochMilliseconds",
    ]

    /// Swift types generated code can name without importing Foundation: the standard library's and the runtime's.
    static let typesWithoutFoundation: Set<String> = [
        "String", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Double",
        "Float", "Bool", "JSONValue", "JSONObject",
    ]

    /// Whether generated files need `import Foundation`: a scalar maps to a type beyond the standard library and
    /// the runtime (`Date`, `URL`, `UUID`, `Decimal`, or an app's own type, which may build on Foundation).
    var needsFoundation: Bool {
        scalars.values.contains { !Self.typesWithoutFoundation.contains($0.hasPrefix("Swift.") ? String($0.dropFirst(6)) : $0) }
    }

    public init(
        namespace: String = Configuration.defaultNamespace, scalars: [String: String] = [:],
        scalarFormats: [String: String] = [:], accessLevel: AccessLevel = .public,
        runtimeModule: String = "FlatfileGraphQL", endpoint: String? = nil
    ) {
        self.namespace = namespace
        self.scalars = scalars
        self.scalarFormats = scalarFormats
        self.accessLevel = accessLevel
        self.runtimeModule = runtimeModule
        self.endpoint = endpoint
    }

    private static let keys = ["namespace", "scalars", "accessLevel", "runtimeModule", "endpoint", "operationManifest"]

    /// Reads `fgql.json`; every problem in it is reported, each with what to write instead.
    static func load(_ file: SourceFile) -> (Configuration, [Diagnostic]) {
        var configuration = Configuration()
        var diagnostics: [Diagnostic] = []
        func fail(_ message: String) { diagnostics.append(.error(message, in: file, at: 0)) }

        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
        } catch {
            fail("not valid JSON (\(InputFiles.reason(error))); expected an object like {\"scalars\": {\"UUID\": \"String\"}}")
            return (configuration, diagnostics)
        }
        guard let settings = object as? [String: Any] else {
            fail("expected a JSON object like {\"scalars\": {\"UUID\": \"String\"}}")
            return (configuration, diagnostics)
        }
        for key in settings.keys.sorted() where !keys.contains(key) {
            fail("unknown setting \"\(key)\"; the settings are \(keys.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        if let value = settings["namespace"] {
            if let name = value as? String, SwiftName.isIdentifier(name) {
                configuration.namespace = name
            } else {
                fail("\"namespace\" must be a Swift type name such as \"\(defaultNamespace)\"")
            }
        }
        if let value = settings["runtimeModule"] {
            if let name = value as? String, SwiftName.isIdentifier(name) {
                configuration.runtimeModule = name
            } else {
                fail("\"runtimeModule\" must be a Swift module name such as \"FlatfileGraphQL\"")
            }
        }
        if let value = settings["endpoint"] {
            if let name = value as? String, knownEndpoints.contains(name) {
                configuration.endpoint = name
            } else {
                fail("\"endpoint\" must be one of \(knownEndpoints.map { "\"\($0)\"" }.joined(separator: ", ")), or left out for a remote GraphQL server")
            }
        }
        if let value = settings["operationManifest"] {
            if let name = value as? String, name.hasSuffix(".json"), !name.contains("/"), name != ".json" {
                configuration.operationManifest = name
            } else {
                fail("\"operationManifest\" must be a file name ending in .json, such as \"operation-manifest.json\" (it is written into the generator's output folder)")
            }
        }
        if let value = settings["accessLevel"] {
            if let raw = value as? String, let level = AccessLevel(rawValue: raw) {
                configuration.accessLevel = level
            } else {
                fail("\"accessLevel\" must be one of \(AccessLevel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
            }
        }
        if let value = settings["scalars"] {
            guard let mapping = value as? [String: Any] else {
                fail("\"scalars\" must map GraphQL scalar names to Swift types, like {\"UUID\": \"String\"}")
                return (configuration, diagnostics)
            }
            for (scalar, setting) in mapping.sorted(by: { $0.key < $1.key }) {
                switch ScalarSetting.parse(setting) {
                case .success(let parsed):
                    configuration.scalars[scalar] = parsed.swiftType
                    configuration.scalarFormats[scalar] = parsed.format
                case .failure(let problem):
                    diagnostics.append(.error("scalar \"\(scalar)\" \(problem.message)", in: file, at: file.utf8Offset(of: "\"\(scalar)\"") ?? 0))
                }
            }
        }
        return (configuration, diagnostics)
    }
}

/// One value of `"scalars"`: a Swift type name, or `{"type": …, "format": …}`.
struct ScalarSetting {
    struct Problem: Error {
        let message: String
    }

    var swiftType: String
    /// The format type generated code codes values through; `nil` for a type coded as it is.
    var format: String?

    private static let keys = ["type", "format"]
    private static var formatNames: String {
        Configuration.dateFormats.map { "\"\($0.key)\"" }.joined(separator: ", ")
    }

    static func isDate(_ swiftType: String) -> Bool { swiftType == "Date" || swiftType == "Foundation.Date" }

    static func parse(_ setting: Any) -> Result<ScalarSetting, Problem> {
        if let swiftType = setting as? String {
            guard SwiftName.isTypeReference(swiftType) else { return .failure(Problem(message: "must map to a Swift type name such as \"String\", \"Date\" or \"JSONValue\"")) }
            return .success(ScalarSetting(swiftType: swiftType, format: isDate(swiftType) ? Configuration.dateFormats[0].value : nil))
        }
        guard let object = setting as? [String: Any] else {
            return .failure(Problem(message: "must map to a Swift type name such as \"String\", or an object like {\"type\": \"Date\", \"format\": \"epoch-milliseconds\"}"))
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            return .failure(Problem(message: "has an unknown setting \"\(unknown)\"; an object mapping takes \"type\" and \"format\""))
        }
        guard let swiftType = object["type"] as? String, SwiftName.isTypeReference(swiftType) else {
            return .failure(Problem(message: "needs \"type\": a Swift type name such as \"Date\""))
        }
        guard let formatValue = object["format"] else {
            return .success(ScalarSetting(swiftType: swiftType, format: isDate(swiftType) ? Configuration.dateFormats[0].value : nil))
        }
        guard let format = formatValue as? String else {
            return .failure(Problem(message: "has a \"format\" that is not a string; the formats are \(formatNames), or the name of a Swift type conforming to GraphQLScalarFormat"))
        }
        if let builtIn = Configuration.dateFormats.first(where: { $0.key == format }) {
            guard isDate(swiftType) else {
                return .failure(Problem(message: "has format \"\(format)\", which is for \"Date\", not \"\(swiftType)\"; leave \"format\" out, or name a Swift type conforming to GraphQLScalarFormat whose Value is \(swiftType)"))
            }
            return .success(ScalarSetting(swiftType: swiftType, format: builtIn.value))
        }
        // A format of the user's own is a Swift type, named as types are (capitalized), which tells it from a
        // misspelt built-in name.
        guard SwiftName.isTypeReference(format), format.first?.isUppercase == true else {
            return .failure(Problem(message: "has an unknown format \"\(format)\"; the formats are \(formatNames), or the name of a Swift type conforming to GraphQLScalarFormat"))
        }
        return .success(ScalarSetting(swiftType: swiftType, format: format))
    }
}
