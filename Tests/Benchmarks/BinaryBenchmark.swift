import Foundation

/// The `fgql` executable as it would be installed: its size stripped of symbols, the shared libraries the loader must
/// find, and how long it takes to start, against curl.
struct BinaryBenchmark {
    let runs: Int

    static let name = "binary"

    func run() -> [Measurement] {
        guard let fgql = ReleaseProduct.find("fgql") else {
            return [.skipped(Self.name, "fgql binary", because: "no release fgql next to fgql-bench")]
        }
        var measurements: [Measurement] = []
        let libraries = Self.sharedLibraries(of: fgql)
        let built = (try? FileManager.default.attributesOfItem(atPath: fgql.path)[.size] as? Int) ?? nil
        let stripped = Self.strippedSize(of: fgql)
        if let stripped {
            let mib = Double(stripped) / 1_048_576
            measurements.append(Measurement(
                Self.name, "fgql, stripped (as installed)", value: Double(stripped), unit: "bytes",
                baseline: built.map { "as built " + BenchmarkReport.format(Double($0), unit: "bytes") },
                goal: "≤ 25 MiB", met: mib <= 25, note: "strip of the release build; \(Self.linkage(libraries))"))
        } else if let built {
            measurements.append(Measurement(
                Self.name, "fgql, as built", value: Double(built), unit: "bytes", note: "strip is not installed: not stripped"))
        }
        let curl = ChildProcess.find("curl")
        if let libraries {
            measurements.append(Measurement(
                Self.name, "shared libraries fgql loads", value: Double(libraries.count), unit: "count",
                baseline: curl.flatMap(Self.sharedLibraries(of:)).map { "curl \($0.count)" }, note: "ldd"))
        }
        var start: [ChildUsage] = []
        var curlStart: [ChildUsage] = []
        for _ in 0..<runs {
            if let usage = try? ChildProcess.measure(fgql, ["--version"]), usage.succeeded { start.append(usage) }
            if let curl, let usage = try? ChildProcess.measure(curl, ["--version"]), usage.succeeded { curlStart.append(usage) }
        }
        if !start.isEmpty {
            let baseline = curlStart.isEmpty ? nil : curlStart.median(\.seconds)
            measurements.append(Measurement(
                Self.name, "start-up: fgql --version (median of \(runs))", value: start.median(\.seconds), unit: "s",
                baseline: baseline.map { "curl --version " + BenchmarkReport.milliseconds($0) },
                ratio: baseline.map { start.median(\.seconds) / $0 },
                note: "loading, Swift runtime set-up and argument parsing: what every fgql command pays"))
        }
        return measurements
    }

    /// The size of a stripped copy (the original keeps its symbols for profiles).
    static func strippedSize(of executable: URL) -> Int? {
        guard let strip = ChildProcess.find("strip") else { return nil }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-bench-stripped-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        guard (try? ChildProcess.run(strip, ["-o", copy.path, executable.path]))?.succeeded == true else { return nil }
        return (try? FileManager.default.attributesOfItem(atPath: copy.path)[.size] as? Int) ?? nil
    }

    /// The shared libraries `ldd` lists for `executable` (the loader included).
    static func sharedLibraries(of executable: URL) -> [String]? {
        guard let ldd = ChildProcess.find("ldd"), let outcome = try? ChildProcess.run(ldd, [executable.path]),
              outcome.succeeded
        else { return nil }
        return String(decoding: outcome.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.contains("=>") || $0.contains("ld-linux") }
    }

    /// Whether the Swift runtime and Foundation are linked in or loaded (`--static-swift-stdlib`).
    static func linkage(_ libraries: [String]?) -> String {
        guard let libraries else { return "linkage unknown" }
        return libraries.contains { $0.contains("libswiftCore") }
            ? "Swift runtime loaded as shared libraries"
            : "Swift runtime and Foundation linked statically (--static-swift-stdlib)"
    }
}
