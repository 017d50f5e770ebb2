import FlatfileGraphQL
import Foundation
import GraphQL
import Testing

/// One generated operation of the corpus with example variables, type-erased so that the tests can run every
/// operation the same way.
struct CorpusOperation: Sendable, CustomTestStringConvertible {
    let name: String
    let document: String
    let variables: @Sendable () throws -> [String: Map]
    /// Decodes response JSON into the operation's `Data` with Foundation's decoder and encodes it back.
    let foundationRoundTrip: @Sendable (Foundation.Data) throws -> RoundTrip
    /// Decodes a parsed response into the operation's `Data` with fgql's `JSONValueDecoder` and encodes it back.
    let jsonValueRoundTrip: @Sendable (JSONValue) throws -> RoundTrip

    /// A decoded `Data` (erased) and the JSON Foundation's encoder wrote for it.
    struct RoundTrip: Sendable {
        let decoded: AnyHashableBox
        let reencoded: JSONValue
    }

    init<Operation: GraphQLOperation>(_ operation: Operation) where Operation.Data: Encodable & Hashable {
        name = Operation.operationName
        document = Operation.document
        variables = {
            try JSONDecoder().decode([String: Map].self, from: JSONEncoder().encode(operation.variables))
        }
        foundationRoundTrip = { json in
            let data = try JSONDecoder().decode(Operation.Data.self, from: json)
            return RoundTrip(decoded: AnyHashableBox(data), reencoded: try JSONValue(parsing: JSONEncoder().encode(data)))
        }
        jsonValueRoundTrip = { value in
            let data = try JSONValueDecoder().decode(Operation.Data.self, from: value)
            return RoundTrip(decoded: AnyHashableBox(data), reencoded: try JSONValue(parsing: JSONEncoder().encode(data)))
        }
    }

    var testDescription: String { name }
}

/// `AnyHashable` is not `Sendable`; generated `Data` is both.
struct AnyHashableBox: Hashable, Sendable {
    let value: any Hashable & Sendable
    init(_ value: some Hashable & Sendable) { self.value = value }
    static func == (lhs: Self, rhs: Self) -> Bool { AnyHashable(lhs.value) == AnyHashable(rhs.value) }
    func hash(into hasher: inout Hasher) { hasher.combine(AnyHashable(value)) }
}

/// Every operation in the corpus's `.graphql` files, each with example variables. A document added without an
/// entry here fails `theListNamesEveryOperationInTheDocuments`.
enum Corpus {
    static let operations: [CorpusOperation] = [
        // Actor.graphql
        .init(ActorProfileQuery(login: "ada")),
        // Attachment.graphql
        .init(PostAttachmentsQuery(id: "post_1")),
        // AvatarSizes.graphql
        .init(ThreadAvatarsQuery(id: "post_1")),
        .init(NotificationAvatarsQuery(first: .value(5))),
        // Comments.graphql
        .init(CommentRepliesQuery(id: "comment_1", after: .value("cursor:9"))),
        .init(AddCommentMutation(postId: "post_1", body: "Nice!", inReplyTo: .value("comment_1"))),
        // Compose.graphql
        .init(CreatePostMutation(input: Murmur.CreatePostInput(
            title: "Spring", body: .value("Blossoms"), visibility: .value(.followers), tags: .value(["spring", "photo"]),
            attachments: .value([
                Murmur.AttachmentInput(mediaId: .value("photo_7")),
                Murmur.AttachmentInput(link: .value("https://example.org/a")),
            ]),
            schedule: .value(Murmur.ScheduleInput(publishAt: "2026-04-01T09:00:00Z")), clientMutationId: .value("m-1")))),
        .init(CreatePollPostMutation(title: "Lunch?", question: "Where to?", options: ["Pizza", "Ramen"])),
        .init(UpdatePostMutation(id: "post_1", title: .value("Spring, again"), pinned: .null)),
        .init(DeletePostMutation(id: "post_1")),
        .init(SchedulePostMutation(title: "Later", publishAt: "2026-05-01T08:00:00Z", timeZone: .value("Europe/Berlin"))),
        .init(VotePollMutation(pollId: "poll_1", optionIds: ["option_1", "option_2"])),
        // Explore.graphql
        .init(TrendingTagsQuery()),
        .init(ExploreQuery()),
        // Feed.graphql
        .init(HomeFeedQuery(withComments: .value(true), filter: .value(Murmur.FeedFilter(authors: .value(["user_1"]))))),
        .init(AnnouncementsQuery()),
        // Gallery.graphql
        .init(PostGalleryQuery(id: "post_1")),
        .init(MediaQuery(id: "video_1")),
        // Node.graphql
        .init(NodeByIdQuery(id: "post_1")),
        .init(NodesQuery(ids: ["photo_1", "poll_1", "video_1"])),
        // Notifications.graphql
        .init(NotificationsQuery(unreadOnly: .value(true))),
        .init(MarkNotificationsReadMutation(ids: .value(["notification_1"]))),
        .init(MarkAllNotificationsReadMutation()),
        // Orders.graphql
        .init(OrdersQuery()),
        .init(OrderDetailQuery(number: 1042)),
        .init(PlaceOrderMutation(input: Murmur.PlaceOrderInput(
            lines: [
                Murmur.OrderLineInput(productId: "product_1", variantId: .value("variant_2"), quantity: 2),
                Murmur.OrderLineInput(productId: "product_3"),
            ],
            shippingAddress: Murmur.AddressInput(line1: "1 Main St", city: "Springfield", postalCode: "12345"),
            billingAddress: .value(Murmur.AddressInput(
                line1: "2 Side St", line2: .value("Apt 4"), city: "Shelbyville", postalCode: "54321", country: "CA",
                default: .value(true))),
            couponCodes: .value(["SPRING"])))),
        .init(QuickBuyMutation(productId: "product_1")),
        .init(CancelOrderMutation(number: 1042)),
        // Overlaps.graphql
        .init(ContentReactionsQuery(id: "post_1")),
        .init(ActorAvatarsQuery(login: "ada")),
        // Post.graphql
        .init(PostDetailQuery(id: "post_1", order: .value(Murmur.CommentOrder(field: .createdAt)))),
        .init(PostsPageQuery(page: .value(2))),
        // Profile.graphql
        .init(UserProfileQuery(login: "ada", withFollowers: true, visibility: .value([.public, .followers]))),
        .init(FollowersQuery(login: "ada")),
        .init(FollowMutation(actorId: "user_2")),
        // Reactions.graphql
        .init(ReactMutation(subjectId: "post_1", kind: .love)),
        .init(UnreactMutation(subjectId: "post_1")),
        .init(ReactionUsersQuery(id: "post_1")),
        // Search.graphql
        .init(SearchQuery(query: "spring", filter: .value(Murmur.SearchFilter(
            kinds: .value([.posts, .people]),
            or: .value([Murmur.SearchFilter(author: .value("ada")), Murmur.SearchFilter(not: .value(Murmur.SearchFilter(since: .value("2026-01-01T00:00:00Z"))))]))))),
        .init(SearchPeopleQuery(query: "ada")),
        .init(SearchTypenamesQuery(query: "spring")),
        // Settings.graphql
        .init(SettingsQuery()),
        .init(UpdateSettingsMutation(theme: .value(.dark), muted: .value([.follow, .reaction]))),
        .init(UpdateLocaleMutation()),
        // Shop.graphql
        .init(ProductsQuery(sort: .value([Murmur.ProductSort(field: .price, direction: .value(.asc)), Murmur.ProductSort()]))),
        .init(ProductDetailQuery(id: "product_1")),
        .init(CategoriesQuery()),
        .init(ProductsByIdsQuery(ids: ["product_1", "variant_2"])),
        // Viewer.graphql
        .init(ViewerQuery()),
        .init(ViewerAddressesQuery()),
        // Webhooks.graphql
        .init(WebhooksQuery()),
        .init(RegisterWebhookMutation(input: Murmur.WebhookInput(
            url: "https://hooks.example.org/murmur", events: [.mention, .orderUpdate], secret: .value("s3cret")))),
    ]
}
