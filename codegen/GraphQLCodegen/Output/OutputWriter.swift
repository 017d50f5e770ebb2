import Foundation

/// Writes generated files atomically, skipping those whose content on disk is already identical.
enum OutputWriter {
    static func write(_ files: [GeneratedFile], to directory: String) throws -> [String] {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var written: [String] = []
        for file in files {
            let url = base.appendingPathComponent(file.name)
            let data = Data(file.contents.utf8)
            if let existing = try? Data(contentsOf: url), existing == data { continue }
            try data.write(to: url, options: .atomic)
            written.append(file.name)
        }
        return written
    }
}
