import Foundation

/// The variables a command sees: the process environment over `.env.PROFILE` over `.env`, both read from the
/// working directory.
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

    /// Reads `.env` and, with a profile, `.env.PROFILE` from `directory`, under `processEnvironment`.
    ///
    /// - Throws: `CommandFailure.usage` when the profile's file is missing or a file cannot be parsed.
    static func load(
        profile: String?, directory: URL,
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CommandFailure) -> CommandEnvironment {
        var merged: [String: String] = [:]
        var warnings: [String] = []
        var files = [directory.appendingPathComponent(".env")]
        if let profile {
            guard !profile.isEmpty, !profile.contains("/") else {
                throw .usage("--profile takes a name such as dev or prod, not \"\(profile)\".")
            }
            let profileFile = directory.appendingPathComponent(".env.\(profile)")
            guard FileManager.default.fileExists(atPath: profileFile.path) else {
                throw .usage(
                    "--profile \(profile): \(profileFile.path) does not exist. Create it with the profile's FLATFILE_* variables, or drop --profile.")
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

    /// A warning when a file holding secrets can be read by other users.
    static func permissionWarning(for file: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue,
              permissions & 0o077 != 0
        else { return nil }
        return "\(file.lastPathComponent) can be read by other users (mode \(String(permissions, radix: 8))); it may hold secrets: run chmod 600 \(file.path)"
    }
}
