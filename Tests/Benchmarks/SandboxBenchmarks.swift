import FlatfileGraphQL
import FlatfileQueries
import FlatfileSandbox
import Foundation

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
