import Foundation
import GraphQL
import Testing

@testable import FlatfileGraphQL

/// Runs the generated operations' documents through the GraphQL library's executor (over the same schema they were
/// generated from), then decodes the responses into the generated types and encodes them back.
@Suite struct ExecutedResponseTests {
    static let schema: GraphQLSchema = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("GraphQL/schema.graphqls")
        do {
            return try buildSchema(source: String(contentsOf: url, encoding: .utf8))
        } catch {
            preconditionFailure("the test schema does not build: \(error)")
        }
    }()

    static let batch: [String: any Sendable] = [
        "id": "b1", "status": "SUBMITTED", "uuid": "5a4db0c0-0000-4000-8000-00000000f11e",
        "meta": Map.dictionary(["source": .string("csv")]), "createdAt": "2026-11-23T18:00:00Z",
        "name": "March import", "legacyName": "march", "tags": [["a", "b"], []] as [[String]], "score": 0.5,
        "rows": [["index": 0, "valid": true], ["index": 1, "valid": false]] as [[String: any Sendable]],
        "workspace": ["id": "w1", "name": "Main", "type": ["name": "team"]] as [String: any Sendable],
    ]

    /// Executes `Operation.document` with the operation's variables; returns the `data` JSON.
    static func execute<Operation: GraphQLOperation>(_ operation: Operation, root: [String: any Sendable]) async throws -> Foundation.Data {
        let variables = try JSONDecoder().decode([String: Map].self, from: JSONEncoder().encode(operation.variables))
        let result = try await graphql(
            schema: schema, request: Operation.document, rootValue: root, variableValues: variables)
        #expect(result.errors.isEmpty, "\(result.errors)")
        return try JSONEncoder().encode(try #require(result.data))
    }

    /// Decodes `json` into the operation's `Data`, and checks that encoding it gives the same JSON back.
    static func decodeRoundTrip<Operation: GraphQLOperation>(_: Operation.Type, _ json: Foundation.Data) throws -> Operation.Data
    where Operation.Data: Encodable {
        let data = try JSONDecoder().decode(Operation.Data.self, from: json)
        let reencoded = try JSONEncoder().encode(data)
        #expect(try JSONDecoder().decode(JSONValue.self, from: reencoded) == JSONDecoder().decode(JSONValue.self, from: json))
        return data
    }

    @Test func queryWithFragmentConditionsAndNestedTypesDecodesAndEncodesBack() async throws {
        let json = try await Self.execute(GetBatchQuery(id: "b1", withRows: true), root: ["batch": Self.batch])
        let data = try Self.decodeRoundTrip(GetBatchQuery.self, json)
        let batch = try #require(data.batch)
        #expect(batch.batchFields.id == "b1")
        #expect(batch.batchFields.status == .submitted)
        #expect(batch.batchFields.uuid == "5a4db0c0-0000-4000-8000-00000000f11e")
        #expect(batch.batchFields.meta == ["source": "csv"])
        #expect(batch.tags == [["a", "b"], []])
        #expect(batch.rows?.map(\.valid) == [true, false])
        #expect(batch.workspace?.workspaceName == "Main")
        #expect(batch.workspace?.type.name == "team")
    }

    @Test func includeAndSkipLeaveTheirFieldsNil() async throws {
        let query = GetBatchQuery(id: "b1", withRows: false, skipWorkspace: true)
        let json = try await Self.execute(query, root: ["batch": Self.batch])
        let data = try Self.decodeRoundTrip(GetBatchQuery.self, json)
        #expect(data.batch?.rows == nil)
        #expect(data.batch?.workspace == nil)
        #expect(data.batch?.name == "March import")
    }

    @Test func listsOfObjectsDecodeFromExecutedResponses() async throws {
        let json = try await Self.execute(ListBatchesQuery(status: .value(.submitted)), root: ["batches": [Self.batch, Self.batch]])
        let data = try Self.decodeRoundTrip(ListBatchesQuery.self, json)
        #expect(data.batches.map(\.id) == ["b1", "b1"])
        #expect(data.batches.first?.rows.map(\.index) == [0, 1])
    }

    @Test func aliasesThatAreKeywordsNameTheProperty() async throws {
        let json = try await Self.execute(AllBatchesQuery(), root: ["batches": [Self.batch]])
        let data = try Self.decodeRoundTrip(AllBatchesQuery.self, json)
        #expect(data.batches.first?.default == "March import")
    }

    @Test func mutationsSendEnumsAndRecursiveInputs() async throws {
        let update = UpdateBatchMutation(id: "b1", status: .cancelled, note: "by test")
        let json = try await Self.execute(update, root: ["updateBatch": ["id": "b1", "status": "CANCELLED"] as [String: any Sendable]])
        let data = try Self.decodeRoundTrip(UpdateBatchMutation.self, json)
        #expect(data.updateBatch?.status == .case(.cancelled))

        let nested = TestSchema.Condition(field: "a", next: .value(.init(condition: .value(.init(field: "b")))))
        let evaluate = EvaluateMutation(condition: .value(nested))
        let evaluated = try await Self.execute(evaluate, root: ["evaluate": true])
        #expect(try Self.decodeRoundTrip(EvaluateMutation.self, evaluated).evaluate)
        let variables = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(evaluate.variables))
        #expect(variables == ["condition": ["field": "a", "next": ["condition": ["field": "b"]]]])
    }
}
