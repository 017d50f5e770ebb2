import Foundation

/// Remembers, across generator runs, which schema texts have already passed every schema check.
///
/// The build plugin runs the generator whenever an operation changes, with the same schema nearly every time.
/// Checking a large schema in full (SDL rules, building every type, schema validation) costs many times its parse;
/// once a schema text has passed, a marker named by its content hash lets later runs build only the part the
/// operations use (`SchemaSubset`). Any change to the text changes the hash, so an edited schema is checked again.
struct SchemaCache {
    /// Bump when the schema checks change, so schemas passed by an older generator are checked again.
    private static let version = "fgql-schema-checks-1"

    let directory: URL

    init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    /// Whether `text` passed every schema check in an earlier run.
    func isKnownValid(_ text: String) -> Bool {
        FileManager.default.fileExists(atPath: marker(for: text).path)
    }

    /// Records that `text` passed every schema check. A cache that cannot be written only costs speed.
    func recordValid(_ text: String) {
        let marker = marker(for: text)
        guard !FileManager.default.fileExists(atPath: marker.path) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data("\(Self.version)\n".utf8).write(to: marker, options: .atomic)
    }

    private func marker(for text: String) -> URL {
        directory.appendingPathComponent(SHA256.hexDigest(of: Self.version + "\n" + text) + ".valid")
    }
}
