import Foundation
import GraphQL
import GraphQLCodegen

/// Code generation on GitHub's public schema (1.2 MB of SDL) with realistic operations, stage by stage, against
/// a plain parse of the same schema text.
struct CodegenBenchmark {
    let iterations: Int

    static let name = "codegen"
    static let schemaPath = "Tests/Fixtures/GitHub/schema.graphqls"
    static let operationsPath = "Tests/Benchmarks/GitHubOperations"

    /// GitHub's custom scalars as an app would map them; the rest stay `JSONValue`.
    static let configuration = Configuration(
        namespace: "GitHubSchema",
        scalars: ["DateTime": "String", "URI": "String", "GitObjectID": "String", "HTML": "String", "BigInt": "String"])

    func run() -> [Measurement] {
        let root = PackageLocation.root
        let schema = root.appendingPathComponent(Self.schemaPath).standardizedFileURL
        guard FileManager.default.fileExists(atPath: schema.path) else {
            return [.skipped(Self.name, "all", because: "the GitHub schema is missing at \(schema.path): restore it from git")]
        }
        let operationsDirectory = root.appendingPathComponent(Self.operationsPath)
        let operations = ((try? FileManager.default.contentsOfDirectory(atPath: operationsDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".graphql") }.sorted()
            .map { operationsDirectory.appendingPathComponent($0).path }
        guard !operations.isEmpty else {
            return [.skipped(Self.name, "all", because: "no .graphql files in \(operationsDirectory.path)")]
        }
        let text: String
        do {
            text = try String(contentsOf: schema, encoding: .utf8)
        } catch {
            return [.skipped(Self.name, "all", because: "cannot read \(schema.path): \(error.localizedDescription)")]
        }

        // What the build plugin sees: the first run checks the whole schema and remembers it passed; later runs
        // (every build after an operation changes) build only the part the operations reach.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-bench-schema-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        var parse = Samples()
        var cold = Stages()
        var warm = Stages()
        var result: CodegenResult?
        // One unmeasured run first, which also fills the cache: the first touch of the file and of lazily built
        // library state is not what a build sees again and again.
        var warmUp = CodegenTimings()
        _ = Codegen.generate(
            schemaFile: schema.path, documentFiles: operations, configuration: Self.configuration,
            schemaCacheDirectory: cache.path, timings: &warmUp)
        for _ in 0..<iterations {
            parse.append(timed { try? GraphQL.parse(source: Source(body: text, name: schema.path)) }.1)
            let first = cold.measure(schema: schema.path, operations: operations, cache: nil)
            let later = warm.measure(schema: schema.path, operations: operations, cache: cache.path)
            guard first == later else {
                return [Measurement(Self.name, "total", value: nil, unit: "s", note: "the cached run generated different output than the full run: a bug")]
            }
            result = later
        }
        guard let result, result.succeeded else {
            let errors = result?.diagnostics.filter(\.isError).prefix(5).map(\.description).joined(separator: "; ") ?? ""
            return [Measurement(Self.name, "total", value: nil, unit: "s", note: "generation failed: \(errors)")]
        }

        let parseMedian = parse.median
        let baseline = "parse " + BenchmarkReport.milliseconds(parseMedian)
        let documents = "\(operations.count) files"
        var measurements = [
            Measurement(Self.name, "plain parse of the schema", value: parseMedian, unit: "s", note: "GraphQL.parse of the 1.2 MB SDL: the baseline"),
            Measurement(
                Self.name, "schema load, schema cache warm", value: warm.load.median, unit: "s", baseline: baseline,
                ratio: warm.load.median / parseMedian, goal: "≤ 3× parse", met: warm.load.median / parseMedian <= 3,
                note: "every run after the first: read, hash, parse, build the part the operations reach"),
            Measurement(Self.name, "validation (\(documents)), cache warm", value: warm.validation.median, unit: "s"),
            Measurement(Self.name, "parse documents + plan + render, cache warm", value: warm.generation.median, unit: "s"),
            Measurement(
                Self.name, "total, schema cache warm", value: warm.total.median, unit: "s", baseline: baseline,
                ratio: warm.total.median / parseMedian, goal: "< 300 ms", met: warm.total.median < 0.3),
            Measurement(
                Self.name, "schema load, first run (full checks)", value: cold.load.median, unit: "s", baseline: baseline,
                ratio: cold.load.median / parseMedian, note: "SDL rules, every type built, schema validation; once per schema text"),
            Measurement(Self.name, "validation, first run", value: cold.validation.median, unit: "s"),
            Measurement(
                Self.name, "total, first run", value: cold.total.median, unit: "s", baseline: baseline,
                ratio: cold.total.median / parseMedian),
        ]
        let lines = result.files.filter { $0.name != Codegen.schemaTypesFileName }
            .map { $0.contents.split(separator: "\n", omittingEmptySubsequences: false).count }.sorted()
        if !lines.isEmpty {
            measurements.append(Measurement(
                Self.name, "generated lines per operation file (median)", value: Double(lines[lines.count / 2]), unit: "lines",
                note: "\(lines.count) files, \(lines.first ?? 0)–\(lines.last ?? 0) lines each, \(lines.reduce(0, +)) in all"))
        }
        measurements += processRun(schema: schema.path, operations: operations)
        return measurements
    }

    /// Stage durations of repeated generator runs.
    private struct Stages {
        var load = Samples()
        var validation = Samples()
        var generation = Samples()
        var total = Samples()

        mutating func measure(schema: String, operations: [String], cache: String?) -> CodegenResult {
            var timings = CodegenTimings()
            let (result, elapsed) = timed {
                Codegen.generate(
                    schemaFile: schema, documentFiles: operations, configuration: CodegenBenchmark.configuration,
                    schemaCacheDirectory: cache, timings: &timings)
            }
            load.append(timings.schemaLoad)
            validation.append(timings.validation)
            generation.append(timings.documentParse + timings.plan + timings.render)
            total.append(elapsed)
            return result
        }
    }

    /// The generator as the build plugin runs it: a whole `fgql-codegen` process, start-up included.
    private func processRun(schema: String, operations: [String]) -> [Measurement] {
        let tool = PackageLocation.productsDirectory.appendingPathComponent("fgql-codegen")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            return [.skipped(Self.name, "fgql-codegen process", because: "no fgql-codegen next to fgql-bench (build it with -c release)")]
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-bench-codegen-\(UUID().uuidString)")
        let configuration = output.appendingPathComponent("fgql.json")
        defer { try? FileManager.default.removeItem(at: output) }
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            let scalars = Self.configuration.scalars.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
            try Data("{\"namespace\": \"GitHubSchema\", \"scalars\": {\(scalars)}}".utf8).write(to: configuration)
        } catch {
            return [.skipped(Self.name, "fgql-codegen process", because: "cannot write to \(output.path): \(error.localizedDescription)")]
        }
        var samples = Samples()
        let arguments = [
            "--schema", schema, "--config", configuration.path, "--output-directory", output.path,
            "--schema-cache-directory", output.appendingPathComponent("SchemaCache").path,
        ] + operations
        _ = try? ChildProcess.run(tool, arguments)  // the first run fills the schema cache, as a plugin's first build does
        for _ in 0..<iterations {
            let (outcome, elapsed) = timed { try? ChildProcess.run(tool, arguments) }
            guard let outcome, outcome.succeeded else {
                return [.skipped(Self.name, "fgql-codegen process", because: "it failed: \(outcome?.errorText.prefix(300) ?? "could not start")")]
            }
            samples.append(elapsed)
        }
        var measurements = [Measurement(
            Self.name, "fgql-codegen process, cache warm (as the plugin runs it)", value: samples.median, unit: "s",
            goal: "< 300 ms", met: samples.median < 0.3,
            note: "whole process: start-up, reading, generating, writing \(operations.count + 1) files")]
        measurements += fgqlGenerate(
            schema: schema, operations: operations, configuration: configuration, baseline: samples.median, in: output)
        return measurements
    }

    /// `fgql generate` with the same inputs, its schema cache in the user's cache folder (a private one here).
    private func fgqlGenerate(
        schema: String, operations: [String], configuration: URL, baseline: Double, in folder: URL
    ) -> [Measurement] {
        guard let fgql = ReleaseProduct.find("fgql") else {
            return [.skipped(Self.name, "fgql generate", because: "no release fgql next to fgql-bench")]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder.appendingPathComponent("UserCache").path
        let arguments = ["generate", "--schema", schema, "--config", configuration.path,
                         "--output", folder.appendingPathComponent("FromCLI").path] + operations
        var samples = Samples()
        _ = try? ChildProcess.run(fgql, arguments, environment: environment)  // fills the cache
        for _ in 0..<iterations {
            let (outcome, elapsed) = timed { try? ChildProcess.run(fgql, arguments, environment: environment) }
            guard let outcome, outcome.succeeded else {
                return [.skipped(Self.name, "fgql generate", because: "it failed: \(outcome?.errorText.prefix(300) ?? "could not start")")]
            }
            samples.append(elapsed)
        }
        let ratio = samples.median / baseline
        return [Measurement(
            Self.name, "fgql generate, GitHub schema + \(operations.count) operations, cache warm", value: samples.median,
            unit: "s", baseline: "fgql-codegen " + BenchmarkReport.milliseconds(baseline), ratio: ratio, goal: "≤ 200 ms",
            met: samples.median <= 0.2, note: "every run after the first: the schema cache in the user's cache folder")]
    }
}
