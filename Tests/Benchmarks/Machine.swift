import Foundation

/// The machine the numbers came from: they mean little without it.
struct Machine: Codable, Sendable {
    var cpu: String
    var cores: Int
    var memoryBytes: UInt64
    var operatingSystem: String
    var swiftVersion: String

    static func current() -> Machine {
        Machine(
            cpu: cpuModel() ?? "unknown CPU",
            cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: ProcessInfo.processInfo.physicalMemory,
            operatingSystem: operatingSystem(),
            swiftVersion: swiftVersion() ?? "unknown (swift --version failed)")
    }

    var summary: String {
        let gigabytes = String(format: "%.1f GiB", Double(memoryBytes) / 1_073_741_824)
        return "\(cpu), \(cores) cores, \(gigabytes) RAM, \(operatingSystem), \(swiftVersion)"
    }

    private static func cpuModel() -> String? {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line?.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func operatingSystem() -> String {
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
        {
            let name = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return "\(name) (kernel \(kernelRelease()))"
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    private static func kernelRelease() -> String {
        (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }

    /// The toolchain's own words, e.g. "Swift version 6.3.1 (swift-6.3.1-RELEASE)".
    private static func swiftVersion() -> String? {
        guard let swift = ChildProcess.find("swift"),
            let outcome = try? ChildProcess.run(swift, ["--version"]), outcome.succeeded
        else { return nil }
        let text = String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self)
        return text.split(separator: "\n").first { $0.contains("Swift version") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
