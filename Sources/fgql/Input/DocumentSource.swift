import Foundation

/// Where `fgql run` reads its operation from: a file, or standard input for `-`.
///
/// A name without the `.graphql` extension is a saved query's name: `getBatches` is `getBatches.graphql` in the
/// current folder, else in `queries/`. A path is never guessed at beyond that, so the error says where fgql looked.
enum DocumentSource: Equatable {
    /// A path relative to the current folder (or absolute), as diagnostics should show it.
    case file(String)
    case standardInput

    /// The argument that stands for standard input.
    static let standardInputArgument = "-"
    /// Where a saved query's name is looked for after the current folder.
    static let savedQueriesFolder = "queries"

    /// The document `argument` names, looked up relative to `directory`.
    static func locate(_ argument: String, in directory: URL) throws(CommandFailure) -> DocumentSource {
        if argument == standardInputArgument { return .standardInput }
        let candidates = candidates(for: argument)
        let isFile = { (path: String) -> Bool in
            var isDirectory: ObjCBool = false
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        if let found = candidates.first(where: isFile) { return .file(found) }
        let looked = candidates.count == 1 ? candidates[0] : candidates.dropLast().joined(separator: ", ") + " and " + candidates.last!
        throw .usage(
            "\(argument): no such file (looked for \(looked) in \(directory.path)). Pass the path of a .graphql file or a saved query's name, for example queries/getBatches.graphql or getBatches.")
    }

    /// `getBatches` → `getBatches`, `getBatches.graphql`, `queries/getBatches.graphql`; a name with an extension
    /// or an absolute path is only itself.
    private static func candidates(for argument: String) -> [String] {
        guard !argument.hasPrefix("/"), URL(fileURLWithPath: argument).pathExtension.isEmpty else { return [argument] }
        let file = argument + ".graphql"
        return [argument, file, savedQueriesFolder + "/" + file]
    }

    /// The file's path, `nil` for standard input.
    var path: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// How messages name the document.
    var label: String { path ?? "the document from standard input" }
}
