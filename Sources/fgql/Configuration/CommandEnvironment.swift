import Foundation

/// The variables a command sees: the process environment over `.env.PROFILE` over `.env`.
///
/// Each file is the nearest one: in the working directory, else in its parents up to the project root (the nearest
/// folder holding `.git` or `Package.swift`), so `fgql run getBatches` works from `queries/` too. Outside a project
/// only the working directory is read: a stray `.env` higher up (in the home folder, say) is never picked up.
///
/// The real environment always wins so a CI secret or a one-off `FLATFILE_API_KEY=… fgql run …` overrides files.
struct CommandEnvironment {
    var variables: [String: String]
    /// Problems worth telling the user that do not stop the command (for example a world-readable `.env`).
    var warnings: [String]

    /// An environment made only of `variables` (tests and `--sandbox` use it).
    init(variables: [String: String], warnings: [String] = []) {
        self.variables = variables
        self.warnings = warnings
    }

    /// Reads the nearest `.env` and, with a profile, the nearest `.env.PROFILE` from `directory` up, under
    /// `processEnvironment`.
    ///
    /// - Throws: `CommandFailure.usage` when the profile's file is missing or a file cannot be parsed.
    static func load(
        profile: String?, directory: URL,
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CommandFailure) -> CommandEnvironment {
        var merged: [String: String] = [:]
        var warnings: [String] = []
        let folders = searchedFolders(from: directory)
        var files = nearest(".env", in: folders).map { [$0] } ?? []
        if let profile {
            guard !profile.isEmpty, !profile.contains("/") else {
                throw .usage("--profile takes a name such as dev or prod, not \"\(profile)\".")
            }
            guard let profileFile = nearest(".env.\(profile)", in: folders) else {
                let place = folders.count == 1 ? directory.path : "\(directory.path) or its parents up to \(folders.last!.path)"
                throw .usage(
                    "--profile \(profile): .env.\(profile) does not exist in \(place). Create it with the profile's FLATFILE_* variables, or drop --profile.")
            }
            files.append(profileFile)
        }
        for file in files {
            let dotEnv: DotEnv?
            do {
                dotEnv = try DotEnv.load(contentsOf: file)
            } catch let error as DotEnv.SyntaxError {
                throw .usage("\(error.description). Fix the line, or quote the value.")
            } catch {
                throw .usage("cannot read \(file.path): \(error.localizedDescription)")
            }
            guard let dotEnv else { continue }
            if let warning = permissionWarning(for: file) { warnings.append(warning) }
            merged.merge(dotEnv.variables) { _, later in later }
        }
        merged.merge(processEnvironment) { _, real in real }
        return CommandEnvironment(variables: merged, warnings: warnings)
    }

    /// `directory` and its parents up to the project root, nearest first; just `directory` outside a project.
    static func searchedFolders(from directory: URL) -> [URL] {
        var folders: [URL] = []
        var folder = directory.standardizedFileURL
        while true {
            folders.append(folder)
            let isProjectRoot = [".git", "Package.swift"].contains {
                FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
            }
            if isProjectRoot { return folders }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return [directory] }
            folder = parent
        }
    }

    private static func nearest(_ name: String, in folders: [URL]) -> URL? {
        folders.map { $0.appendingPathComponent(name) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// A warning when a file holding secrets can be read by other users.
    static func permissionWarning(for file: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue,
              permissions & 0o077 != 0
        else { return nil }
        return "\(file.lastPathComponent) can be read by other users (mode \(String(permissions, radix: 8))); it may hold secrets: run chmod 600 \(file.path)"
    }
}
