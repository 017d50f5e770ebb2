import Foundation

/// A GraphQL response as the server sent it: `data`, `errors` and `extensions`.
///
/// ```swift
/// let response = try await client.execute(document: "{ getBatches(licenseKey: \"…\") { data { id } } }")
/// if !response.errors.isEmpty { print(response.errors.map(\.message)) }
/// print(response.data?.jsonString(.pretty) ?? "null")
/// ```
public struct GraphQLResponse: Sendable, Hashable {
    /// The `data` member: `nil` when the server left it out, `.null` when it sent `null`.
    public var data: JSONValue?
    /// The `errors` member; empty when there were none.
    public var errors: [GraphQLError]
    /// The `extensions` member, when present.
    public var extensions: JSONObject?

    public init(data: JSONValue?, errors: [GraphQLError] = [], extensions: JSONObject? = nil) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }

    /// Reads a response from parsed JSON. Returns `nil` when `json` is not a GraphQL response (an object with
    /// `data` or an `errors` list). Malformed error entries are read leniently: a missing message becomes a
    /// placeholder rather than failing the whole response.
    public init?(json: JSONValue) {
        guard case .object(let object) = json else { return nil }
        let errorsMember = object["errors"]?.arrayValue
        guard object.contains(key: "data") || errorsMember != nil else { return nil }
        data = object["data"]
        errors = errorsMember?.map(GraphQLError.init(json:)) ?? []
        extensions = object["extensions"]?.objectValue
    }

    /// The response as one JSON object: `data`, then `errors` when there are any, then `extensions`.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        if let data { object["data"] = data }
        if !errors.isEmpty { object["errors"] = .array(errors.map(\.jsonValue)) }
        if let extensions { object["extensions"] = .object(extensions) }
        return .object(object)
    }
}

/// One entry of a response's `errors`.
public struct GraphQLError: Error, Sendable, Hashable {
    /// Where in the document the error happened.
    public struct Location: Sendable, Hashable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// One step of the response path: a field's response key or a list index.
    public enum PathElement: Sendable, Hashable, CustomStringConvertible {
        case key(String)
        case index(Int)

        public var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }
    }

    public var message: String
    public var locations: [Location]
    /// The response path of the field that failed, e.g. `getBatches.data.3.id`.
    public var path: [PathElement]
    public var extensions: JSONObject?

    public init(message: String, locations: [Location] = [], path: [PathElement] = [], extensions: JSONObject? = nil) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    /// Reads an error entry leniently: unknown members are ignored and malformed ones dropped.
    public init(json: JSONValue) {
        message = json["message"]?.stringValue ?? "(the server sent an error without a message: \(json))"
        locations = json["locations"]?.arrayValue?.compactMap { location in
            guard let line = location["line"]?.intValue, let column = location["column"]?.intValue else { return nil }
            return Location(line: line, column: column)
        } ?? []
        path = json["path"]?.arrayValue?.compactMap { element in
            switch element {
            case .string(let key): .key(key)
            case .int(let index): .index(index)
            default: nil
            }
        } ?? []
        extensions = json["extensions"]?.objectValue
    }

    /// `getBatches.data[3].id`, or an empty string for an error without a path.
    public var pathDescription: String {
        path.reduce(into: "") { text, element in
            switch element {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
    }

    /// The error as the JSON object a server sends.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["message": .string(message)]
        if !locations.isEmpty {
            object["locations"] = .array(locations.map { ["line": .int($0.line), "column": .int($0.column)] })
        }
        if !path.isEmpty {
            object["path"] = .array(path.map {
                switch $0 {
                case .key(let key): .string(key)
                case .index(let index): .int(index)
                }
            })
        }
        if let extensions { object["extensions"] = .object(extensions) }
        return .object(object)
    }

    /// Whether this is Flatfile's way of saying the bearer token was refused: the message `Unauthorized`, or
    /// `extensions.response.statusCode == 401` (NestJS's exception inside Apollo's error).
    public var isUnauthorized: Bool {
        message == "Unauthorized" || extensions?["response"]?["statusCode"]?.intValue == 401
    }
}

extension GraphQLError: CustomStringConvertible {
    /// The message with its path and first location: `Batch not found (at getBatch, line 1, column 3)`.
    public var description: String {
        var context: [String] = []
        if !path.isEmpty { context.append("at \(pathDescription)") }
        if let location = locations.first { context.append("line \(location.line), column \(location.column)") }
        return context.isEmpty ? message : "\(message) (\(context.joined(separator: ", ")))"
    }
}

extension GraphQLError: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(json: try JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}

extension GraphQLResponse: Codable {
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let response = GraphQLResponse(json: json) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "not a GraphQL response: expected an object with \"data\" or \"errors\""))
        }
        self = response
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}
