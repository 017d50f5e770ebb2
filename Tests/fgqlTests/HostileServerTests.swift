import FlatfileGraphQL
import Foundation
import Hummingbird
import TestSupport
import Testing

/// `fgql` against servers that misbehave on purpose, over real sockets: secrets echoed into GraphQL errors, an
/// endless body, a redirect to plain HTTP off this machine; and documents too large or binary to read whole.
@Suite("fgql against hostile servers and files")
struct HostileServerCLITests {
    static let bearer = "canary-cli-bearer-J4R8"
    static let adminSecret = "canary-cli-hasura-admin-K2V6"
    static let privateToken = "canary-cli-private-token-N5X3"
    static var secrets: [String] { [bearer, adminSecret, privateToken] }

    static let document = "query Leak { __typename }\n"

    @Test("secrets the server echoes into errors and extensions never reach stdout or stderr, under HTTP 200 and 500",
          arguments: [200, 500])
    func echoedSecretsRedacted(status: Int) async throws {
        try await withHostileServer { server, directory in
            let endpoint = server.appendingPathComponent("echo/\(status)").absoluteString
            let base = ["run", "leak.graphql", "--no-validate", "--endpoint", endpoint,
                        "-H", "Authorization: Bearer \(Self.bearer)", "-H", "X-Hasura-Admin-Secret: \(Self.adminSecret)",
                        "-H", "PRIVATE-TOKEN: \(Self.privateToken)"]
            for extra in [[], ["--output", "raw"], ["--verbose"], ["--verbose", "--output", "raw", "--pretty"]] {
                let result = try await CLI.run(base + extra, in: directory)
                #expect(result.status == 1, "GraphQL errors: \(extra) \(result.stderr)")
                #expect(result.stderr.contains("[redacted]"), "the echoed secrets were replaced: \(result.stderr)")
                if extra.contains("raw") {
                    #expect(result.stdout.contains("extensions") && result.stdout.contains("[redacted]"), "\(result.stdout)")
                }
                for secret in Self.secrets {
                    #expect(!result.stdout.contains(secret), "stdout of \(extra) holds \(secret): \(result.stdout)")
                    #expect(!result.stderr.contains(secret), "stderr of \(extra) holds \(secret): \(result.stderr)")
                }
            }
        }
    }

    @Test("an endless body stops at --max-response-bytes with exit 4, a message naming the cap and the flag, quickly")
    func endlessBodyCapped() async throws {
        try await withHostileServer { server, directory in
            let start = ContinuousClock.now
            let result = try await CLI.run(
                ["run", "leak.graphql", "--no-validate", "--endpoint", server.appendingPathComponent("endless").absoluteString,
                 "--max-response-bytes", "3000000"],
                in: directory)
            let elapsed = ContinuousClock.now - start
            #expect(result.status == 4, "\(result.stderr)")
            #expect(result.stderr.contains("3000000 bytes") && result.stderr.contains("--max-response-bytes"), "\(result.stderr)")
            #expect(elapsed < .seconds(20), "cut off at the cap, not at the 60 s deadline: \(elapsed)")

            let invalid = try await CLI.run(["run", "leak.graphql", "--max-response-bytes", "0"], in: directory)
            #expect(invalid.status == 2, "\(invalid.stderr)")
            #expect(invalid.stderr.contains("--max-response-bytes"), "\(invalid.stderr)")
        }
    }

    @Test("a redirect to plain http:// off this machine fails naming the rule and --allow-insecure, without sending")
    func insecureRedirectRefused() async throws {
        try await withHostileServer { server, directory in
            let result = try await CLI.run(
                ["run", "leak.graphql", "--no-validate", "--endpoint", server.appendingPathComponent("insecure").absoluteString,
                 "-H", "Authorization: Bearer \(Self.bearer)"],
                in: directory)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("Refusing to follow a redirect from http://127.0.0.1:"), "\(result.stderr)")
            #expect(result.stderr.contains("http://example.invalid/graphql"), "\(result.stderr)")
            #expect(result.stderr.contains("--allow-insecure"), "\(result.stderr)")
            #expect(!result.stderr.contains(Self.bearer))
        }
    }

    @Test("run, validate and generate refuse a 1 GiB document by its size, and a binary one by its first bytes, at once")
    func oversizedAndBinaryDocuments() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "type Query { a: String }\n".write(
            to: directory.appendingPathComponent("schema.graphqls"), atomically: true, encoding: .utf8)
        // Sparse files: a gigabyte (over the 16 MiB document cap) and 10 MB of zeros (under it), written in no time.
        for (name, size) in [("huge.graphql", UInt64(1) << 30), ("binary.graphql", UInt64(10_000_000))] {
            let url = directory.appendingPathComponent(name)
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: size)
            try handle.close()
        }
        let commands: [[String]] = [
            ["run", "FILE", "--endpoint", "http://127.0.0.1:9/graphql"],
            ["run", "FILE", "--no-validate", "--endpoint", "http://127.0.0.1:9/graphql"],
            ["validate", "FILE"],
            ["generate", "FILE", "--output", "Generated"],
        ]
        for command in commands {
            for (file, expected) in [("huge.graphql", "over the 16 MiB fgql reads for a GraphQL document"),
                                     ("binary.graphql", "NUL byte")] {
                let arguments = command.map { $0 == "FILE" ? file : $0 }
                let start = ContinuousClock.now
                let result = try await CLI.run(arguments, in: directory)
                let elapsed = ContinuousClock.now - start
                #expect(result.status != 0, "\(arguments)")
                #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
                #expect(elapsed < .seconds(10), "\(arguments) took \(elapsed)")
            }
        }
    }
}

/// A loopback server for the CLI, in a folder holding `leak.graphql`:
/// - `POST /echo/<status>` answers that status with a GraphQL error repeating the request's headers in its message,
///   its extensions and the response's extensions;
/// - `POST /endless` sends a JSON prefix and then spaces until 200 MB are out or the client disconnects;
/// - `POST /insecure` redirects (307) to `http://example.invalid/graphql`.
private func withHostileServer<Result>(_ body: (URL, URL) async throws -> Result) async throws -> Result {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try HostileServerCLITests.document.write(
        to: directory.appendingPathComponent("leak.graphql"), atomically: true, encoding: .utf8)

    let router = Router()
    router.post("echo/:status") { request, context -> Response in
        headerEchoingAnswer(to: request, status: Int(context.parameters.get("status") ?? "") ?? 200)
    }
    router.post("endless") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: #"{"data": {"__typename": ""#))
            let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 << 10)
            for _ in 0..<(200_000_000 / (64 << 10)) { try await writer.write(chunk) }
            try await writer.finish(nil)
        })
    }
    router.post("insecure") { _, _ in
        Response(status: .temporaryRedirect, headers: [.location: "http://example.invalid/graphql"])
    }
    return try await withListener(router) { port in
        try await body(try #require(URL(string: "http://127.0.0.1:\(port)")), directory)
    }
}
