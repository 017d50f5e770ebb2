// One URLSession POST and nothing else: what Foundation's HTTP costs a process on this platform, for fgql-bench
// to set beside curl and `fgql run`. Usage: urlsession-post URL HEADERS-FILE BODY-FILE (headers as curl's -H @file).
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

let arguments = CommandLine.arguments
guard arguments.count == 4, let url = URL(string: arguments[1]),
      let headers = try? String(contentsOfFile: arguments[2], encoding: .utf8),
      let body = FileManager.default.contents(atPath: arguments[3])
else {
    FileHandle.standardError.write(Data("usage: urlsession-post URL HEADERS-FILE BODY-FILE\n".utf8))
    exit(2)
}
var request = URLRequest(url: url)
request.httpMethod = "POST"
request.httpBody = body
for line in headers.split(separator: "\n") {
    let parts = line.split(separator: ":", maxSplits: 1)
    if parts.count == 2 { request.setValue(parts[1].trimmingCharacters(in: .whitespaces), forHTTPHeaderField: String(parts[0])) }
}
let semaphore = DispatchSemaphore(value: 0)
nonisolated(unsafe) var status = 1
URLSession.shared.dataTask(with: request) { data, response, _ in
    if let data, let response = response as? HTTPURLResponse, (200..<300).contains(response.statusCode) {
        FileHandle.standardOutput.write(data)
        status = 0
    }
    semaphore.signal()
}.resume()
semaphore.wait()
exit(Int32(status))
