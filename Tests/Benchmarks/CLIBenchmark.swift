import FlatfileGraphQL
import FlatfileSandbox
import Foundation

/// `fgql run` as cron runs it — a new process per run, token cached — against `curl` sending the same body with the
/// same token to the same in-process sandbox, alternating run by run. Each row's baseline is from the same run:
/// curl for every `fgql run` figure, and a 25-line URLSession program (the platform's floor for Foundation's HTTP).
struct CLIBenchmark {
    let runs: Int

    static let name = "cli"

    func run() async -> [Measurement] {
        guard let fgql = ReleaseProduct.find("fgql") else {
            return [.skipped(Self.name, "fgql run", because: "no release fgql next to fgql-bench and building it failed; run swift build -c release --product fgql")]
        }
        guard let curl = ChildProcess.find("curl") else {
            return [.skipped(Self.name, "fgql run", because: "curl is not installed: every row here is against curl (apt-get install curl)")]
        }
        do {
            return try await withSandbox { sandbox in
                let bench = try await Setup(fgql: fgql, curl: curl, sandbox: sandbox)
                defer { bench.remove() }
                return try await bench.measureAll(runs: runs)
            }
        } catch {
            return [Measurement(Self.name, "fgql run", value: nil, unit: "s", note: "failed: \(error)")]
        }
    }
}

extension CLIBenchmark {
    /// A private HOME and cache with the token cached, and curl's copy of the same token and bodies.
    struct Setup {
        let fgql: URL
        let curl: URL
        let sandbox: SandboxServer
        let scratch: URL
        let home: URL
        let environment: [String: String]
        let curlHeaders: URL
        let token: String

        init(fgql: URL, curl: URL, sandbox: SandboxServer) async throws {
            self.fgql = fgql
            self.curl = curl
            self.sandbox = sandbox
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-bench-cli-\(UUID().uuidString)")
            home = scratch.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            // No .env and no token but the one cached here; the schema cache lives here too.
            environment = [
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
            let store = FlatfileTokenStore(
                credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
                apiURL: sandbox.baseURL, platformURL: sandbox.baseURL,
                persistence: FileTokenPersistence(directory: FileTokenPersistence.defaultDirectory(environment: environment)))
            token = try await store.accessToken().value
            curlHeaders = scratch.appendingPathComponent("headers")
            try Data("Authorization: Bearer \(token)\nContent-Type: application/json\nAccept: application/json\n".utf8)
                .write(to: curlHeaders)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: curlHeaders.path)
        }

        func remove() { try? FileManager.default.removeItem(at: scratch) }

        /// Writes `request` for curl and returns curl's arguments to send it.
        func curlArguments(_ request: GraphQLRequest, named name: String) throws -> [String] {
            let body = scratch.appendingPathComponent("\(name).json")
            try request.jsonValue.jsonData().write(to: body)
            return ["-sS", "--fail", "-o", "/dev/null", "-H", "@\(curlHeaders.path)", "--data-binary", "@\(body.path)",
                    sandbox.graphQLURL.absoluteString]
        }

        /// A folder holding `document` and a copy of `schema` beside it, as a user's saved-query folder does.
        func folder(_ name: String, document: String, schema: URL) throws -> URL {
            let folder = scratch.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copy = folder.appendingPathComponent("schema.graphqls")
            try FileManager.default.copyItem(at: schema, to: copy)
            // A saved-query folder's schema is old; one written this second is read again on every run for two
            // seconds (`SchemaCache.recordDigest`), which is not what cron sees.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: copy.path)
            let file = folder.appendingPathComponent("\(name).graphql")
            try Data(document.utf8).write(to: file)
            return file
        }

        /// `fgql run` with `arguments`, checked to succeed (with its error text when it does not).
        func fgqlRun(_ arguments: [String]) throws -> ChildUsage {
            let usage = try ChildProcess.measure(fgql, arguments, environment: environment, directory: home)
            guard usage.succeeded else {
                let outcome = try ChildProcess.run(fgql, arguments, environment: environment, directory: home)
                throw BenchmarkFailure("fgql \(arguments.joined(separator: " ")) failed: \(outcome.errorText.prefix(400))")
            }
            return usage
        }

        func curlRun(_ arguments: [String]) throws -> ChildUsage {
            let usage = try ChildProcess.measure(curl, arguments)
            guard usage.succeeded else { throw BenchmarkFailure("curl failed with status \(usage.status)") }
            return usage
        }

        func measureAll(runs: Int) async throws -> [Measurement] {
            try cachedQuery(runs: runs) + urlSessionFloor(runs: runs) + gitHubSchema(runs: runs)
                + largePage(runs: max(3, runs / 5))
        }

        // MARK: getBatches with the bundled schema

        func cachedQuery(runs: Int) throws -> [Measurement] {
            let document = PackageLocation.root.appendingPathComponent("queries/getBatches.graphql")
            let arguments = ["run", document.path, "--compact"]
            // Warm-up: the first run validates the document against the schema and caches that.
            _ = try fgqlRun(arguments)
            let exchangesBefore = sandbox.statistics.exchanges(on: .accessKeyExchange)
            let curlArguments = try getBatchesForCurl()
            var pair = Pair()
            for _ in 0..<runs {
                pair.fgql.append(try fgqlRun(arguments))
                pair.baseline.append(try curlRun(curlArguments))
            }
            let exchanges = sandbox.statistics.exchanges(on: .accessKeyExchange) - exchangesBefore
            let ratio = pair.ratio
            return [
                Measurement(CLIBenchmark.name, "curl, getBatches (median of \(runs))", value: pair.baseline.median(\.seconds), unit: "s"),
                Measurement(
                    CLIBenchmark.name, "fgql run getBatches, token cached (median of \(runs))", value: pair.fgql.median(\.seconds),
                    unit: "s", baseline: "curl " + BenchmarkReport.milliseconds(pair.baseline.median(\.seconds)), ratio: ratio,
                    goal: "≤ 2× curl (stretch 1.5×)", met: ratio <= 2,
                    note: "queries/getBatches.graphql, validated against queries/schema.graphqls (cached), printed; \(exchanges) token exchanges during the runs\(ratio <= 1.5 ? "; stretch goal met" : "")"),
                Measurement(CLIBenchmark.name, "fgql run getBatches p95", value: pair.fgql.percentile(0.95, \.seconds), unit: "s"),
            ] + (try peakMemory(fgql: arguments, curl: curlArguments))
        }

        /// Peak memory of a few runs of each, through GNU time (see `ChildProcess.peakResidentBytes`).
        func peakMemory(fgql arguments: [String], curl curlArguments: [String]) throws -> [Measurement] {
            var fgqlPeaks: [Int] = []
            var curlPeaks: [Int] = []
            for _ in 0..<5 {
                if let peak = try ChildProcess.peakResidentBytes(fgql, arguments, environment: environment, directory: home) {
                    fgqlPeaks.append(peak)
                }
                if let peak = try ChildProcess.peakResidentBytes(curl, curlArguments) { curlPeaks.append(peak) }
            }
            guard !fgqlPeaks.isEmpty, !curlPeaks.isEmpty else {
                return [.skipped(CLIBenchmark.name, "fgql run getBatches, peak memory", because: "GNU time (/usr/bin/time) is not installed")]
            }
            let fgqlPeak = Samples(fgqlPeaks.map(Double.init)).median
            let curlPeak = Samples(curlPeaks.map(Double.init)).median
            return [Measurement(
                CLIBenchmark.name, "fgql run getBatches, peak memory", value: fgqlPeak, unit: "bytes",
                baseline: "curl " + BenchmarkReport.format(curlPeak, unit: "bytes"), ratio: fgqlPeak / curlPeak,
                note: "maximum resident set, median of 5 (GNU time)")]
        }

        /// The body `fgql run queries/getBatches.graphql` sends (its sidecar's variables and the license key).
        func getBatchesForCurl() throws -> [String] {
            let text = try String(
                contentsOf: PackageLocation.root.appendingPathComponent("queries/getBatches.graphql"), encoding: .utf8)
            return try curlArguments(GraphQLRequest(
                query: text, operationName: "GetBatches",
                variables: ["licenseKey": .string(SandboxDemo.licenseKey), "take": 20, "skip": 0]), named: "getBatches")
        }

        // MARK: The platform's floor

        func urlSessionFloor(runs: Int) throws -> [Measurement] {
            guard let program = ReleaseProduct.find("urlsession-post") else {
                return [.skipped(CLIBenchmark.name, "URLSession POST program", because: "no release urlsession-post next to fgql-bench")]
            }
            let curlArguments = try getBatchesForCurl()
            let body = scratch.appendingPathComponent("getBatches.json")  // what getBatchesForCurl wrote
            let arguments = [sandbox.graphQLURL.absoluteString, curlHeaders.path, body.path]
            var pair = Pair()
            for _ in 0..<runs {
                let usage = try ChildProcess.measure(program, arguments)
                guard usage.succeeded else { throw BenchmarkFailure("urlsession-post failed with status \(usage.status)") }
                pair.fgql.append(usage)
                pair.baseline.append(try curlRun(curlArguments))
            }
            return [Measurement(
                CLIBenchmark.name, "a 25-line Swift program doing one URLSession POST", value: pair.fgql.median(\.seconds),
                unit: "s", baseline: "curl " + BenchmarkReport.milliseconds(pair.baseline.median(\.seconds)), ratio: pair.ratio,
                note: "Tests/BenchmarkBaselines/URLSessionPost: Foundation's HTTP on this platform, no fgql code; \(BenchmarkReport.format(pair.fgql.median(\.cpuSeconds), unit: "CPU-s")), \(Int(pair.fgql.median(\.switches))) context switches")]
        }

        // MARK: A GitHub-sized schema beside the query

        func gitHubSchema(runs: Int) throws -> [Measurement] {
            let schema = PackageLocation.root.appendingPathComponent(CodegenBenchmark.schemaPath)
            guard FileManager.default.fileExists(atPath: schema.path) else {
                return [.skipped(CLIBenchmark.name, "GitHub schema", because: "\(schema.path) is missing")]
            }
            // A query both GitHub's schema and the sandbox answer, so the server's work is the same tiny answer.
            let document = try folder("typename", document: "query Typename { __typename }\n", schema: schema)
            let arguments = ["run", document.path, "--compact", "--endpoint", sandbox.graphQLURL.absoluteString,
                             "-H", "Authorization: Bearer \(token)"]
            let curlArguments = try curlArguments(GraphQLRequest(
                query: "query Typename { __typename }", operationName: "Typename"), named: "typename")
            let cold = try fgqlRun(arguments)  // the schema's full checks, once per schema text
            var pair = Pair()
            var unvalidated = Pair()
            for _ in 0..<runs {
                pair.fgql.append(try fgqlRun(arguments))
                pair.baseline.append(try curlRun(curlArguments))
                unvalidated.fgql.append(try fgqlRun(arguments + ["--no-validate"]))
            }
            let curlMedian = "curl " + BenchmarkReport.milliseconds(pair.baseline.median(\.seconds))
            let ratio = pair.ratio
            return [
                Measurement(
                    CLIBenchmark.name, "fgql run beside GitHub's schema (1.2 MB), cache warm", value: pair.fgql.median(\.seconds),
                    unit: "s", baseline: curlMedian, ratio: ratio, goal: "≤ 3× curl", met: ratio <= 3,
                    note: "the schema was checked and the document validated on an earlier run (the schema cache)"),
                Measurement(
                    CLIBenchmark.name, "… the same with --no-validate", value: unvalidated.fgql.median(\.seconds), unit: "s",
                    baseline: curlMedian, ratio: unvalidated.fgql.median(\.seconds) / pair.baseline.median(\.seconds)),
                Measurement(
                    CLIBenchmark.name, "… the first run (schema checked in full)", value: cold.elapsed.seconds, unit: "s",
                    baseline: curlMedian, ratio: cold.elapsed.seconds / pair.baseline.median(\.seconds),
                    note: "once per schema text and cache folder"),
            ]
        }

        // MARK: A 25,000-row page

        func largePage(runs: Int) throws -> [Measurement] {
            let text = try String(
                contentsOf: PackageLocation.root.appendingPathComponent("queries/getFinalDatabaseView.graphql"), encoding: .utf8)
            // No sidecar here: no batchId, so the page holds the rows of every batch (the sandbox seeds 25,000).
            let document = try folder(
                "rows", document: text, schema: PackageLocation.root.appendingPathComponent("queries/schema.graphqls"))
            let arguments = ["run", document.path, "--compact", "--var", "limit=25000"]
            _ = try fgqlRun(arguments)
            let curlArguments = try curlArguments(GraphQLRequest(
                query: text, operationName: "GetFinalDatabaseView", variables: ["limit": 25_000]), named: "rows")
            var pair = Pair()
            for _ in 0..<runs {
                pair.fgql.append(try fgqlRun(arguments))
                pair.baseline.append(try curlRun(curlArguments))
            }
            let cpu = pair.fgql.median(\.cpuSeconds)
            return [
                Measurement(
                    CLIBenchmark.name, "fgql run, 25,000-row page: CPU time (median of \(runs))", value: cpu, unit: "CPU-s",
                    baseline: "curl " + BenchmarkReport.format(pair.baseline.median(\.cpuSeconds), unit: "CPU-s"),
                    ratio: cpu / pair.baseline.median(\.cpuSeconds), goal: "≤ 0.15 CPU-s", met: cpu <= 0.15,
                    note: "user + system time of the process: receive, parse, print (to /dev/null); wall \(BenchmarkReport.milliseconds(pair.fgql.median(\.seconds))), curl \(BenchmarkReport.milliseconds(pair.baseline.median(\.seconds)))"),
                Measurement(
                    CLIBenchmark.name, "fgql run, 25,000-row page: context switches", value: pair.fgql.median(\.switches),
                    unit: "count", baseline: "curl \(Int(pair.baseline.median(\.switches)))"),
            ]
        }
    }

    /// fgql's runs and their baseline's, taken alternately.
    struct Pair {
        var fgql: [ChildUsage] = []
        var baseline: [ChildUsage] = []
        var ratio: Double { fgql.median(\.seconds) / baseline.median(\.seconds) }
    }
}

extension [ChildUsage] {
    func median(_ value: (ChildUsage) -> Double) -> Double { percentile(0.5, value) }

    func percentile(_ fraction: Double, _ value: (ChildUsage) -> Double) -> Double {
        Samples(map(value)).percentile(fraction)
    }
}

extension ChildUsage {
    var seconds: Double { elapsed.seconds }
    var switches: Double { Double(contextSwitches) }
}
