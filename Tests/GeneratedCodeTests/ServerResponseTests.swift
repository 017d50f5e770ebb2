import Foundation
import Testing

@testable import FlatfileGraphQL

/// Responses no executor over this schema produces but a newer server may send (types and enum values added after
/// the code was generated), and answers written out by hand to pin the exact wire shape.
@Suite struct ServerResponseTests {
    private func decode<Operation: GraphQLOperation>(_: Operation.Type, _ json: String) throws -> Operation.Data
    where Operation.Data: Encodable {
        let data = try JSONDecoder().decode(Operation.Data.self, from: Data(json.utf8))
        let reencoded = try JSONEncoder().encode(data)
        #expect(try JSONDecoder().decode(JSONValue.self, from: reencoded) == JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)))
        return data
    }

    @Test func unionResultsPickTheirViewByTypename() throws {
        let data = try decode(SearchQuery.self, """
            {"search": [
              {"__typename": "Batch", "id": "b1", "status": "EVALUATE"},
              {"__typename": "Workspace", "id": "w1", "workspaceName": "Main", "owner": {"email": "a@example.com"}},
              {"__typename": "User", "id": "u1", "email": null, "default": "x", "class": 3, "self": true}
            ]}
            """)
        let (batch, workspace, user) = (data.search[0], data.search[1], data.search[2])
        #expect(batch.asBatch?.status == .case(.evaluate))
        #expect(batch.asWorkspace == nil && batch.userFields == nil)
        #expect(workspace.asWorkspace?.owner?.email == "a@example.com")
        #expect(workspace.asBatch == nil)
        #expect(user.userFields?.class == 3)
        #expect(user.userFields?.`self` == true)
        #expect(user.asNode?.id == "u1")
    }

    @Test func anUnknownTypenameDecodesWithEveryViewNil() throws {
        let data = try decode(SearchQuery.self, #"{"search": [{"__typename": "Robot"}]}"#)
        let robot = try #require(data.search.first)
        #expect(robot.__typename == "Robot")
        #expect(robot.asNode == nil && robot.asBatch == nil && robot.asWorkspace == nil && robot.userFields == nil)
    }

    @Test func anUnknownEnumValueIsKept() throws {
        let data = try decode(SearchQuery.self, #"{"search": [{"__typename": "Batch", "id": "b1", "status": "ARCHIVED"}]}"#)
        #expect(data.search.first?.asBatch?.status == .unknown("ARCHIVED"))
        #expect(data.search.first?.asBatch?.status.value == nil)
    }

    @Test func fragmentsOnANarrowerTypeAndConditionalTypeCases() throws {
        let batch = try decode(GetNodeQuery.self, """
            {"node": {"__typename": "Batch", "id": "b1", "status": "SUBMITTED", "uuid": "u", "meta": null, "createdAt": null}}
            """)
        #expect(batch.node?.batchFields?.status == .case(.submitted))
        #expect(batch.node?.asWorkspace == nil)

        let hidden = try decode(GetNodeQuery.self, #"{"node": {"__typename": "Workspace", "id": "w1"}}"#)
        #expect(hidden.node?.asWorkspace == nil)
        let shown = try decode(GetNodeQuery.self, #"{"node": {"__typename": "Workspace", "id": "w1", "name": "Main"}}"#)
        #expect(shown.node?.asWorkspace?.name == "Main")
        #expect(shown.node?.batchFields == nil)
    }

    @Test func operationsDescribeThemselves() {
        #expect(SearchQuery.operationName == "Search")
        #expect(SearchQuery.operationType == .query)
        #expect(UpdateBatchMutation.operationType == .mutation)
        #expect(BatchUpdatedSubscription.operationType == .subscription)
        #expect(SearchQuery.document.hasSuffix("fragment UserFields on User {\n  email\n  default\n  class\n  self\n}"))
        #expect(GetNodeQuery.document.contains("node(id: $id) {\n    __typename\n"))
        #expect(SearchQuery.operationIdentifier.count == 64)
        #expect(AllBatchesQuery().variables == NoVariables())
    }

    @Test func variablesLeaveAbsentValuesOutAndSendNulls() throws {
        let filter = TestSchema.RowFilter(not: .value(.init(valid: true)), text: nil, minIndex: 2)
        let query = ListBatchesQuery(filter: .value(filter))
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(query.variables))
        #expect(json == ["filter": ["not": ["valid": true], "text": nil, "minIndex": 2]])
        #expect(query.variables.status == .absent)
    }
}
