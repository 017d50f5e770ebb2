import FlatfileGraphQL
import FlatfileQueries
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Decoding a large `getFinalDatabaseView` page through the client's own path (parse, GraphQL response, generated
/// `Data`) against what an app would do without fgql: `JSONDecoder` into Codable structs of the row shape, and
/// `JSONSerialization.jsonObject`, all of the same bytes; peak memory of each in a child process.
struct DecodeBenchmark {
    let iterations: Int
    let rows: Int

    static let name = "decode"

    /// What is decoded, in the child process that measures memory.
    enum Decoder: String, CaseIterable, Sendable {
        case typed = "typed"
        case typedRows = "typed-rows"
        case foundation = "jsonserialization"
        case codable = "jsondecoder"
    }

    func run() async -> [Measurement] {
        let payload = FinalDatabaseViewPayload.make(rows: rows)
        let payloadSize = Self.mebibytes(payload.count)
        var typed = Samples()
        var typedRows = Samples()
        var foundation = Samples()
        var codable = Samples()
        do {
            _ = try await Self.decode(payload, with: .typed, expectedRows: rows)  // warm-up: first-use costs
            for _ in 0..<iterations {
                // Alternating keeps both sides equally exposed to whatever else the machine does meanwhile.
                foundation.append(try await timed { try await Self.decode(payload, with: .foundation, expectedRows: rows) }.1)
                codable.append(try await timed { try await Self.decode(payload, with: .codable, expectedRows: rows) }.1)
                typed.append(try await timed { try await Self.decode(payload, with: .typed, expectedRows: rows) }.1)
                typedRows.append(try await timed { try await Self.decode(payload, with: .typedRows, expectedRows: rows) }.1)
            }
        } catch {
            return [Measurement(Self.name, "typed decode", value: nil, unit: "s", note: "failed: \(error)")]
        }
        let baseline = Self.codableName + " " + BenchmarkReport.milliseconds(codable.median)
        let ratio = typed.median / codable.median
        var measurements = [
            Measurement(Self.name, "JSONSerialization.jsonObject (\(rows) rows, \(payloadSize))", value: foundation.median, unit: "s"),
            Measurement(
                Self.name, "\(Self.codableName) (\(rows) rows, \(payloadSize))", value: codable.median, unit: "s",
                note: "structs written for the row shape, fields typed"),
            Measurement(
                Self.name, "GetFinalDatabaseViewQuery.Data via GraphQLClient", value: typed.median, unit: "s", baseline: baseline,
                ratio: ratio, goal: "time no worse than \(Self.codableName)", met: ratio <= 1,
                note: "parse + GraphQL response + generated Data, through fetch() on a canned transport"),
            Measurement(
                Self.name, "… and rows as [FlatfileRow]", value: typedRows.median, unit: "s", baseline: baseline,
                ratio: typedRows.median / codable.median, note: "what client.rows(of:) hands an app"),
        ]
        measurements += await memory(payload)
        return measurements
    }

    /// Peak memory of decoding, each decoder in a fresh child process so neither sees the other's heap.
    private func memory(_ payload: Data) async -> [Measurement] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-bench-payload-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try payload.write(to: file)
        } catch {
            return [.skipped(Self.name, "peak memory", because: "cannot write \(file.path): \(error.localizedDescription)")]
        }
        var peaks: [Decoder: ChildReport] = [:]
        for decoder in Decoder.allCases {
            let arguments = ["measure-decode-memory", "--decoder", decoder.rawValue, "--payload", file.path, "--rows", String(rows)]
            do {
                let outcome = try ChildProcess.run(PackageLocation.selfExecutable, arguments)
                guard outcome.succeeded else {
                    return [.skipped(Self.name, "peak memory", because: "the child failed: \(outcome.errorText.prefix(300))")]
                }
                peaks[decoder] = try JSONDecoder().decode(ChildReport.self, from: outcome.standardOutput)
            } catch {
                return [.skipped(Self.name, "peak memory", because: "could not run the child: \(error)")]
            }
        }
        guard let typed = peaks[.typed], let typedRows = peaks[.typedRows], let foundation = peaks[.foundation],
            let codable = peaks[.codable]
        else { return [] }
        let size = Double(payload.count)
        let typedRatio = Double(typed.peakBytes) / size
        let note = typed.peakWasReset
            ? "peak resident memory while the payload is held and decoded (payload included), in a child process"
            : "the kernel refused to reset VmHWM: the peak includes the child's start-up"
        return [
            Measurement(Self.name, "peak memory, JSONSerialization", value: Double(foundation.peakBytes), unit: "bytes",
                        ratio: Double(foundation.peakBytes) / size),
            Measurement(Self.name, "peak memory, \(Self.codableName)", value: Double(codable.peakBytes), unit: "bytes",
                        ratio: Double(codable.peakBytes) / size),
            Measurement(
                Self.name, "peak memory, typed", value: Double(typed.peakBytes), unit: "bytes",
                baseline: "payload " + Self.mebibytes(payload.count), ratio: typedRatio, goal: "≤ 3× payload",
                met: typedRatio <= 3, note: note),
            Measurement(Self.name, "peak memory, typed + [FlatfileRow]", value: Double(typedRows.peakBytes), unit: "bytes",
                        ratio: Double(typedRows.peakBytes) / size),
        ]
    }

    private static let codableName = "JSONDecoder + Codable"

    private static func mebibytes(_ bytes: Int) -> String {
        BenchmarkReport.format(Double(bytes), unit: "bytes")
    }

    /// What the child prints on standard output.
    struct ChildReport: Codable {
        /// Peak resident bytes from holding the payload to the end of decoding.
        var peakBytes: Int
        var peakWasReset: Bool
        var seconds: Double
    }

    /// The child's side: load the payload, restart the peak counter, decode once, report.
    static func measureInChild(decoder: Decoder, payloadPath: String, rows: Int) async throws -> ChildReport {
        let payload = try Data(contentsOf: URL(fileURLWithPath: payloadPath))
        let resident = ProcessMemory.residentBytes ?? 0
        let reset = ProcessMemory.resetPeak()
        let (_, elapsed) = try await timed { try await decode(payload, with: decoder, expectedRows: rows) }
        let peak = ProcessMemory.peakResidentBytes ?? 0
        // After a reset the counter starts at the current resident size, which holds the payload and the runtime:
        // subtract the runtime so the peak is what the payload and its decoding need.
        let baseline = max(0, resident - payload.count)
        return ChildReport(peakBytes: reset ? peak - baseline : peak, peakWasReset: reset, seconds: elapsed.seconds)
    }

    /// Decodes `payload` and checks it holds `expectedRows` rows, so no decoder can win by skipping work.
    static func decode(_ payload: Data, with decoder: Decoder, expectedRows: Int) async throws -> Int {
        let count: Int
        switch decoder {
        case .foundation:
            let object = try JSONSerialization.jsonObject(with: payload)
            let view = ((object as? [String: Any])?["data"] as? [String: Any])?["getFinalDatabaseView"] as? [String: Any]
            count = (view?["rows"] as? [Any])?.count ?? -1
        case .codable:
            count = try JSONDecoder().decode(FinalDatabaseViewPayload.Response.self, from: payload).data
                .getFinalDatabaseView.rows.count
        case .typed, .typedRows:
            let client = GraphQLClient(
                endpoint: URL(string: "https://bench.invalid/graphql")!, transport: CannedTransport(body: payload))
            let data = try await client.fetch(GetFinalDatabaseViewQuery(limit: expectedRows))
            if decoder == .typedRows {
                count = try [FlatfileRow](json: data.getFinalDatabaseView?.rows).count
            } else {
                count = data.getFinalDatabaseView?.rows?.arrayValue?.count ?? -1
            }
        }
        guard count == expectedRows else {
            throw BenchmarkFailure("decoded \(count) rows with \(decoder.rawValue), expected \(expectedRows)")
        }
        return count
    }
}

/// An HTTP transport that answers every request with the same body, so decoding is measured without a network.
struct CannedTransport: HTTPTransport {
    let body: Data

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        guard let url = request.url,
            let response = HTTPURLResponse(
                url: url, statusCode: 200, httpVersion: "HTTP/1.1", headerFields: ["Content-Type": "application/json"])
        else { throw BenchmarkFailure("the request has no URL") }
        return (body, response)
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A `getFinalDatabaseView` response in the shape the sandbox (and Flatfile) returns: rows of
/// `{id, valid, status, data: {field: value}, info: [{level, key, message}]}`, about 500 bytes each (16 fields).
enum FinalDatabaseViewPayload {
    static func make(rows: Int) -> Data {
        let firstNames = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Donald", "Radia", "Ken", "Margaret"]
        let lastNames = ["Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Knuth", "Perlman", "Thompson", "Hamilton"]
        let cities = ["London", "New York", "Zürich", "São Paulo", "Tokyo", "Berlin", "Nairobi", "Montréal"]
        let statuses = ["review", "accepted", "dismissed", "submitted"]
        var text = #"{"data":{"getFinalDatabaseView":{"rows":["#
        text.reserveCapacity(rows * 560 + 100)
        for id in 1...rows {
            let first = firstNames[id % firstNames.count]
            let last = lastNames[(id / 10) % lastNames.count]
            let invalid = id % 7 == 0
            if id > 1 { text += "," }
            text += #"{"id":\#(id),"valid":\#(!invalid),"status":"\#(statuses[id % statuses.count])","data":{"#
            text += #""firstName":"\#(first)","lastName":"\#(last)","#
            text += #""email":"\#(invalid ? "" : "\(first.lowercased()).\(last.lowercased())\(id)@example.com")","#
            text += #""phone":"+1 555 \#(String(format: "%04d", id % 10_000))","company":"\#(last) & Sons Ltd.","#
            text += #""title":"Senior Engineer","department":"Research & Development","#
            text += #""address":"221B Baker Street, Flat \#(id % 100)","postalCode":"NW1 6XE","#
            text += #""city":"\#(cities[id % cities.count])","country":"GB","#
            text += #""website":"https://\#(last.lowercased()).example.com/team/\#(first.lowercased())","#
            text += #""amount":\#(Double(id % 100_000) / 4),"subscribed":\#(id % 3 == 0),"notes":null,"#
            text += #""signupDate":"2024-\#(String(format: "%02d", id % 12 + 1))-\#(String(format: "%02d", id % 28 + 1))"},"#
            text += #""info":["#
            if invalid {
                text += #"{"level":"error","key":"email","message":"Email is required"}"#
            } else if id % 5 == 0 {
                text += #"{"level":"info","key":"firstName","message":"Surrounding spaces were removed"}"#
            }
            text += "]}"
        }
        text += #"],"totalRows":\#(rows)}}}"#
        return Data(text.utf8)
    }

    /// The page as an app without fgql would decode it: structs written for exactly the shape `make` writes.
    struct Response: Decodable {
        struct Body: Decodable {
            var getFinalDatabaseView: Page
        }

        struct Page: Decodable {
            var rows: [Row]
            var totalRows: Int
        }

        struct Row: Decodable {
            var id: Int
            var valid: Bool
            var status: String
            var data: Fields
            var info: [Message]
        }

        struct Fields: Decodable {
            var firstName, lastName, email, phone, company, title, department, address, postalCode, city, country,
                website: String
            var amount: Double
            var subscribed: Bool
            var notes: String?
            var signupDate: String
        }

        struct Message: Decodable {
            var level: String
            var key: String
            var message: String
        }

        var data: Body
    }
}
