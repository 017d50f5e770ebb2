import Foundation

/// Wall-clock durations of repeated runs of one thing, in seconds.
struct Samples: Sendable {
    private(set) var seconds: [Double] = []

    init() {}

    /// Values of any one unit (bytes, CPU-seconds), for the same percentile rule.
    init(_ values: [Double]) { seconds = values }

    mutating func append(_ duration: Duration) { seconds.append(duration.seconds) }

    var median: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }
    var minimum: Double { seconds.min() ?? 0 }

    /// Nearest-rank percentile: with 50 samples p95 is the 48th smallest, a value that really occurred.
    func percentile(_ fraction: Double) -> Double {
        guard !seconds.isEmpty else { return 0 }
        let sorted = seconds.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

/// Runs `body` and returns its result with how long it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    return (result, clock.now - start)
}

/// The asynchronous form of `timed`.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, clock.now - start)
}

/// The resident memory of this process, from `/proc/self/status` (Linux only; `nil` elsewhere).
enum ProcessMemory {
    /// The most memory resident at once since the process started (or since `resetPeak()`): `VmHWM`.
    static var peakResidentBytes: Int? { statusField("VmHWM") }

    /// The memory resident now: `VmRSS`.
    static var residentBytes: Int? { statusField("VmRSS") }

    /// Starts the peak over from the current resident size, so a later `peakResidentBytes` covers only what ran
    /// after. Returns false when the kernel does not allow it (then the peak covers the whole process).
    static func resetPeak() -> Bool {
        // Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later).
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            // "VmHWM:	  123456 kB"
            let number = line.dropFirst(name.count + 1).split(separator: " ").first { !$0.isEmpty && $0 != "\t" }
            return number.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
        }
        return nil
    }
}

/// What a child process printed and how it ended.
struct ChildOutcome: Sendable {
    var status: Int32
    var standardOutput: Data
    var standardError: Data

    var succeeded: Bool { status == 0 }
    var errorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// Starts programs and waits for them, collecting their output.
enum ChildProcess {
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> ChildOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the child runs, so a chatty child never blocks on a full pipe.
        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { collected.errors = errors.fileHandleForReading.readDataToEndOfFile() }
        let standardOutput = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ChildOutcome(status: process.terminationStatus, standardOutput: standardOutput, standardError: collected.errors)
    }

    /// The program's full path when `name` is on `PATH`.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private final class Collected: @unchecked Sendable {
        // Written by one reader thread before `group.wait()` returns, read after: never concurrently.
        var errors = Data()
    }
}

/// Where this checkout lives: the package root holds Package.swift, and the shared fixtures sit beside it.
enum PackageLocation {
    static var root: URL {
        // The source file's own path is the most reliable anchor; the working directory is the fallback for a
        // binary copied elsewhere.
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: fromSource.appendingPathComponent("Package.swift").path) {
            return fromSource
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The running benchmark binary.
    static var selfExecutable: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
    }

    /// The directory of the running benchmark binary, where the other products of the same build are.
    static var productsDirectory: URL { selfExecutable.deletingLastPathComponent() }
}

/// What one run of a child process cost, from the kernel's own accounting of that process (`wait4`).
struct ChildUsage: Sendable {
    var status: Int32
    var elapsed: Duration
    /// User plus system time.
    var cpuSeconds: Double
    /// Voluntary plus involuntary: a process that hands work between threads pays in switches.
    var contextSwitches: Int

    var succeeded: Bool { status == 0 }
}

extension ChildProcess {
    /// Runs `executable` with standard input and output on /dev/null (standard error too) and returns what it
    /// cost. A failed run is run again through `run` by the caller for its error text.
    static func measure(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> ChildUsage {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argumentStrings = [executable.path] + arguments
        let environmentStrings = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var argv = argumentStrings.map { strdup($0) } + [nil]
        var envp = environmentStrings.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        // posix_spawn takes the parent's working directory (the portable way to give the child another one, the
        // `_np` file action, is not visible to Swift here); nothing else in the benchmark uses relative paths.
        let previous = FileManager.default.currentDirectoryPath
        if let directory, !FileManager.default.changeCurrentDirectoryPath(directory.path) {
            throw BenchmarkFailure("cannot change into \(directory.path)")
        }
        defer { if directory != nil { _ = FileManager.default.changeCurrentDirectoryPath(previous) } }

        var pid = pid_t()
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, &argv, &envp)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(executable.path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = ContinuousClock.now - start
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot see: the low 7 bits are the signal, the next 8 the code.
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildUsage(
            status: exitCode, elapsed: elapsed, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            contextSwitches: usage.ru_nvcsw + usage.ru_nivcsw)
    }

    /// The peak resident memory of one run, as GNU time reports it. Not from `measure`: Linux carries a process's
    /// peak across `execve`, so a child of this (large) benchmark would report the benchmark's own peak; GNU time
    /// is a small parent, whose peak is far below any program measured here.
    static func peakResidentBytes(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> Int? {
        let time = URL(fileURLWithPath: "/usr/bin/time")
        guard FileManager.default.isExecutableFile(atPath: time.path) else { return nil }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-bench-time-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let usage = try measure(time, ["-f", "%M", "-o", report.path, executable.path] + arguments, environment: environment, directory: directory)
        guard usage.succeeded, let text = try? String(contentsOf: report, encoding: .utf8),
              let kilobytes = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}

/// Products of the release build beside fgql-bench, built on demand (`swift run fgql-bench` builds only itself).
enum ReleaseProduct {
    static func find(_ product: String) -> URL? {
        let products = PackageLocation.productsDirectory
        let executable = products.appendingPathComponent(product)
        if FileManager.default.isExecutableFile(atPath: executable.path) { return executable }
        guard let swift = ChildProcess.find("swift") else { return nil }
        // …/<scratch>/<triple>/release/fgql-bench: the scratch path is two levels up from the products.
        let scratch = products.deletingLastPathComponent().deletingLastPathComponent()
        print("building the release \(product) for the benchmark…")
        let outcome = try? ChildProcess.run(
            swift, ["build", "-c", "release", "--product", product, "--scratch-path", scratch.path],
            directory: PackageLocation.root)
        return outcome?.succeeded == true && FileManager.default.isExecutableFile(atPath: executable.path) ? executable : nil
    }
}
