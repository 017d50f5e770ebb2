import Foundation

/// Remembers, across runs, which schema texts passed every schema check and which documents passed validation
/// against them, so that a schema is checked once and a document once per schema.
///
/// Checking a large schema in full (SDL rules, building every type, schema validation) costs many times its parse:
/// for GitHub's public schema about half a second on every `fgql run`. Once a schema text has passed, a marker named
/// by its content hash lets later runs build only the part the operations use (`SchemaSubset`); once a document has
/// passed against it, `fgql run` does not parse the schema at all. Any change to either text changes its hash, so an
/// edited schema or document is checked again.
///
/// The build plugin keeps one in its work directory; `fgql run`, `validate` and `generate` share one in the user's
/// cache folder, beside the token cache:
///
/// ```swift
/// let cache = SchemaCache(directory: FileTokenPersistence.defaultDirectory().appendingPathComponent("schemas"))
/// let document = RunnableDocument.load(path: "getBatches.graphql", schemaPath: "schema.graphqls", cache: cache)
/// ```
///
/// Entries are written atomically (a temporary file renamed into place), so concurrent runs never see half an
/// entry; an entry that does not read back as written (a crash of another tool, a hand edit, a version change) is
/// a miss and is written again. A cache that cannot be written only costs speed.
public struct SchemaCache: Sendable {
    /// Bump when the schema checks change, so schemas passed by an older generator are checked again.
    private static let schemaChecksVersion = "fgql-schema-checks-2"
    /// Bump when document validation changes (a new rule), so documents passed by an older fgql are checked again.
    private static let documentChecksVersion = "fgql-document-checks-1"

    /// The folder holding the entries (created on first write).
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public init(directory: String) {
        self.init(directory: URL(fileURLWithPath: directory, isDirectory: true))
    }

    // MARK: Schemas

    /// Whether the schema text with `digest` passed every schema check in an earlier run.
    func isKnownValid(_ digest: String) -> Bool {
        read(schemaEntry(digest)) == Self.schemaChecksVersion + "\n"
    }

    /// Records that the schema text with `digest` passed every schema check.
    func recordValid(_ digest: String) {
        guard !isKnownValid(digest) else { return }
        write(Self.schemaChecksVersion + "\n", to: schemaEntry(digest))
    }

    // MARK: Subsets

    /// The part of a known-valid schema that `documents` (their texts, in order) reach, as `SchemaLoader.loadSubset`
    /// built it in an earlier run: the build plugin's later runs then skip parsing the whole schema.
    func subset(reachedBy documents: [String], schemaDigest: String, path: String) -> LoadedSchema? {
        guard let text = read(subsetEntry(documents, schemaDigest), limit: InputFiles.maximumSchemaBytes) else { return nil }
        var lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count == 3, lines[0] == Substring(Self.subsetVersion), let count = Int(lines[1]) else { return nil }
        lines = lines[2].split(separator: "\n", maxSplits: count, omittingEmptySubsequences: false)
        guard lines.count == count + 1 else { return nil }
        var starts: [LoadedSchema.Position: LoadedSchema.Position] = [:]
        for line in lines.prefix(count) {
            let numbers = line.split(separator: " ").compactMap { Int($0) }
            guard numbers.count == 4 else { return nil }
            starts[LoadedSchema.Position(line: numbers[0], column: numbers[1])] = LoadedSchema.Position(line: numbers[2], column: numbers[3])
        }
        return SchemaLoader.loadSubset(sdl: String(lines[count]), path: path, originalDefinitionStarts: starts)
    }

    func recordSubset(_ subset: LoadedSchema, reachedBy documents: [String], schemaDigest: String) {
        let starts = subset.originalDefinitionStarts.map { "\($0.key.line) \($0.key.column) \($0.value.line) \($0.value.column)" }
        write(([Self.subsetVersion, String(starts.count)] + starts + [subset.file.text]).joined(separator: "\n"),
              to: subsetEntry(documents, schemaDigest))
    }

    private static let subsetVersion = "fgql-schema-subset-1"

    private func subsetEntry(_ documents: [String], _ schemaDigest: String) -> URL {
        let key = ([Self.subsetVersion, schemaDigest] + documents).joined(separator: "\n\u{0}")
        return directory.appendingPathComponent(SHA256.hexDigest(of: key) + ".subset")
    }

    // MARK: Documents

    /// The variable types' kinds recorded when `document` passed validation for `purpose` against the schema
    /// whose text has `schemaDigest`, or `nil` when it has not (or the entry is unreadable).
    func validatedDocument(
        _ document: String, for purpose: DocumentValidator.Purpose, schemaDigest: String
    ) -> [String: RunnableVariable.NamedTypeKind]? {
        guard let text = read(documentEntry(document, purpose, schemaDigest)) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(Self.documentChecksVersion), lines.last == "" else { return nil }
        lines.removeFirst()
        lines.removeLast()
        var kinds: [String: RunnableVariable.NamedTypeKind] = [:]
        for line in lines {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let kind = RunnableVariable.NamedTypeKind(cacheName: parts[1]) else { return nil }
            kinds[String(parts[0])] = kind
        }
        return kinds
    }

    /// Records that `document` passed validation for `purpose` against `schema` with no diagnostic at all (a
    /// document with warnings is validated every time, so its warnings are shown every time).
    func recordValidatedDocument(
        _ document: String, for purpose: DocumentValidator.Purpose, schemaDigest: String,
        variableKinds: [String: RunnableVariable.NamedTypeKind]
    ) {
        let lines = variableKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.cacheName)\n" }
        write(Self.documentChecksVersion + "\n" + lines.joined(), to: documentEntry(document, purpose, schemaDigest))
    }

    // MARK: Schema files seen before

    /// What identifies one version of a file without reading it: size, modification time to the nanosecond, inode
    /// and device — what `make` and git trust to tell a changed file.
    struct FileStamp: Hashable {
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var inode: UInt64
        var device: UInt64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            size = Int64(info.st_size)
            #if canImport(Darwin)
            modifiedSeconds = info.st_mtimespec.tv_sec
            modifiedNanoseconds = info.st_mtimespec.tv_nsec
            #else
            modifiedSeconds = info.st_mtim.tv_sec
            modifiedNanoseconds = info.st_mtim.tv_nsec
            #endif
            inode = UInt64(info.st_ino)
            device = UInt64(info.st_dev)
        }

        var line: String { "\(size) \(modifiedSeconds) \(modifiedNanoseconds) \(inode) \(device)" }
    }

    /// The digest of the schema file at `path` recorded when it had `stamp`: a megabyte schema need not be read
    /// and hashed on every run to find its document entries.
    func recordedDigest(ofFileAt path: String, stamp: FileStamp) -> String? {
        guard let text = read(stampEntry(path)) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 4, lines[0] == Substring(Self.stampVersion), lines[1] == Substring(stamp.line),
              lines[2].count == 64, lines[3].isEmpty
        else { return nil }
        return String(lines[2])
    }

    /// Records `digest` for the file at `path` as it was when `stamp` was taken — unless it was modified in the last
    /// two seconds: file times tick coarsely (a kernel tick), so two versions written within one tick, of one size,
    /// can share a stamp. Such a file is read and hashed again next time, as git treats "racily clean" files.
    func recordDigest(_ digest: String, ofFileAt path: String, stamp: FileStamp, now: Date = Date()) {
        guard now.timeIntervalSince1970 - Double(stamp.modifiedSeconds) > 2,
              recordedDigest(ofFileAt: path, stamp: stamp) != digest
        else { return }
        write([Self.stampVersion, stamp.line, digest, ""].joined(separator: "\n"), to: stampEntry(path))
    }

    private static let stampVersion = "fgql-file-stamp-1"

    private func stampEntry(_ path: String) -> URL {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return directory.appendingPathComponent(SHA256.hexDigest(of: Self.stampVersion + "\n" + absolute) + ".stamp")
    }

    // MARK: Files

    private func schemaEntry(_ digest: String) -> URL {
        directory.appendingPathComponent(digest + ".schema")
    }

    private func documentEntry(_ document: String, _ purpose: DocumentValidator.Purpose, _ schemaDigest: String) -> URL {
        let key = [Self.documentChecksVersion, "\(purpose)", schemaDigest, document].joined(separator: "\n")
        return directory.appendingPathComponent(SHA256.hexDigest(of: key) + ".document")
    }

    private func read(_ entry: URL, limit: Int = 1 << 16) -> String? {
        guard let data = try? Data(contentsOf: entry), data.count < limit else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Private to the user, like the token cache beside it: the hashes say which documents a user runs.
    private func write(_ text: String, to entry: URL) {
        try? FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard (try? Data(text.utf8).write(to: entry, options: .atomic)) != nil else { return }
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: entry.path)
    }
}

/// A schema file's content hash, from its stamp when the cache knows it (the file is then not read), else read and
/// hashed — and stamped for next time.
struct KnownSchema {
    let digest: String
    /// The file, when it had to be read.
    let file: SourceFile?

    init?(path: String, cache: SchemaCache) {
        let stamp = SchemaCache.FileStamp(path: path)
        if let stamp, let digest = cache.recordedDigest(ofFileAt: path, stamp: stamp) {
            self.digest = digest
            file = nil
            return
        }
        guard let read = try? InputFiles.read(path, as: .schema).get() else { return nil }
        let text = SchemaText(read)
        digest = text.digest
        file = read
        if let stamp, stamp == SchemaCache.FileStamp(path: path) { cache.recordDigest(digest, ofFileAt: path, stamp: stamp) }
    }
}

/// A schema file's text with its content hash, computed once per run (hashing a megabyte of SDL takes a few
/// milliseconds, which every lookup would otherwise repeat).
struct SchemaText {
    let file: SourceFile
    let digest: String

    init(_ file: SourceFile) {
        self.file = file
        digest = SHA256.hexDigest(of: file.text)
    }
}

extension RunnableVariable.NamedTypeKind {
    /// The word a cache entry stores.
    fileprivate var cacheName: String {
        switch self {
        case .scalar: "scalar"
        case .enumeration: "enum"
        case .inputObject: "input"
        }
    }

    fileprivate init?(cacheName: Substring) {
        switch cacheName {
        case "scalar": self = .scalar
        case "enum": self = .enumeration
        case "input": self = .inputObject
        default: return nil
        }
    }
}
