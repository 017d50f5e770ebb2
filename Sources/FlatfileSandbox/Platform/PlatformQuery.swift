import Foundation
import Hummingbird

/// A platform API failure, answered as Flatfile does: the status and `{errors: [{key?, message}]}`.
struct PlatformFailure: Error {
    let status: HTTPResponse.Status
    let errors: [PlatformErrorBody.Entry]

    static func badRequest(_ key: String, _ message: String) -> PlatformFailure {
        PlatformFailure(status: .badRequest, errors: [.init(key: key, message: message)])
    }

    static func notFound(_ kind: String, _ id: String) -> PlatformFailure {
        PlatformFailure(status: .notFound, errors: [.init(key: "NotFoundError", message: "\(kind) \(id) not found")])
    }

    /// A resource of an environment the credential does not belong to; `what` names it, e.g.
    /// "space us_sp_… (environment us_env_…)".
    static func otherEnvironment(_ what: String, allowed: Set<String>) -> PlatformFailure {
        let mine = allowed.sorted().joined(separator: ", ")
        return PlatformFailure(
            status: .forbidden,
            errors: [.init(
                key: "ForbiddenError",
                message: "This secret key reads only environment \(mine), not \(what); "
                    + "use a Personal Access Token to read across environments")])
    }

    var response: Response { JSONResponses.platformError(status, errors) }
}

/// The query parameters of one platform request, read with the checks Flatfile's API applies: a bad value is a
/// 400 naming the parameter and what it accepts.
struct PlatformQuery {
    /// Names and percent-decoded values, in request order.
    private let parameters: [(name: String, value: String)]

    init(_ request: Request) {
        parameters = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    /// The first value of `name`, or nil when it is absent or empty.
    func string(_ name: String) -> String? {
        strings(name).first
    }

    /// Every value of a repeated parameter (`ids=a&ids=b`).
    func strings(_ name: String) -> [String] {
        parameters.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }

    func required(_ name: String) throws(PlatformFailure) -> String {
        guard let value = string(name) else { throw .badRequest(name, "\(name) is required") }
        return value
    }

    func bool(_ name: String) throws(PlatformFailure) -> Bool? {
        switch string(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        case let other?: throw .badRequest(name, "\(name) must be true or false, got \"\(other)\"")
        }
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(PlatformFailure) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .badRequest(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return value
    }

    func choice(_ name: String, of allowed: [String]) throws(PlatformFailure) -> String? {
        guard let value = string(name) else { return nil }
        guard allowed.contains(value) else {
            throw .badRequest(name, "\(name) must be one of \(allowed.joined(separator: ", ")), got \"\(value)\"")
        }
        return value
    }

    /// An ISO-8601 date-time (or date), returned in the form the API sends timestamps, so that it compares with
    /// them as text.
    func timestamp(_ name: String) throws(PlatformFailure) -> String? {
        guard let text = string(name) else { return nil }
        let styles: [Date.ISO8601FormatStyle] = [
            .init(includingFractionalSeconds: true), .init(), .init().year().month().day(),
        ]
        for style in styles {
            if let date = try? style.parse(text) { return SandboxData.timestamp(date) }
        }
        throw .badRequest(name, "\(name) must be an ISO-8601 date-time such as 2025-01-01T00:00:00.000Z, got \"\(text)\"")
    }

    /// `sortField` with `sortDirection`: each requires the other.
    func sort(fields: [String]) throws(PlatformFailure) -> (field: String, ascending: Bool)? {
        let field = try choice("sortField", of: fields)
        let direction = try choice("sortDirection", of: ["asc", "desc"])
        switch (field, direction) {
        case (nil, nil): return nil
        case (let field?, let direction?): return (field, direction == "asc")
        case (nil, _?): throw .badRequest("sortField", "sortDirection requires sortField")
        case (_?, nil): throw .badRequest("sortDirection", "sortField requires sortDirection (asc or desc)")
        }
    }

    /// `pageSize` (default `defaultSize`) and 1-based `pageNumber` (default 1).
    func paging(defaultSize: Int) throws(PlatformFailure) -> (size: Int, number: Int) {
        let size = try integer("pageSize", in: 1...10_000) ?? defaultSize
        let number = try integer("pageNumber", in: 1...Int(Int32.max)) ?? 1
        return (size, number)
    }
}
