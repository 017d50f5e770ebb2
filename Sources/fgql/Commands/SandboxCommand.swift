import ArgumentParser
import FlatfileSandbox
import Foundation

/// `fgql sandbox`: runs the local Flatfile-compatible server until Ctrl-C.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Start a local Flatfile-compatible API server with demo data and optional fault injection.",
        discussion: """
            Serves POST /auth/access-key/exchange, POST /v1/auth, POST /graphql (the bundled Flatfile schema over \
            seeded demo data), Flatfile's platform REST API under GET /v1/… (environments, spaces, agents, events, \
            users, guests, workbooks, sheets, records) and GET /health on 127.0.0.1, prints the URL and the demo \
            credentials, and runs until Ctrl-C. The demo credentials work only against a sandbox.

            Examples:
              fgql sandbox --port 4000
              fgql sandbox --latency 200 --fail-rate-429 0.1 --token-lifetime 60
            then, in another shell, paste the printed export lines and run:
              fgql run queries/getBatches.graphql
              fgql run queries/platform/spacesAcrossEnvironments.graphql
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: ArgumentHelp("Milliseconds added to every request.", valueName: "ms"))
    var latency = 0

    @Option(help: ArgumentHelp("The longest lifetime of an issued token, in seconds.", valueName: "seconds"))
    var tokenLifetime = 86_400

    @Option(name: .customLong("fail-rate-429"), help: ArgumentHelp("Share (0…1) of requests answered 429.", valueName: "share"))
    var rateLimitedShare = 0.0

    @Option(help: ArgumentHelp("Retry-After seconds of injected 429 answers.", valueName: "seconds"))
    var retryAfter = 1

    @Option(name: .customLong("fail-rate-500"), help: ArgumentHelp("Share (0…1) of requests answered 500.", valueName: "share"))
    var serverErrorShare = 0.0

    @Option(name: .customLong("fail-rate-503"), help: ArgumentHelp("Share (0…1) of requests answered 503.", valueName: "share"))
    var unavailableShare = 0.0

    @Option(name: .customLong("drop-rate"), help: ArgumentHelp("Share (0…1) of connections closed without an answer.", valueName: "share"))
    var droppedConnectionShare = 0.0

    @Option(name: .customLong("malformed-rate"), help: ArgumentHelp("Share (0…1) of requests answered with broken JSON.", valueName: "share"))
    var malformedBodyShare = 0.0

    @Option(help: "Seed of the demo data and of the fault draws.")
    var seed: UInt64 = SandboxConfiguration().seed

    @Option(help: ArgumentHelp("Serve this GraphQL SDL file instead of the bundled Flatfile schema.", valueName: "file"))
    var schema: String?

    mutating func run() async throws {
        let configuration = try makeConfiguration()
        let sandbox: SandboxServer
        do {
            sandbox = try await SandboxServer.start(configuration)
        } catch let error as SandboxError {
            let failure: CommandFailure
            if case .cannotListen = error {
                failure = .network(error.description)
            } else {
                failure = .usage(error.description)
            }
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw failure.exitCode
        }
        // Written unbuffered: a script reading the URL from a pipe must see it while the server runs.
        FileHandle.standardOutput.write(Data((Self.banner(for: sandbox, configuration: configuration) + "\n").utf8))
        await sandbox.waitUntilStopped()
        FileHandle.standardError.write(Data("fgql sandbox stopped\n".utf8))
    }

    private func makeConfiguration() throws -> SandboxConfiguration {
        guard latency >= 0 else { throw ValidationError("--latency must be 0 or more milliseconds") }
        guard tokenLifetime >= 1 else { throw ValidationError("--token-lifetime must be at least 1 second") }
        var sdl: String?
        if let schema {
            do {
                sdl = try String(contentsOfFile: schema, encoding: .utf8)
            } catch {
                throw ValidationError("Cannot read the schema file \(schema): \(error.localizedDescription)")
            }
        }
        return SandboxConfiguration(
            host: host,
            port: port,
            maximumTokenLifetime: .seconds(tokenLifetime),
            faults: FaultInjection(
                latency: .milliseconds(latency), rateLimitedShare: rateLimitedShare, retryAfterSeconds: retryAfter,
                serverErrorShare: serverErrorShare, unavailableShare: unavailableShare,
                droppedConnectionShare: droppedConnectionShare, malformedBodyShare: malformedBodyShare),
            seed: seed,
            schemaSDL: sdl,
            stopsOnTerminationSignals: true
        )
    }

    static func banner(for sandbox: SandboxServer, configuration: SandboxConfiguration) -> String {
        let url = sandbox.baseURL.absoluteString
        let credentials: [(String, String)] = [
            ("access key id", SandboxDemo.accessKeyId),
            ("secret access key", SandboxDemo.secretAccessKey),
            ("secret key", SandboxDemo.secretKey),
            ("publishable key", SandboxDemo.publishableKey),
            ("personal access token", SandboxDemo.personalAccessToken),
            ("client id / secret", "\(SandboxDemo.clientId) / \(SandboxDemo.clientSecret)"),
            ("email / password", "\(SandboxDemo.email) / \(SandboxDemo.password)"),
            ("license key", SandboxDemo.licenseKey),
            ("environment id", "\(SandboxDemo.environmentId) (development)"),
            ("platform environment id", "\(SandboxDemo.platformDevelopmentEnvironmentId) (development; the secret key's)"),
            ("team id", SandboxDemo.teamId),
        ]
        let width = credentials.map(\.0.count).max() ?? 0
        let lines = credentials.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        return """
            fgql sandbox listening on \(url) (ready in \(milliseconds(sandbox.startupTime)) ms, seed \(configuration.seed))
            GraphQL endpoint: \(sandbox.graphQLURL.absoluteString)
            Platform REST API: \(url)/v1
            Faults: \(describe(configuration.faults))

            Demo credentials (accepted only by a sandbox):
            \(lines.joined(separator: "\n"))

            Use it from another shell:
              export FLATFILE_API_URL=\(url)
              export FLATFILE_PLATFORM_URL=\(url)
              export FLATFILE_ACCESS_KEY_ID=\(SandboxDemo.accessKeyId)
              export FLATFILE_SECRET_ACCESS_KEY=\(SandboxDemo.secretAccessKey)
              export FLATFILE_API_KEY=\(SandboxDemo.personalAccessToken)
              export FLATFILE_LICENSE_KEY=\(SandboxDemo.licenseKey)
              export FLATFILE_ENVIRONMENT_ID=\(SandboxDemo.environmentId)

            Press Ctrl-C to stop.
            """
    }

    private static func describe(_ faults: FaultInjection) -> String {
        var parts: [String] = []
        if faults.latency > .zero { parts.append("latency \(milliseconds(faults.latency)) ms") }
        let shares: [(String, Double)] = [
            ("429", faults.rateLimitedShare), ("500", faults.serverErrorShare), ("503", faults.unavailableShare),
            ("dropped connections", faults.droppedConnectionShare), ("malformed bodies", faults.malformedBodyShare),
        ]
        for (name, share) in shares where share > 0 {
            parts.append("\(name) \(Int((share * 100).rounded()))%")
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
