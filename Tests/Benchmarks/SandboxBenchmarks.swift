import FlatfileGraphQL
import FlatfileQueries
import FlatfileSandbox
import Foundation

/// `fgql run` end to end (a new process per run, token cached) against `curl` sending the same body and token to
/// the same in-process sandbox.
struct CLILatencyBenchmark {
    let runs: Int

    static let name = "cli"

    func run() async -> [Measurement] {
        guard let fgql = Self.fgqlExecutable() else {
            return [.skipped(Self.name, "fgql run", because: "no release fgql next to fgql-bench and building it failed; run swift build -c release --product fgql")]
        }
        do {
            return try await withSandbox { sandbox in try await measure(fgql: fgql, sandbox: sandbox) }
        } catch {
            return [Measurement(Self.name, "fgql run", value: nil, unit: "s", note: "failed: \(error)")]
        }
    }

    private func measure(fgql: URL, sandbox: SandboxServer) async throws -> [Measurement] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-bench-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let home = scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // A private HOME and cache: the run finds no .env and no token but the one cached for it here.
        let environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "XDG_CACHE_HOME": scratch.appendingPathComponent("cache").path,
            "FLATFILE_ACCESS_KEY_ID": SandboxDemo.accessKeyId,
            "FLATFILE_SECRET_ACCESS_KEY": SandboxDemo.secretAccessKey,
            "FLATFILE_API_URL": sandbox.baseURL.absoluteString,
            "FLATFILE_PLATFORM_URL": sandbox.baseURL.absoluteString,
            "FLATFILE_LICENSE_KEY": SandboxDemo.licenseKey,
            "NO_COLOR": "1",
        ]
        let document = PackageLocation.root.appendingPathComponent("queries/getBatches.graphql")
        let arguments = ["run", document.path, "--compact"]

        // Warm-up: the first run exchanges the key and caches the token; every measured run reuses it.
        let warm = try ChildProcess.run(fgql, arguments, environment: environment, directory: home)
        guard warm.succeeded else { throw BenchmarkFailure("fgql run failed: \(warm.errorText.prefix(300))") }
        let exchangesAfterWarmUp = sandbox.statistics.exchanges(on: .accessKeyExchange)

        // curl gets the same token (from the same cache) and the same body the CLI sends.
        let store = FlatfileTokenStore(
            credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
            apiURL: sandbox.baseURL, platformURL: sandbox.baseURL,
            persistence: FileTokenPersistence(directory: FileTokenPersistence.defaultDirectory(environment: environment)))
        let token = try await store.accessToken()
        let headers = scratch.appendingPathComponent("headers")
        let body = scratch.appendingPathComponent("body.json")
        try Data("Authorization: Bearer \(token.value)\nContent-Type: application/json\nAccept: application/json\n".utf8)
            .write(to: headers)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: headers.path)
        let text = try String(contentsOf: document, encoding: .utf8)
        let request = GraphQLRequest(
            query: text, operationName: "GetBatches", variables: ["licenseKey": .string(SandboxDemo.licenseKey), "take": 20, "skip": 0])
        try request.jsonValue.jsonData().write(to: body)

        var cli = Samples()
        var curl = Samples()
        let curlExecutable = ChildProcess.find("curl")
        for _ in 0..<runs {
            let (outcome, elapsed) = try timed { try ChildProcess.run(fgql, arguments, environment: environment, directory: home) }
            guard outcome.succeeded else { throw BenchmarkFailure("fgql run failed: \(outcome.errorText.prefix(300))") }
            cli.append(elapsed)
            if let curlExecutable {
                let curlArguments = ["-sS", "--fail", "-H", "@\(headers.path)", "--data-binary", "@\(body.path)", sandbox.graphQLURL.absoluteString]
                let (answer, curlElapsed) = try timed { try ChildProcess.run(curlExecutable, curlArguments) }
                guard answer.succeeded else { throw BenchmarkFailure("curl failed: \(answer.errorText.prefix(300))") }
                curl.append(curlElapsed)
            }
        }
        let cachedExchanges = sandbox.statistics.exchanges(on: .accessKeyExchange) - exchangesAfterWarmUp
        let tokenNote = cachedExchanges == 0
            ? "token cached: no exchange during the \(runs) runs"
            : "\(cachedExchanges) token exchanges during the runs (curl's token comes from the same cache)"
        var measurements = [
            Measurement(Self.name, "fgql run p95", value: cli.p95, unit: "s"),
        ]
        guard curlExecutable != nil else {
            measurements.insert(Measurement(
                Self.name, "fgql run median (\(runs) runs)", value: cli.median, unit: "s", goal: "≤ 1.5× curl",
                note: "curl is not installed: no baseline. \(tokenNote)"), at: 0)
            return measurements
        }
        let ratio = cli.median / curl.median
        measurements.insert(contentsOf: [
            Measurement(Self.name, "curl median (\(runs) runs)", value: curl.median, unit: "s"),
            Measurement(Self.name, "curl p95", value: curl.p95, unit: "s"),
            Measurement(
                Self.name, "fgql run median (\(runs) runs)", value: cli.median, unit: "s",
                baseline: "curl " + BenchmarkReport.milliseconds(curl.median), ratio: ratio, goal: "≤ 1.5× curl",
                met: ratio <= 1.5, note: "queries/getBatches.graphql, validated against queries/schema.graphqls, printed; \(tokenNote)"),
        ], at: 0)
        return measurements
    }

    /// The release `fgql` beside this binary; built on demand when missing (swift run builds only fgql-bench).
    static func fgqlExecutable() -> URL? {
        let products = PackageLocation.productsDirectory
        let fgql = products.appendingPathComponent("fgql")
        if FileManager.default.isExecutableFile(atPath: fgql.path) { return fgql }
        guard let swift = ChildProcess.find("swift") else { return nil }
        // …/<scratch>/<triple>/release/fgql-bench: the scratch path is two levels up from the products.
        let scratch = products.deletingLastPathComponent().deletingLastPathComponent()
        print("building the release fgql for the CLI benchmark…")
        let outcome = try? ChildProcess.run(
            swift, ["build", "-c", "release", "--product", "fgql", "--scratch-path", scratch.path],
            directory: PackageLocation.root)
        return outcome?.succeeded == true && FileManager.default.isExecutableFile(atPath: fgql.path) ? fgql : nil
    }
}

/// Many typed queries at once through one client: throughput, and that they share a single token exchange.
struct ConcurrencyBenchmark {
    let queries: Int

    static let name = "concurrency"

    func run() async -> [Measurement] {
        do {
            return try await withSandbox { sandbox in
                let client = GraphQLClient.flatfile(
                    credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
                    apiURL: sandbox.baseURL, platformURL: sandbox.baseURL)
                let (failures, elapsed) = await timed {
                    await withTaskGroup(of: Bool.self) { group in
                        for _ in 0..<queries {
                            group.addTask {
                                let data = try? await client.fetch(GetBatchesQuery(licenseKey: SandboxDemo.licenseKey, take: 5))
                                return data?.getBatches?.data?.isEmpty == false
                            }
                        }
                        var failures = 0
                        for await succeeded in group where !succeeded { failures += 1 }
                        return failures
                    }
                }
                let exchanges = sandbox.statistics.exchanges(on: .accessKeyExchange)
                return [
                    Measurement(
                        Self.name, "\(queries) concurrent typed queries, one client", value: Double(queries) / elapsed.seconds,
                        unit: "queries/s", note: "\(BenchmarkReport.milliseconds(elapsed.seconds)) in all, \(failures) failed, \(sandbox.statistics.graphQLRequests) requests served"),
                    Measurement(
                        Self.name, "token exchanges", value: Double(exchanges), unit: "count", goal: "exactly 1", met: exchanges == 1 && failures == 0),
                ]
            }
        } catch {
            return [Measurement(Self.name, "concurrent queries", value: nil, unit: "queries/s", note: "failed: \(error)")]
        }
    }
}
