import Foundation

/// Generator settings, read from a target's optional `fgql.json`.
///
/// ```json
/// { "namespace": "FlatfileSchema", "scalars": { "UUID": "String", "JSON": "JSONValue" }, "accessLevel": "public" }
/// ```
///
/// `"endpoint": "flatfile-platform"` says the schema is not served by a remote GraphQL server but executed in-process
/// over Flatfile's platform REST API (`fgql run` then uses that endpoint); the generator itself ignores it.
public struct Configuration: Sendable, Hashable {
    /// The Swift access level of generated declarations.
    public enum AccessLevel: String, Sendable, Hashable, CaseIterable {
        case `public`, `package`, `internal`
    }

    /// The enum that holds the schema's enums and input objects, so they never clash with app or Foundation types.
    public var namespace: String
    /// GraphQL custom scalar name → Swift type. Unmapped custom scalars are `JSONValue`.
    public var scalars: [String: String]
    public var accessLevel: AccessLevel
    /// The module generated code imports for `GraphQLQuery`, `GraphQLNullable`, `GraphQLEnum` and `JSONValue`.
    public var runtimeModule: String
    /// Which endpoint runs this schema's operations: `nil` for a remote GraphQL server over HTTP,
    /// `flatfile-platform` for the in-process Flatfile platform endpoint.
    public var endpoint: String?

    /// The `endpoint` values fgql knows.
    public static let knownEndpoints = ["flatfile-platform"]

    public static let defaultNamespace = "GraphQLSchemaTypes"

    public init(
        namespace: String = Configuration.defaultNamespace, scalars: [String: String] = [:],
        accessLevel: AccessLevel = .public, runtimeModule: String = "FlatfileGraphQL", endpoint: String? = nil
    ) {
        self.namespace = namespace
        self.scalars = scalars
        self.accessLevel = accessLevel
        self.runtimeModule = runtimeModule
        self.endpoint = endpoint
    }

    private static let keys = ["namespace", "scalars", "accessLevel", "runtimeModule", "endpoint"]

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
            for (scalar, swiftType) in mapping.sorted(by: { $0.key < $1.key }) {
                if let swiftType = swiftType as? String, SwiftName.isTypeReference(swiftType) {
                    configuration.scalars[scalar] = swiftType
                } else {
                    fail("scalar \"\(scalar)\" must map to a Swift type name such as \"String\" or \"JSONValue\"")
                }
            }
        }
        return (configuration, diagnostics)
    }
}
