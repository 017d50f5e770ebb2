import ArgumentParser
import Foundation

/// `swift run -c release fgql-bench`: codegen, decoding, CLI latency, concurrency and subscriptions, each against a baseline
/// measured in the same run; a table on standard output and, with `--json`, a report to compare runs with.
@main
struct FGQLBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgql-bench",
        abstract: "Measure fgql against baselines in one run and print the ratios.",
        discussion: """
            Examples:
              swift run -c release fgql-bench
              swift run -c release fgql-bench codegen decode --iterations 10 --json report.json
            """,
        subcommands: [Run.self, Page.self, MeasureDecodeMemory.self],
        defaultSubcommand: Run.self)
}

/// Which benchmarks exist, in the order they run.
enum BenchmarkName: String, CaseIterable, ExpressibleByArgument {
    case codegen, decode, cli, binary, concurrency, subscriptions
}

extension FGQLBench {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the benchmarks (the default).")

        @Argument(help: "Which benchmarks to run: \(BenchmarkName.allCases.map(\.rawValue).joined(separator: ", ")) (default: all).")
        var benchmarks: [BenchmarkName] = []

        @Option(help: "Measured repetitions of each in-process measurement (medians are reported).")
        var iterations = 5

        @Option(help: "Runs of fgql and of curl in the CLI benchmark.")
        var cliRuns = 50

        @Option(help: "Rows in the decoded getFinalDatabaseView response.")
        var rows = 100_000

        @Option(help: "Concurrent queries in the concurrency benchmark.")
        var queries = 1_000

        @Option(help: "Mutation → event samples in the subscriptions benchmark (each also times one query).")
        var eventSamples = 200

        @Option(help: "Subscriptions on one socket in the subscriptions benchmark's throughput measure.")
        var subscribers = 100

        @Option(help: "Status changes each of those subscriptions receives.")
        var statusChanges = 50

        @Option(help: ArgumentHelp("Also write the report as JSON to this file.", valueName: "file"))
        var json: String?

        func validate() throws {
            guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1.") }
            guard cliRuns >= 1 else { throw ValidationError("--cli-runs must be at least 1.") }
            guard rows >= 1 else { throw ValidationError("--rows must be at least 1.") }
            guard queries >= 1 else { throw ValidationError("--queries must be at least 1.") }
            guard eventSamples >= 1 else { throw ValidationError("--event-samples must be at least 1.") }
            guard subscribers >= 1 else { throw ValidationError("--subscribers must be at least 1.") }
            // More than the sandbox buffers for a subscriber that falls behind (64) could lose events and stall.
            guard (1...60).contains(statusChanges) else { throw ValidationError("--status-changes must be 1–60.") }
        }

        func run() async throws {
            #if DEBUG
            print("warning: this is a debug build; the goals are for release builds (swift run -c release fgql-bench)\n")
            #endif
            let selected = benchmarks.isEmpty ? BenchmarkName.allCases : BenchmarkName.allCases.filter(benchmarks.contains)
            var measurements: [Measurement] = []
            for benchmark in selected {
                print("running \(benchmark.rawValue)…")
                switch benchmark {
                case .codegen: measurements += CodegenBenchmark(iterations: iterations).run()
                case .decode: measurements += await DecodeBenchmark(iterations: iterations, rows: rows).run()
                case .cli: measurements += await CLIBenchmark(runs: cliRuns).run()
                case .binary: measurements += BinaryBenchmark(runs: cliRuns).run()
                case .concurrency: measurements += await ConcurrencyBenchmark(queries: queries).run()
                case .subscriptions:
                    measurements += await SubscriptionBenchmark(
                        samples: eventSamples, subscribers: subscribers, changes: statusChanges
                    ).run()
                }
            }
            let report = BenchmarkReport(date: Date(), machine: Machine.current(), iterations: iterations, measurements: measurements)
            print("\n" + report.table)
            if let json {
                do {
                    try report.write(to: json)
                    print("\nreport written to \(json)")
                } catch {
                    throw ValidationError("cannot write the report to \(json): \(error.localizedDescription)")
                }
            }
        }
    }

    /// The decode benchmark's child process: one decode in a fresh process, so its peak memory is its own.
    struct MeasureDecodeMemory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "measure-decode-memory", abstract: "Internal: decode a payload once and print time and peak memory as JSON.",
            shouldDisplay: false)

        @Option var decoder: String
        @Option var payload: String
        @Option var rows: Int

        func run() async throws {
            guard let decoder = DecodeBenchmark.Decoder(rawValue: decoder) else {
                throw ValidationError("--decoder must be one of \(DecodeBenchmark.Decoder.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let report = try await DecodeBenchmark.measureInChild(decoder: decoder, payloadPath: payload, rows: rows)
            FileHandle.standardOutput.write(try JSONEncoder().encode(report))
        }
    }
}
