import FlatfileQueries
import Foundation
import FuzzDriver

/// One input: must return 0 whatever the bytes; a crash, trap or sanitizer report is the finding.
private func fuzzResponseDecoding(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let body = Data(bytes: bytes, count: count)
    guard let json = try? JSONValue(parsing: body) else { return 0 }
    checkRoundTrip(json)
    guard let response = GraphQLResponse(json: json) else { return 0 }
    _ = response.errors.map(\.description)
    _ = response.jsonValue.jsonString(.pretty)
    // Decode the data (or the whole body, for inputs that are a bare `data` object) as every shape of result the
    // saved operations have: scalars, nested lists, JSON-valued fields, enums and typed rows.
    for candidate in [response.data, json].compactMap({ $0 }) {
        decode(GetBatchesQuery.Data.self, from: candidate)
        decode(GetBatchQuery.Data.self, from: candidate)
        decode(GetFinalDatabaseViewQuery.Data.self, from: candidate)
        decode(FetchRowsWithSchemaQuery.Data.self, from: candidate)
        decode(GetWorkspaceQuery.Data.self, from: candidate)
        decode(GetSchemasQuery.Data.self, from: candidate)
        decode(GetEmbedsQuery.Data.self, from: candidate)
        decode(UpdateWorkbookRowsMutation.Data.self, from: candidate)
        decode([FlatfileRow].self, from: candidate)
        decode(FlatfileRow.self, from: candidate)
    }
    return 0
}

/// A decoding failure is an expected outcome; its description must still be producible.
private func decode<T: Decodable>(_ type: T.Type, from json: JSONValue) {
    do {
        _ = try JSONValueDecoder().decode(type, from: json)
    } catch {
        _ = "\(error)"
    }
}

/// What the serializer writes must parse back to an equal value (the CLI prints responses with it).
private func checkRoundTrip(_ json: JSONValue) {
    guard json.allNumbersFinite else { return }  // ±infinity is written as null, by design
    for style in [JSONOutputStyle.compact, .pretty] {
        let text = json.jsonString(style)
        guard let again = try? JSONValue(parsing: text) else { fatalError("serialized JSON does not parse: \(text)") }
        if again != json { fatalError("round trip changed the value: \(text)") }
    }
}

extension JSONValue {
    fileprivate var allNumbersFinite: Bool {
        switch self {
        case .double(let value): value.isFinite
        case .array(let elements): elements.allSatisfy(\.allNumbersFinite)
        case .object(let object): object.values.allSatisfy(\.allNumbersFinite)
        default: true
        }
    }
}

// Last: the globals above must be initialized before libFuzzer takes over `main`.
fuzz { bytes, count in fuzzResponseDecoding(bytes, count) }
