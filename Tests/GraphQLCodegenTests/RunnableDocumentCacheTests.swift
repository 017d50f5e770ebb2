import Foundation
import Testing

@testable import GraphQLCodegen

/// `fgql run` checks a schema once and a document once per schema: later runs of the same document against the
/// same schema text skip validation (and the schema's parse), a new document is validated against the part of the
/// schema it reaches, and nothing a user sees — diagnostics, operations, variable kinds — depends on the cache.
@Suite struct RunnableDocumentCacheTests {
    static let query = """
        query Search($text: String!, $filter: Filter, $kind: Kind) {
          search(text: $text, filter: $filter) { __typename ... on Item { id title } }
          item(id: "1") { kind }
          other: search(text: "x", filter: { kind: $kind }) { __typename }
        }
        """

    private func workspace(_ documents: [String: String] = ["search.graphql": query]) throws -> Workspace {
        try Workspace(documents.merging(["schema.graphqls": SchemaCacheTests.schema]) { first, _ in first })
    }

    private func load(_ name: String, in workspace: Workspace, cache: SchemaCache?) -> RunnableDocument {
        RunnableDocument.load(path: workspace.path(name), schemaPath: workspace.path("schema.graphqls"), cache: cache)
    }

    @Test func aDocumentSeenBeforeIsNotValidatedAgainAndLoadsTheSame() throws {
        let workspace = try workspace()
        let cache = SchemaCache(directory: workspace.path("cache"))
        let uncached = load("search.graphql", in: workspace, cache: nil)
        let first = load("search.graphql", in: workspace, cache: cache)
        let second = load("search.graphql", in: workspace, cache: cache)

        #expect(uncached.validation == .fullSchema && first.validation == .fullSchema)
        #expect(second.validation == .cachedDocument)
        #expect(second.diagnostics.isEmpty)
        #expect(second.operations == uncached.operations)
        let kinds = Dictionary(uniqueKeysWithValues: second.operations[0].variables.map { ($0.name, $0.namedTypeKind) })
        #expect(kinds == ["text": .scalar, "filter": .inputObject, "kind": .enumeration])
    }

    @Test func aNewDocumentAgainstAKnownSchemaIsValidatedAgainstWhatItReaches() throws {
        let workspace = try workspace(["search.graphql": Self.query, "item.graphql": "query { item(id: \"2\") { id } }"])
        let cache = SchemaCache(directory: workspace.path("cache"))
        _ = load("search.graphql", in: workspace, cache: cache)
        let item = load("item.graphql", in: workspace, cache: cache)
        #expect(item.validation == .schemaSubset)
        #expect(item.diagnostics.isEmpty)
        #expect(load("item.graphql", in: workspace, cache: cache).validation == .cachedDocument)
    }

    @Test func aDocumentWithErrorsGetsTheWholeSchemasDiagnosticsEveryTime() throws {
        let workspace = try workspace(["search.graphql": Self.query, "bad.graphql": "query { item(id: \"1\") { titel } }"])
        let cache = SchemaCache(directory: workspace.path("cache"))
        _ = load("search.graphql", in: workspace, cache: cache)
        let uncached = load("bad.graphql", in: workspace, cache: nil)
        for _ in 0..<2 {
            let cached = load("bad.graphql", in: workspace, cache: cache)
            #expect(cached.validation == .fullSchema)
            #expect(cached.diagnostics == uncached.diagnostics)
            #expect(cached.diagnostics.contains { $0.message.contains("Did you mean \"title\"") })
        }
    }

    @Test func anEditedDocumentIsValidatedAgain() throws {
        let workspace = try workspace()
        let cache = SchemaCache(directory: workspace.path("cache"))
        _ = load("search.graphql", in: workspace, cache: cache)
        try Data((Self.query + "\nquery Other { item(id: \"3\") { titel } }\n").utf8)
            .write(to: URL(fileURLWithPath: workspace.path("search.graphql")))
        let edited = load("search.graphql", in: workspace, cache: cache)
        #expect(edited.validation == .fullSchema)
        #expect(edited.diagnostics.contains { $0.message.contains("titel") })
    }

    @Test func aCorruptEntryIsAMissAndIsWrittenAgain() throws {
        let workspace = try workspace()
        let cache = SchemaCache(directory: workspace.path("cache"))
        _ = load("search.graphql", in: workspace, cache: cache)
        let entries = try FileManager.default.contentsOfDirectory(atPath: workspace.path("cache"))
        #expect(entries.count == 2, "a schema entry and a document entry (no stamp: the schema was just written)")
        for entry in entries {
            try Data("half an entr".utf8).write(to: cache.directory.appendingPathComponent(entry))
        }
        let afterCorruption = load("search.graphql", in: workspace, cache: cache)
        #expect(afterCorruption.validation == .fullSchema)
        #expect(afterCorruption.diagnostics.isEmpty)
        #expect(load("search.graphql", in: workspace, cache: cache).validation == .cachedDocument)
    }

    @Test func concurrentRunsShareOneCacheSafely() async throws {
        let workspace = try workspace()
        let cache = SchemaCache(directory: workspace.path("cache"))
        let path = workspace.path("search.graphql")
        let schema = workspace.path("schema.graphqls")
        let results = await withTaskGroup(of: RunnableDocument.self) { group in
            for _ in 0..<8 { group.addTask { RunnableDocument.load(path: path, schemaPath: schema, cache: cache) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.diagnostics.isEmpty && $0.operations.count == 1 })
        #expect(load("search.graphql", in: workspace, cache: cache).validation == .cachedDocument)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.path("cache"))
        #expect(Set(leftovers.map { ($0 as NSString).pathExtension }).isSubset(of: ["schema", "document", "stamp"]))
    }

    @Test func anOldSchemaFileIsKnownByItsStampAndAChangedOneIsReadAgain() throws {
        let workspace = try workspace()
        let cache = SchemaCache(directory: workspace.path("cache"))
        let schema = workspace.path("schema.graphqls")
        let anHourAgo = Date(timeIntervalSinceNow: -3_600)
        try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: schema)
        let stamp = try #require(SchemaCache.FileStamp(path: schema))
        cache.recordDigest(String(repeating: "a", count: 64), ofFileAt: schema, stamp: stamp)
        #expect(cache.recordedDigest(ofFileAt: schema, stamp: stamp) == String(repeating: "a", count: 64))

        // The same size, another time: another version of the file.
        let text = try String(contentsOfFile: schema, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "An item.", with: "An Item.").utf8).write(to: URL(fileURLWithPath: schema))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -1_800)], ofItemAtPath: schema)
        let edited = try #require(SchemaCache.FileStamp(path: schema))
        #expect(edited.size == stamp.size && cache.recordedDigest(ofFileAt: schema, stamp: edited) == nil)
    }

    @Test func aSchemaFileWrittenInTheLastTwoSecondsGetsNoStamp() throws {
        let workspace = try workspace()
        let cache = SchemaCache(directory: workspace.path("cache"))
        let schema = workspace.path("schema.graphqls")
        let stamp = try #require(SchemaCache.FileStamp(path: schema))
        cache.recordDigest(String(repeating: "b", count: 64), ofFileAt: schema, stamp: stamp)
        #expect(cache.recordedDigest(ofFileAt: schema, stamp: stamp) == nil)
    }

    @Test func aKnownDocumentBesideAnUnchangedOldSchemaLoadsWithoutReadingTheSchema() throws {
        let workspace = try workspace()
        let cache = SchemaCache(directory: workspace.path("cache"))
        let schema = workspace.path("schema.graphqls")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: schema)
        let first = load("search.graphql", in: workspace, cache: cache)
        // Garbage of the same size under the same times and inode: were the file read, it would not parse. Like
        // make, the cache trusts the stamp (and the two-second rule keeps a racing writer from fooling it).
        let stamp = try #require(SchemaCache.FileStamp(path: schema))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: schema))
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "!"), count: Int(stamp.size)))
        try handle.close()
        var times = [
            timespec(tv_sec: stamp.modifiedSeconds, tv_nsec: stamp.modifiedNanoseconds),
            timespec(tv_sec: stamp.modifiedSeconds, tv_nsec: stamp.modifiedNanoseconds),
        ]
        #expect(utimensat(AT_FDCWD, schema, &times, 0) == 0)
        #expect(SchemaCache.FileStamp(path: schema) == stamp)
        let later = load("search.graphql", in: workspace, cache: cache)
        #expect(later.validation == .cachedDocument && later.diagnostics.isEmpty)
        #expect(later.operations == first.operations)
        #expect(load("search.graphql", in: workspace, cache: nil).diagnostics.containsErrors, "the file is garbage now")
    }

    @Test func validateWithTheCacheReportsWhatItReportsWithout() throws {
        let workspace = try workspace()
        let cache = workspace.path("cache")
        let documents = [workspace.path("search.graphql")]
        let schema = workspace.path("schema.graphqls")
        let without = Codegen.validate(schemaFile: schema, documentFiles: documents)
        let first = Codegen.validate(schemaFile: schema, documentFiles: documents, schemaCacheDirectory: cache)
        let later = Codegen.validate(schemaFile: schema, documentFiles: documents, schemaCacheDirectory: cache)
        #expect(first == without && later == without)
    }
}
