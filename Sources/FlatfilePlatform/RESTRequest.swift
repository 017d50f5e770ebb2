import Foundation
import GraphQL

/// Where a template's `$args.x`, `$parent.x` and `$each.x` (or `{args.x}` …) sources read from.
struct TemplateScope: Sendable {
    var arguments: Map
    var parent: Map
    var each: Map = .undefined

    /// The value a source names; `nil` for a literal (not a `$…` or `{…}` reference).
    func reference(_ source: String) -> Map? {
        let parts = source.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "args": return arguments.value(at: parts[1])
        case "parent": return parent.value(at: parts[1])
        case "each": return each.value(at: parts[1])
        default: return nil
        }
    }
}

/// One GET request: a path below `/v1` and its query items, in a stable order (the request cache key).
struct RESTRequest: Sendable, Hashable {
    var path: String
    var query: [URLQueryItem]

    /// The request a binding makes in `scope`, or `nil` when a path placeholder has no value or the first one
    /// lacks the binding's required prefix (the field then resolves to null or [] without a call).
    init?(path template: String, query entries: [String], requirePrefix: String? = nil, scope: TemplateScope) {
        var path = ""
        var rest = Substring(template)
        var checkedPrefix = requirePrefix == nil
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            path += rest[..<open]
            let source = String(rest[rest.index(after: open)..<close])
            guard let value = scope.reference(source)?.queryText, !value.isEmpty else { return nil }
            if !checkedPrefix {
                guard let requirePrefix, value.hasPrefix(requirePrefix) else { return nil }
                checkedPrefix = true
            }
            path += value.addingPercentEncoding(withAllowedCharacters: .pathSegmentAllowed) ?? value
            rest = rest[rest.index(after: close)...]
        }
        path += rest
        self.path = path
        query = entries.flatMap { Self.items(entry: $0, scope: scope) }
    }

    /// `"/spaces?environmentId=$args.environmentId"`: an `each` list call.
    init?(pathAndQuery template: String, scope: TemplateScope) {
        let parts = template.split(separator: "?", maxSplits: 1).map(String.init)
        let entries = parts.count == 2 ? parts[1].split(separator: "&").map(String.init) : []
        self.init(path: parts[0], query: entries, scope: scope)
    }

    /// `name=source`: nothing for an unset source, one item per element of a list.
    private static func items(entry: String, scope: TemplateScope) -> [URLQueryItem] {
        guard let equals = entry.firstIndex(of: "=") else { return [] }
        let name = String(entry[..<equals])
        let source = String(entry[entry.index(after: equals)...])
        guard source.hasPrefix("$") else { return [URLQueryItem(name: name, value: source)] }
        switch scope.reference(String(source.dropFirst())) {
        case .array(let values)?: return values.compactMap(\.queryText).map { URLQueryItem(name: name, value: $0) }
        case let value?: return value.queryText.map { [URLQueryItem(name: name, value: $0)] } ?? []
        case nil: return []
        }
    }

    /// This request with the paging parameters of one page.
    func page(_ number: Int, size: Int) -> RESTRequest {
        var copy = self
        copy.query.removeAll { $0.name == "pageNumber" || $0.name == "pageSize" }
        copy.query += [URLQueryItem(name: "pageSize", value: String(size)), URLQueryItem(name: "pageNumber", value: String(number))]
        return copy
    }

    /// The full URL below `base`, the platform URL (`https://platform.flatfile.com/api`): paths are relative to
    /// its `/v1`.
    func url(base: URL) -> URL? {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else { return nil }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = basePath + "/v1" + path
        components.queryItems = query.isEmpty ? nil : query
        // `+` is a space to many servers; keep it literal in values such as timestamps with offsets.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url
    }

    /// `GET /v1/spaces?environmentId=…`: for messages and errors (the query holds no secrets: only the field's
    /// arguments and ids from earlier answers).
    func description(base: URL) -> String {
        guard let url = url(base: base) else { return "GET \(path)" }
        return "GET " + url.path + (url.query.map { "?" + $0 } ?? "")
    }
}

extension CharacterSet {
    fileprivate static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
}

extension Map {
    /// The value at a dotted key path (`context.actorId`); `.undefined` when any step is missing.
    func value(at path: String) -> Map {
        var value = self
        for key in path.split(separator: ".") {
            guard case .dictionary(let members) = value, let next = members[String(key)] else { return .undefined }
            value = next
        }
        return value
    }

    /// The value as a query parameter: strings as they are, numbers and booleans spelled out; `nil` for
    /// null, undefined and structured values.
    var queryText: String? {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number):
            number.storageType == .double ? String(number.doubleValue) : String(number.intValue)
        case .undefined, .null, .array, .dictionary: nil
        }
    }
}
