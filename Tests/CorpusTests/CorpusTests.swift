import FlatfileGraphQL
import Foundation
import GraphQL
import Testing

/// How the newer server chooses types and enum values for a run of the corpus.
enum ServerMode: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// Any of the server's types and values, old and new alike.
    case mixed
    /// Only types the client knows wherever a field allows one, and added enum values wherever an enum has one.
    case knownTypes
    /// Added types and added enum values wherever the field allows one.
    case newest

    var preferences: NewerServer.Preferences {
        switch self {
        case .mixed: .none
        case .knownTypes: .init(typeNames: NewerServer.clientObjectTypeNames, enumValues: Self.addedValues)
        case .newest: .init(typeNames: NewerServer.addedTypeNames, enumValues: Self.addedValues)
        }
    }

    static let addedValues = Set(NewerServer.addedEnumValues.map(valueName))

    static func valueName(_ qualified: String) -> String { String(qualified.split(separator: ".").last ?? "") }

    var testDescription: String { rawValue }
}

/// The server's response to one operation: the `data` JSON as sent, and parsed.
struct Response {
    let json: Foundation.Data
    let value: JSONValue
}

/// Runs `operation` on the newer server; records an issue for every error in the result.
func respond(to operation: CorpusOperation, mode: ServerMode = .mixed) async throws -> Response {
    try await respond(to: operation, preferring: mode.preferences)
}

func respond(to operation: CorpusOperation, preferring preferences: NewerServer.Preferences) async throws -> Response {
    let result = try await NewerServer.execute(
        operation.document, variables: try operation.variables(), operationName: operation.name, preferring: preferences)
    #expect(result.errors.isEmpty, "\(operation.name): \(result.errors)")
    let json = try JSONEncoder().encode(try #require(result.data, "\(operation.name) has no data"))
    return Response(json: json, value: try JSONValue(parsing: json))
}

/// Executes a generated operation on the newer server and decodes the response into its `Data`.
func execute<Operation: GraphQLOperation>(
    _ operation: Operation, preferring preferences: NewerServer.Preferences = .none
) async throws -> (Operation.Data, Response) where Operation.Data: Encodable & Hashable {
    let response = try await respond(to: CorpusOperation(operation), preferring: preferences)
    return (try JSONDecoder().decode(Operation.Data.self, from: response.json), response)
}

@Suite struct TheCorpus {
    static let documents: [URL] = {
        let files = (try? FileManager.default.contentsOfDirectory(at: NewerServer.corpusFolder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "graphql" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }()

    /// The names of the definitions of one kind (`query`, `mutation`, `fragment`) in every document.
    static func definitions(_ keyword: String) throws -> [String] {
        try documents.flatMap { url in
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == "{" })
                return words.count > 1 && words[0] == keyword ? String(words[1]) : nil
            }
        }
    }

    @Test func theListNamesEveryOperationInTheDocuments() throws {
        let declared = try Self.definitions("query") + Self.definitions("mutation")
        #expect(Corpus.operations.map(\.name).sorted() == declared.sorted())
        #expect(Set(declared).count == declared.count, "operation names are unique")
    }

    @Test func hasAtLeastFortyOperationsAndFifteenFragmentsInFifteenFilesOrMore() throws {
        #expect(Corpus.operations.count >= 40)
        #expect(try Self.definitions("fragment").count >= 15)
        #expect(Self.documents.count >= 15)
        #expect(try Self.definitions("subscription").isEmpty)
    }

    @Test(arguments: Corpus.operations, ServerMode.allCases)
    func everyOperationRunsOnTheNewerServerWithoutErrors(_ operation: CorpusOperation, mode: ServerMode) async throws {
        let response = try await respond(to: operation, mode: mode)
        guard case .object(let data) = response.value else {
            Issue.record("\(operation.name): data is not an object")
            return
        }
        #expect(!data.isEmpty)
    }

    /// Both decoders give the same value, and Foundation's encoder writes it back as exactly the part of the
    /// response the client can account for (`ClientView`): all of it, unless a type the client has never heard of
    /// carries fields of an interface the client does not know it implements.
    @Test(arguments: Corpus.operations, ServerMode.allCases)
    func everyResponseDecodesWithBothDecodersAndEncodesBack(_ operation: CorpusOperation, mode: ServerMode) async throws {
        let response = try await respond(to: operation, mode: mode)
        let view = try ClientView(document: operation.document, operationName: operation.name, variables: operation.variables())
            .project(response.value)

        let foundation = try operation.foundationRoundTrip(response.json)
        expectSameJSON(foundation.reencoded, view, "\(operation.name) decoded by JSONDecoder")
        let fgql = try operation.jsonValueRoundTrip(response.value)
        expectSameJSON(fgql.reencoded, view, "\(operation.name) decoded by JSONValueDecoder")
        #expect(fgql.decoded == foundation.decoded)
    }

    /// Unknown enum values included: they decode as `.unknown` and encode back as they came.
    @Test(arguments: Corpus.operations)
    func responsesWithOnlyKnownTypesEncodeBackToTheServersJSON(_ operation: CorpusOperation) async throws {
        let response = try await respond(to: operation, mode: .knownTypes)
        expectSameJSON(try operation.foundationRoundTrip(response.json).reencoded, response.value, "\(operation.name) decoded by JSONDecoder")
        expectSameJSON(try operation.jsonValueRoundTrip(response.value).reencoded, response.value, "\(operation.name) decoded by JSONValueDecoder")
        let view = try ClientView(document: operation.document, operationName: operation.name, variables: operation.variables())
        #expect(JSONDifference.between(try view.project(response.value), response.value) == [], "the client can account for a response with known types")
    }

    @Test func theNewerServerSendsEveryAddedTypeAndEnumValueSomewhereInTheCorpus() async throws {
        var typeNames: Set<String> = []
        var strings: Set<String> = []
        func gather(_ value: JSONValue) {
            switch value {
            case .array(let items): items.forEach(gather)
            case .object(let object):
                for (key, member) in object {
                    if key == "__typename", let name = member.stringValue { typeNames.insert(name) }
                    gather(member)
                }
            case .string(let string): strings.insert(string)
            default: break
            }
        }
        // Added types where the server prefers them; added enum values where it prefers the types that have them.
        let whereValuesAre = NewerServer.Preferences(typeNames: NewerServer.typesWithAddedEnumValues, enumValues: ServerMode.addedValues)
        for operation in Corpus.operations {
            gather(try await respond(to: operation, mode: .newest).value)
            gather(try await respond(to: operation, preferring: whereValuesAre).value)
        }
        #expect(NewerServer.addedTypeNames.subtracting(typeNames).isEmpty, "never sent: \(NewerServer.addedTypeNames.subtracting(typeNames).sorted())")
        #expect(ServerMode.addedValues.subtracting(strings).isEmpty, "never sent: \(ServerMode.addedValues.subtracting(strings).sorted())")
    }
}

@Suite struct UnknownTypesAndValues {
    @Test func anUnknownUnionMemberDecodesWithEveryTypeCaseViewNil() async throws {
        let (data, response) = try await execute(SearchQuery(query: "spring"), preferring: .init(typeNames: ["Hashtag"]))
        #expect(!data.search.isEmpty)
        for result in data.search {
            #expect(result.__typename == "Hashtag")
            #expect(result.asActor == nil && result.asUser == nil && result.asOrganization == nil)
            #expect(result.asPost == nil && result.asProduct == nil)
        }
        #expect(response.value["search"]?[0]?["id"] != nil, "a Hashtag is a Node: the server sends its id")
    }

    @Test func aNewUnionMemberThatIsNoNodeDecodesFromItsTypenameAlone() async throws {
        let (data, response) = try await execute(SearchQuery(query: "spring"), preferring: .init(typeNames: ["SearchSuggestion"]))
        #expect(data.search.map(\.__typename).allSatisfy { $0 == "SearchSuggestion" })
        #expect(response.value["search"]?[0] == ["__typename": "SearchSuggestion"])
    }

    @Test func anUnknownTypeInAFragmentOnAUnionLeavesEveryCaseNil() async throws {
        let (data, _) = try await execute(PostAttachmentsQuery(id: "post_1"), preferring: .init(typeNames: ["Sticker"], nulls: false))
        let attachments = try #require(data.post).attachments.map(\.attachmentView_attachment)
        #expect(!attachments.isEmpty)
        for attachment in attachments {
            #expect(attachment.__typename == "Sticker")
            #expect(attachment.asMedia == nil && attachment.asLinkPreview == nil && attachment.asPoll == nil)
        }
    }

    @Test func aNewMediaTypeDropsTheMediaFieldsTheClientCannotPlace() async throws {
        let operation = PostAttachmentsQuery(id: "post_1")
        let (data, response) = try await execute(operation, preferring: .init(typeNames: ["LiveStream"], nulls: false))
        let sent = try #require(response.value["post"]?["attachments"]?[0])
        #expect(sent["url"] != nil, "the server knows a LiveStream is Media")
        let attachment = try #require(data.post?.attachments.first?.attachmentView_attachment)
        #expect(attachment.__typename == "LiveStream")
        #expect(attachment.asMedia == nil, "the client does not")
        let reencoded = try JSONValue(parsing: JSONEncoder().encode(data))
        #expect(reencoded["post"]?["attachments"]?[0] == ["__typename": "LiveStream"])
    }

    @Test func anUnknownActorKeepsTheFieldsSelectedOnTheInterface() async throws {
        let (data, _) = try await execute(FollowMutation(actorId: "bot_1"), preferring: .init(typeNames: ["Bot"], nulls: false))
        let badge = data.follow.actor.actorBadge_actor
        #expect(badge.__typename == "Bot")
        #expect(badge.id.hasPrefix("bot_"))
        #expect(badge.actorAvatar_actor.login.hasPrefix("login "))
        #expect(badge.asUser == nil && badge.asOrganization == nil)
    }

    @Test func anUnknownEnumValueDecodesAsUnknown() async throws {
        let (data, _) = try await execute(SettingsQuery(), preferring: .init(enumValues: ["HIGH_CONTRAST", "SECURITY_ALERT"]))
        let settings = data.settings.settingsFields
        #expect(settings.theme == .unknown("HIGH_CONTRAST"))
        #expect(settings.theme.value == nil)
        #expect(!settings.mutedReasons.isEmpty)
        #expect(settings.mutedReasons.allSatisfy { $0 == .unknown("SECURITY_ALERT") })
    }

    @Test func knownAndUnknownEnumValuesMixInOneList() async throws {
        let (data, _) = try await execute(OrderDetailQuery(number: 1042), preferring: .init(nulls: false))
        let history = try #require(data.order).history
        let (known, unknown) = (history.compactMap(\.value), history.filter { $0.value == nil })
        #expect(known.count + unknown.count == history.count)
        let (newest, _) = try await execute(OrderDetailQuery(number: 1042), preferring: .init(enumValues: ["ON_HOLD"], nulls: false))
        #expect(try #require(newest.order).history.allSatisfy { $0 == .unknown("ON_HOLD") && $0.rawValue == "ON_HOLD" })
    }

    @Test func aNewResultTypeOfAMutationDecodesWithItsTypenameOnly() async throws {
        let input = Murmur.PlaceOrderInput(
            lines: [Murmur.OrderLineInput(productId: "product_1")],
            shippingAddress: Murmur.AddressInput(line1: "1 Main St", city: "Springfield", postalCode: "12345"))
        let (data, _) = try await execute(PlaceOrderMutation(input: input), preferring: .init(typeNames: ["FraudReview"]))
        #expect(data.placeOrder.__typename == "FraudReview")
        #expect(data.placeOrder.asPlacedOrder == nil && data.placeOrder.asPaymentDeclined == nil && data.placeOrder.asOutOfStock == nil)
    }
}

@Suite struct ConditionalFields {
    static let everything = NewerServer.Preferences(nulls: false)

    @Test func skipLeavesTheCommentsNil() async throws {
        let (skipped, response) = try await execute(PostDetailQuery(id: "post_1", skipComments: .value(true)), preferring: Self.everything)
        #expect(try #require(skipped.post).comments == nil)
        #expect(response.value["post"]?["comments"] == nil, "the server leaves the member out")

        let (shown, _) = try await execute(PostDetailQuery(id: "post_1"), preferring: Self.everything)
        #expect(try #require(shown.post).comments != nil, "the variable's default is false")
    }

    @Test func includeInAFragmentFollowsTheOperationsVariable() async throws {
        func comments(_ withComments: GraphQLNullable<Bool>) async throws -> [Bool] {
            let (data, _) = try await execute(HomeFeedQuery(withComments: withComments), preferring: .init(typeNames: ["Post"], nulls: false))
            return data.feed.edges.compactMap { $0.node.feedPost_post.map { $0.comments != nil } }
        }
        #expect(try await comments(.value(true)).allSatisfy { $0 })
        #expect(try await comments(.absent).allSatisfy { !$0 }, "the variable's default is false")
        #expect(try await !comments(.absent).isEmpty)
    }

    @Test func includeWithARequiredVariable() async throws {
        let (hidden, _) = try await execute(UserProfileQuery(login: "ada", withFollowers: false), preferring: Self.everything)
        #expect(try #require(hidden.user).followers == nil)
        let (shown, _) = try await execute(UserProfileQuery(login: "ada", withFollowers: true), preferring: Self.everything)
        #expect(try #require(shown.user).followers?.userList_connection.totalCount != nil)
    }

    @Test func includeOnAListOfLists() async throws {
        let (hidden, _) = try await execute(ProductDetailQuery(id: "product_1", withSizeChart: .value(false)), preferring: Self.everything)
        #expect(try #require(hidden.product).sizeChart == nil)
        let (shown, _) = try await execute(ProductDetailQuery(id: "product_1"), preferring: Self.everything)
        let chart = try #require(shown.product?.sizeChart)
        #expect(!chart.isEmpty && chart.allSatisfy { !$0.isEmpty })
    }
}

@Suite struct Shapes {
    @Test func oneResponseKeyWithDifferentArgumentsUnderExclusiveTypes() async throws {
        let (post, _) = try await execute(ContentReactionsQuery(id: "post_1"), preferring: .init(typeNames: ["Post"]))
        #expect(post.node?.asPost?.reactions.totalCount != nil && post.node?.asComment == nil)
        let (comment, _) = try await execute(ContentReactionsQuery(id: "comment_1"), preferring: .init(typeNames: ["Comment"]))
        #expect(comment.node?.asComment?.reactions.totalCount != nil && comment.node?.asPost == nil)
    }

    @Test func differentArgumentsUnderTheSameFieldsOfExclusiveTypes() async throws {
        let (post, _) = try await execute(ThreadAvatarsQuery(id: "post_1"), preferring: .init(typeNames: ["Post"], nulls: false))
        #expect(try #require(post.node?.asPost?.author).avatarUrl.hasSuffix("?size=64"))
        let (comment, _) = try await execute(ThreadAvatarsQuery(id: "comment_1"), preferring: .init(typeNames: ["Comment"], nulls: false))
        #expect(try #require(comment.node?.asComment?.author).avatarUrl.hasSuffix("?size=32"))
        let (actor, _) = try await execute(ActorAvatarsQuery(login: "acme"), preferring: .init(typeNames: ["Organization"]))
        #expect(try #require(actor.actor?.asOrganization).avatarUrl.hasSuffix("?size=256"))
    }

    @Test func listsOfListsWithNullItemsDecode() async throws {
        let (data, response) = try await execute(PostGalleryQuery(id: "post_1"), preferring: .init(typeNames: ["Post"], nulls: false))
        let gallery = try #require(data.node?.asPost?.gallery)
        #expect(!gallery.isEmpty)
        #expect(gallery.flatMap { $0 }.allSatisfy { $0?.photoThumb_photo.url.hasPrefix("https://") == true })
        #expect(response.value["node"]?["gallery"]?.arrayValue?.count == gallery.count)
    }

    /// Written out: GraphQL 4.3.0's executor cannot send a null item in a list of objects.
    @Test func nullItemsInListsOfObjectsDecodeAndEncodeBack() throws {
        let photo: JSONValue = [
            "id": "photo_1", "url": "https://murmur.example/p/1", "altText": nil, "filter": "DUOTONE",
            "dimensions": ["width": 4, "height": 3],
        ]
        let gallery: JSONValue = ["node": ["__typename": "Post", "gallery": [[nil, photo], []]]]
        let galleryJSON = Array(gallery.jsonString().utf8)
        let decoded = try JSONDecoder().decode(PostGalleryQuery.Data.self, from: Foundation.Data(galleryJSON))
        #expect(try JSONValueDecoder().decode(PostGalleryQuery.Data.self, from: gallery) == decoded)
        let rows = try #require(decoded.node?.asPost?.gallery)
        #expect(rows.map(\.count) == [2, 0])
        #expect(rows[0][0] == nil)
        #expect(rows[0][1]?.photoThumb_photo.filter == .unknown("DUOTONE"))
        expectSameJSON(try JSONValue(parsing: JSONEncoder().encode(decoded)), gallery, "gallery")

        let video: JSONValue = [
            "node": [
                "__typename": "Video", "id": "video_1", "url": "https://murmur.example/v/1", "dimensions": nil,
                "durationSeconds": 30, "thumbnails": [], "captions": [nil, ["language": "en", "url": "https://murmur.example/c/en"]],
            ],
        ]
        let media = try JSONValueDecoder().decode(MediaQuery.Data.self, from: video)
        #expect(media.node?.asMedia?.asVideo?.captions.map { $0?.language } == [nil, "en"])
        expectSameJSON(try JSONValue(parsing: JSONEncoder().encode(media)), video, "video")
    }

    @Test func aFieldNamedDataAndKeywordFieldsDecode() async throws {
        let (page, _) = try await execute(PostsPageQuery(), preferring: .init(nulls: false))
        #expect(!page.posts.data.isEmpty)
        let (addresses, _) = try await execute(ViewerAddressesQuery())
        #expect(addresses.viewer.addresses.allSatisfy { [true, false].contains($0.addressFields.default) })
        let (webhooks, _) = try await execute(WebhooksQuery(), preferring: .init(enumValues: ["GRPC"]))
        #expect(webhooks.webhooks.allSatisfy { $0.protocol == .unknown("GRPC") })
    }

    @Test func aliasesNameTheProperties() async throws {
        let (explore, response) = try await execute(ExploreQuery())
        #expect(explore.newest.edges.count == response.value["newest"]?["edges"]?.arrayValue?.count)
        #expect(explore.cheapest.edges.allSatisfy { !$0.node.price.isEmpty })
        #expect(!explore.trending.isEmpty)
        let (typenames, _) = try await execute(SearchTypenamesQuery(query: "spring"))
        #expect(typenames.results.allSatisfy { !$0.kind.isEmpty })
    }
}
