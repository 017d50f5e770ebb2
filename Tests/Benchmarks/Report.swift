import Foundation

/// One number of the report, with the baseline it is compared against and the goal it is held to.
struct Measurement: Codable, Sendable {
    var benchmark: String
    var name: String
    var value: Double?
    var unit: String
    /// What the value is compared with, measured in the same run, e.g. "JSONSerialization 812.4 ms".
    var baseline: String?
    var ratio: Double?
    var goal: String?
    /// nil when the measurement has no goal or could not be taken.
    var met: Bool?
    /// Why it was skipped, or what the number includes.
    var note: String?

    init(
        _ benchmark: String, _ name: String, value: Double?, unit: String, baseline: String? = nil, ratio: Double? = nil,
        goal: String? = nil, met: Bool? = nil, note: String? = nil
    ) {
        self.benchmark = benchmark
        self.name = name
        self.value = value
        self.unit = unit
        self.baseline = baseline
        self.ratio = ratio
        self.goal = goal
        self.met = met
        self.note = note
    }

    static func skipped(_ benchmark: String, _ name: String, because reason: String) -> Measurement {
        Measurement(benchmark, name, value: nil, unit: "", note: "skipped: \(reason)")
    }
}

/// Everything one `fgql-bench` run measured, and the machine: what `--json` writes, so runs can be compared.
struct BenchmarkReport: Codable, Sendable {
    var date: Date
    var machine: Machine
    var iterations: Int
    var measurements: [Measurement]

    /// A Markdown table: readable in a terminal and pasteable into the README.
    var table: String {
        let header = ["Benchmark", "Measure", "Value", "Baseline (same run)", "Ratio", "Goal", ""]
        let rows = measurements.map { measurement in
            [
                measurement.benchmark,
                measurement.name,
                measurement.value.map { Self.format($0, unit: measurement.unit) } ?? "—",
                measurement.baseline ?? "",
                measurement.ratio.map { String(format: "%.2f×", $0) } ?? "",
                measurement.goal ?? "",
                measurement.met.map { $0 ? "met" : "NOT MET" } ?? "",
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            "| " + zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " | ") + " |"
        }
        var lines = [line(header), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"]
        lines += rows.map(line)
        let notes = measurements.compactMap { measurement in
            measurement.note.map { "- \(measurement.benchmark) / \(measurement.name): \($0)" }
        }
        if !notes.isEmpty { lines += [""] + notes }
        lines += ["", "Machine: \(machine.summary)"]
        return lines.joined(separator: "\n")
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case "s": return value >= 1 ? String(format: "%.2f s", value) : String(format: "%.1f ms", value * 1000)
        case "bytes": return String(format: "%.1f MiB", value / 1_048_576)
        case "CPU-s": return String(format: "%.3f CPU-s", value)
        case "count", "lines": return String(Int(value.rounded())) + (unit == "lines" ? " lines" : "")
        default: return String(format: "%.1f", value) + " " + unit
        }
    }

    /// `12.3 ms`, for baselines written into a cell.
    static func milliseconds(_ seconds: Double) -> String { format(seconds, unit: "s") }
}
