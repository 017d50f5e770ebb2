import Foundation
import GraphQL
import Hummingbird
import OrderedCollections

/// Why a request body could not be read; each route answers it in its own error shape.
enum BodyProblem: Error, Equatable {
    case unsupportedMediaType(String?)
    case tooLarge(limit: Int)
    case malformedJSON(String)
    case tooDeeplyNested(limit: Int)

    var status: HTTPResponse.Status {
        switch self {
        case .unsupportedMediaType: .unsupportedMediaType
        case .tooLarge: .contentTooLarge
        case .malformedJSON, .tooDeeplyNested: .badRequest
        }
    }

    var message: String {
        switch self {
        case .unsupportedMediaType(let type):
            "Content-Type \(type.map { "\"\($0)\"" } ?? "is missing"); send the body as JSON with Content-Type: application/json"
        case .tooLarge(let limit):
            "The request body is larger than the \(limit) byte limit"
        case .malformedJSON(let detail):
            "The request body is not valid JSON: \(detail)"
        case .tooDeeplyNested(let limit):
            "The request body nests more than \(limit) levels deep"
        }
    }
}

enum RequestBody {
    /// The deepest nesting accepted in JSON bodies; deeper input would exhaust the recursive decoder's stack.
    /// (GraphQL documents are bounded by `NestingDepth`.)
    static let maximumNesting = 64

    /// Reads a JSON body of at most `limit` bytes.
    static func json(of request: Request, limit: Int) async throws(BodyProblem) -> Map {
        let contentType = request.headers[.contentType]
        guard let contentType, contentType.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            == "application/json"
        else { throw .unsupportedMediaType(contentType) }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw .tooLarge(limit: limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            // Hummingbird reports an over-long body as a 413 error; anything else means the client went away
            // mid-body, which no answer will reach.
            throw .tooLarge(limit: limit)
        }
        let data = Data(buffer.readableBytesView)
        guard nestingDepth(of: data) <= maximumNesting else { throw .tooDeeplyNested(limit: maximumNesting) }
        do {
            return try JSONDecoder().decode(DecodedJSON.self, from: data).map
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformedJSON(context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription)
        } catch {
            throw .malformedJSON("\(error)")
        }
    }

    /// The deepest bracket nesting in JSON text (brackets inside strings do not count).
    static func nestingDepth(of bytes: some Sequence<UInt8>) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}

/// Any JSON value decoded in one pass into the GraphQL library's `Map` (whose own decoder re-decodes objects
/// at every level).
struct DecodedJSON: Decodable {
    let map: Map

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            var entries: OrderedDictionary<String, Map> = [:]
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                entries[key.stringValue] = try object.decode(DecodedJSON.self, forKey: key).map
            }
            map = .dictionary(entries)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [Map] = []
            while !array.isAtEnd {
                items.append(try array.decode(DecodedJSON.self).map)
            }
            map = .array(items)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                map = .null
            } else if let flag = try? value.decode(Bool.self) {
                map = .bool(flag)
            } else if let integer = try? value.decode(Int.self) {
                map = .number(Number(integer))
            } else if let number = try? value.decode(Double.self) {
                map = .number(Number(number))
            } else {
                map = .string(try value.decode(String.self))
            }
        }
    }
}
