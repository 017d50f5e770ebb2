import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Dates as servers write them in headers and token responses.
enum HTTPDate {
    /// Parses an RFC 1123 date (`Sun, 06 Nov 1994 08:49:37 GMT`, also used by `Retry-After`) or an ISO 8601 date
    /// (`2022-09-18T00:19:57.007Z`, with or without fractional seconds).
    static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime]
        return iso.date(from: text)
    }
}

/// The `Retry-After` header: delay seconds or an HTTP date.
enum RetryAfter {
    static func delay(from response: HTTPURLResponse, now: Date) -> Duration? {
        guard let value = response.value(forHTTPHeaderField: "Retry-After") else { return nil }
        return delay(fromHeader: value, now: now)
    }

    static func delay(fromHeader value: String, now: Date) -> Duration? {
        let value = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64(min(seconds, 86_400) * 1000))
        }
        guard let date = HTTPDate.parse(value) else { return nil }
        let seconds = max(0, min(date.timeIntervalSince(now), 86_400))
        return .milliseconds(Int64(seconds * 1000))
    }
}
