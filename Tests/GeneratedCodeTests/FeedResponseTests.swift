import Foundation
import GraphQL
import Testing

@testable import FlatfileGraphQL

/// The shapes a server can grow into without breaking generated code: members added to a union, fragments under
/// `@include`/`@skip`, fragment fields read from the parent, and `@oneOf` inputs that only accept valid values.
@Suite struct FeedResponseTests {
    private func decode<Operation: GraphQLOperation>(_: Operation.Type, _ json: String) throws -> Operation.Data {
        try JSONDecoder().decode(Operation.Data.self, from: Data(json.utf8))
    }

    // MARK: Abstract types

    @Test func aFieldSelectedThroughAnInterfaceOnAUnionStaysInThatInterfacesView() throws {
        let data = try decode(FeedQuery.self, """
            {"feed": [
              {"__typename": "Post", "likeCount": 3, "title": "Hello"},
              {"__typename": "Photo", "likeCount": 5}
            ]}
            """)
        #expect(data.feed.map { $0.asLikeable?.likeCount } == [3, 5])
        #expect(data.feed.map { $0.asPost?.title } == ["Hello", nil])
    }

    @Test func aUnionMemberAddedAfterGenerationDecodesWithEveryViewNil() throws {
        let data = try decode(FeedQuery.self, #"{"feed": [{"__typename": "Video"}]}"#)
        let video = try #require(data.feed.first)
        #expect(video.__typename == "Video")
        #expect(video.asLikeable == nil && video.asPost == nil)
    }

    @Test func aViewWhoseTypenameMatchesMustDecode() throws {
        #expect(throws: DecodingError.self) {
            try decode(FeedQuery.self, #"{"feed": [{"__typename": "Post", "likeCount": "many", "title": "Hello"}]}"#)
        }
    }

    @Test func anInterfaceFieldOnAUnionThatEveryMemberHasIsStillAView() throws {
        // Every SearchResult member is a Node today; a member added tomorrow need not be.
        let data = try decode(SearchQuery.self, #"{"search": [{"__typename": "Robot"}]}"#)
        #expect(data.search.first?.asNode == nil)
    }

    // MARK: Fragments under @include / @skip

    @Test func anIncludedFragmentDecodesAndASkippedOneIsNil() throws {
        let included = try decode(FeedDetailsQuery.self, """
            {"feed": [{"__typename": "Post", "id": "p1", "title": "Hello", "body": null}, {"__typename": "Photo", "url": "u"}]}
            """)
        #expect(included.feed[0].postSummary?.title == "Hello")
        #expect(included.feed[1].asPhoto?.url == "u")

        let skipped = try decode(FeedDetailsQuery.self, #"{"feed": [{"__typename": "Post"}, {"__typename": "Photo"}]}"#)
        #expect(skipped.feed[0].postSummary == nil)
        #expect(skipped.feed[1].asPhoto == nil)
    }

    @Test func anIncludedFragmentWithBadDataThrowsWithItsPathInsteadOfBecomingNil() throws {
        let error = try #require(throws: DecodingError.self) {
            try decode(FeedDetailsQuery.self, #"{"feed": [{"__typename": "Post", "id": "p1", "title": 7}]}"#)
        }
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("expected a type mismatch, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["feed", "Index 0", "title"])
    }

    // MARK: Fragment fields on the parent

    @Test func fragmentFieldsAreReadableOnTheParentAndThroughTheFragment() throws {
        let data = try decode(PostByKeyQuery.self, #"{"post": {"id": "p1", "title": "Hello", "body": "Hi", "likeCount": 2}}"#)
        let post = try #require(data.post)
        #expect(post.id == "p1" && post.title == "Hello" && post.body == "Hi")
        #expect(post.postSummary.id == post.id)
        #expect(post.likeCount == 2)
        let passed: PostSummary = post.postSummary
        #expect(passed.title == "Hello")
    }

    @Test func fieldsOfAFragmentOnANarrowerTypeAreOptionalOnTheParent() throws {
        let data = try decode(GetNodeQuery.self, """
            {"node": {"__typename": "Batch", "id": "b1", "status": "SUBMITTED", "uuid": "u", "meta": null, "createdAt": null}}
            """)
        let node = try #require(data.node)
        let status: GraphQLEnum<TestSchema.BatchStatus>? = node.status
        #expect(status == .case(.submitted))
        let workspace = try decode(GetNodeQuery.self, #"{"node": {"__typename": "Workspace", "id": "w1"}}"#)
        #expect(workspace.node?.status == nil)
    }

    // MARK: @oneOf inputs

    @Test func aOneOfInputIsAnEnumThatEncodesItsOneMember() async throws {
        let byId = PostByKeyQuery(key: .id("p1"))
        #expect(try JSONValueEncoder().encode(byId.variables) == ["key": ["id": "p1"]])
        let nested = PostByKeyQuery(key: .nested(.slug("hello")))
        #expect(try JSONValueEncoder().encode(nested.variables) == ["key": ["nested": ["slug": "hello"]]])

        // The executor accepts what the enum encodes.
        let variables = try JSONDecoder().decode([String: Map].self, from: JSONEncoder().encode(byId.variables))
        let post: [String: any Sendable] = ["id": "p1", "likeCount": 1, "title": "Hello", "body": "Hi"]
        let result = try await graphql(
            schema: ExecutedResponseTests.schema, request: PostByKeyQuery.document, rootValue: ["post": post],
            variableValues: variables)
        #expect(result.errors.isEmpty, "\(result.errors)")
    }
}
