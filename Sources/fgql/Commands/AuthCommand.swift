import ArgumentParser
import FlatfileGraphQL
import Foundation

/// `fgql auth`: which credential is in use and what token it gives, without printing the token.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Show which Flatfile credential is in use, its token's subject and expiry, and where it is cached.",
        discussion: """
            Exchanges the credential for a token if no cached one is still valid, then sends one small query with \
            it, so a wrong or revoked credential fails here (exit status 3) rather than in the next run. The token \
            itself is printed only with --show-token.

            Examples:
              fgql auth
              fgql auth --profile prod
              fgql auth --sandbox --show-token
            """)

    @Flag(help: "Also print the bearer token itself (treat the output as a secret).")
    var showToken = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if connection.endpoint != nil {
            throw ValidationError("fgql auth shows Flatfile credentials; with --endpoint the -H headers are all that is sent.")
        }
    }

    func run() async throws {
        let log = StandardError()
        do {
            let connection = try await Connection.open(
                self.connection, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), log: log)
            let report: String
            do {
                report = try await describe(connection)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
            StandardOutput().write(report)
        } catch let failure as CommandFailure {
            log.error(failure.description)
            throw failure.exitCode
        }
    }

    private func describe(_ connection: Connection) async throws(CommandFailure) -> String {
        guard let configuration = connection.configuration, let provider = connection.client.tokenProvider else {
            throw .usage("no Flatfile credentials are in use.")
        }
        let token: AccessToken
        do {
            // The server's word, not the token's shape: a direct key or a cached token may no longer be accepted.
            // A refused token is replaced once (a rotated secret exchanges anew) before this fails.
            _ = try await connection.client.execute(document: "query FgqlAuthCheck { __typename }")
            token = try await provider.accessToken()
        } catch {
            throw CommandFailure(error)
        }
        var lines = [
            "credential: \(provider.credentialKind) (\(provider.credentialHint))",
            "api:        \(configuration.apiURL.safeDescription)",
        ]
        if provider.credentialKind.isExchanged {
            lines.append("token:      exchanged at \(Self.timestamp(token.obtainedAt))")
        } else {
            lines.append("token:      the credential itself, sent as the bearer token (no exchange)")
        }
        if let claims = token.claims {
            lines.append("subject:    \(claims.subject ?? "(none)")")
        }
        if let expiry = token.expiresAt {
            let remaining = Int(expiry.timeIntervalSinceNow)
            lines.append("expires:    \(Self.timestamp(expiry)) (\(remaining > 0 ? "in \(Self.duration(remaining))" : "expired"))")
        } else {
            lines.append("expires:    never (or unknown)")
        }
        if let persistence = connection.tokenPersistence, provider.credentialKind.isExchanged {
            lines.append("cached in:  " + Self.cacheState(persistence, provider as? FlatfileTokenStore))
        } else {
            lines.append("cached in:  nowhere\(connection.sandbox != nil ? " (the sandbox's tokens die with it)" : "")")
        }
        if showToken { lines.append("bearer:     \(token.value)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What is really on disk: the token file and its mode, or why there is none.
    private static func cacheState(_ persistence: FileTokenPersistence, _ store: FlatfileTokenStore?) -> String {
        guard let key = store?.persistenceKey else { return "nowhere" }
        let file = persistence.fileURL(forKey: key)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return "nothing written to \(persistence.directory.path) (the cache folder could not be written)" }
        let octal = String(mode & 0o777, radix: 8)
        return mode & 0o077 == 0
            ? "\(file.path) (readable only by you, mode \(octal))"
            : "\(file.path) (mode \(octal): other users can read it; run chmod 600 on it)"
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    private static func duration(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = seconds % 3600 / 60
        return hours > 0 ? "\(hours) h \(minutes) min" : minutes > 0 ? "\(minutes) min \(seconds % 60) s" : "\(seconds) s"
    }
}
