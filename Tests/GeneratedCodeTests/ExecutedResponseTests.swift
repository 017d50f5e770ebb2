import Foundation
import GraphQL
import GraphQLExecution
import Testing

@testable import FlatfileGraphQL

/// Runs the generated operations' documents through the GraphQL library's executor (over the same schema they were
/// generated from), then decodes the responses into the generated types and encodes them back.
@Suite struct ExecutedResponseTests {
    /// Root values carry `__typename` where a union or interface needs it, as a resolver of a real server would.
    static let schema: GraphQLSchema = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("GraphQL/schema.graphqls")
        do {
            return try buildSchema(source: String(contentsOf: url, encoding: .utf8)).resolvingAbstractTypes()
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

    @Test func aListFieldNamedDataHasElementsOfTypeDatum() async throws {
        let page: [String: any Sendable] = ["total": 2, "data": [Self.batch, Self.batch]]
        let json = try await Self.execute(PagedBatchesQuery(take: .value(2)), root: ["batchPage": page])
        let data = try Self.decodeRoundTrip(PagedBatchesQuery.self, json)
        let items: [PagedBatchesQuery.Data.BatchPage.Datum] = data.batchPage.data
        #expect(items.map(\.name) == ["March import", "March import"])
        #expect(data.batchPage.total == 2)
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

    static let workspace: [String: any Sendable] = [
        "__typename": "Workspace", "id": "w1", "name": "Main", "type": ["name": "team"] as [String: any Sendable],
        "owner": ["id": "u1", "email": "owner@example.com"] as [String: any Sendable], "batches": [] as [any Sendable],
    ]
    static let user: [String: any Sendable] = [
        "__typename": "User", "id": "u1", "email": "owner@example.com", "default": "yes", "class": 3, "self": true,
    ]

    @Test func unionMembersDecodeIntoTheirOwnViews() async throws {
        var batch = Self.batch
        batch["__typename"] = "Batch"
        let json = try await Self.execute(SearchQuery(text: "m"), root: ["search": [batch, Self.workspace, Self.user]])
        let data = try Self.decodeRoundTrip(SearchQuery.self, json)
        #expect(data.search.map(\.__typename) == ["Batch", "Workspace", "User"])
        #expect(data.search.map { $0.asNode?.id } == ["b1", "w1", "u1"])
        let (first, second, third) = (data.search[0], data.search[1], data.search[2])
        #expect(first.asBatch?.status == .case(.submitted))
        #expect(first.asWorkspace == nil && first.userFields == nil)
        #expect(second.asWorkspace?.workspaceName == "Main")
        #expect(second.asWorkspace?.owner?.email == "owner@example.com")
        #expect(second.asBatch == nil && second.userFields == nil)
        #expect(third.userFields?.default == "yes")
        #expect(third.userFields?.class == 3)
        #expect(third.asBatch == nil && third.asWorkspace == nil)
    }

    @Test func aUnionValueWithoutTypenameIsAnErrorNamingTheField() async throws {
        var anonymous = Self.user
        anonymous["__typename"] = nil
        let result = try await graphql(
            schema: Self.schema, request: SearchQuery.document, rootValue: ["search": [Self.user, anonymous]],
            variableValues: ["text": "m"])
        let error = try #require(result.errors.first)
        #expect(error.message == "Cannot tell which SearchResult the value of search is: it has no __typename")
    }

    @Test func appsCanBuildResponseValuesThatEqualDecodedOnes() async throws {
        let json = try await Self.execute(SearchQuery(text: "m"), root: ["search": [Self.user]])
        let decoded = try Self.decodeRoundTrip(SearchQuery.self, json)
        let built = SearchQuery.Data(search: [
            .init(
                __typename: "User", userFields: UserFields(email: "owner@example.com", default: "yes", class: 3, self: true),
                asNode: .init(id: "u1"))
        ])
        #expect(built == decoded)
    }

    @Test func interfaceFieldsDecodeWithFragmentsAndConditionalTypeCases() async throws {
        var batch = Self.batch
        batch["__typename"] = "Batch"
        let batchNode = try Self.decodeRoundTrip(
            GetNodeQuery.self, try await Self.execute(GetNodeQuery(id: "b1", details: true), root: ["node": batch]))
        #expect(batchNode.node?.id == "b1")
        #expect(batchNode.node?.batchFields?.status == .case(.submitted))
        #expect(batchNode.node?.asWorkspace == nil)

        let shown = try Self.decodeRoundTrip(
            GetNodeQuery.self, try await Self.execute(GetNodeQuery(id: "w1", details: true), root: ["node": Self.workspace]))
        #expect(shown.node?.asWorkspace?.name == "Main")
        #expect(shown.node?.batchFields == nil)

        let hidden = try Self.decodeRoundTrip(
            GetNodeQuery.self, try await Self.execute(GetNodeQuery(id: "w1", details: false), root: ["node": Self.workspace]))
        #expect(hidden.node?.__typename == "Workspace")
        #expect(hidden.node?.asWorkspace == nil)
    }
}
