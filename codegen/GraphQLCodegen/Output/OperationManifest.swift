import Foundation

/// One operation as the generator emitted it: what a persisted-query manifest lists.
public struct GeneratedOperation: Sendable, Hashable, Codable {
    /// The SHA-256 of `body`: the generated `operationIdentifier`, and the hash automatic persisted queries send.
    public var id: String
    /// The exact document the generated code sends (the operation, the fragments it uses, added `__typename`s).
    public var body: String
    public var name: String
    /// `query`, `mutation` or `subscription`.
    public var type: String
}

/// The operations of a generator run in Apollo's persisted-query manifest format, for servers that allow-list
/// operations (Apollo GraphOS, Hive, Stellate, a gateway of one's own): only the documents listed may run.
///
/// ```swift
/// let result = Codegen.generate(schemaFile: "schema.graphqls", documentFiles: files)
/// try OperationManifest(result.operations).write(to: "operation-manifest.json")
/// ```
///
/// ```json
/// {"format": "apollo-persisted-query-manifest", "version": 1,
///  "operations": [{"id": "3f1c…", "name": "GetBatches", "type": "query", "body": "query GetBatches…"}]}
/// ```
public struct OperationManifest: Sendable, Hashable, Codable {
    public static let formatName = "apollo-persisted-query-manifest"

    public var format = OperationManifest.formatName
    public var version = 1
    /// Sorted by name, so the file changes only when an operation does.
    public var operations: [GeneratedOperation]

    public init(_ operations: [GeneratedOperation]) {
        self.operations = operations.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// The manifest as JSON: indented, keys sorted, one trailing newline.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// Writes the manifest to `path` atomically, unless a file there is something else than a manifest (it is
    /// never overwritten); an unchanged manifest is not rewritten.
    ///
    /// - Throws: an error whose description says why nothing was written.
    public func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        if let existing = FileManager.default.contents(atPath: path) {
            guard let manifest = try? JSONDecoder().decode(OperationManifest.self, from: existing),
                  manifest.format == Self.formatName
            else {
                throw OutputWriter.Refusal.notAManifest(path: path)
            }
            if existing == json { return }
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try json.write(to: url, options: .atomic)
        } catch {
            throw OutputWriter.Refusal.writeFailed(path: path, reason: InputFiles.reason(error))
        }
    }
}

