/// A generated query whose root field pages by offset, so the client can read every page of it.
///
/// Conform a generated query once, naming its paging variables and the type of one list item; then
/// `client.pages(of:)` yields typed pages and `client.items(of:)` every item. `FlatfileQueries` conforms
/// `GetFinalDatabaseViewQuery`, `GetBatchesQuery`, `GetSchemasQuery`, `GetEmbedsQuery` and `FetchRowsWithSchemaQuery`.
///
/// ```swift
/// // query ListOrders($skip: Int, $take: Int) { orders(skip: $skip, take: $take) { items { id } totalCount } }
/// extension ListOrdersQuery: OffsetPagedQuery {
///     public typealias PageItem = ListOrdersQuery.Data.Orders.Item
///     public static let offsetPaging = OffsetPaging(rootField: "orders", offsetVariable: "skip", limitVariable: "take")
/// }
/// for try await order in client.items(of: ListOrdersQuery(take: 200)) { print(order.id) }
/// ```
public protocol OffsetPagedQuery: GraphQLQuery {
    /// One element of the paged list, decoded from each item of the root field's list.
    associatedtype PageItem: Decodable & Sendable
    /// The root field and the variables that page through it.
    static var offsetPaging: OffsetPaging { get }
}

/// One page of a typed query: its decoded data and where it sits.
public struct QueryPage<Query: GraphQLQuery>: Sendable {
    /// The page's `data`, decoded as the generated type.
    public var data: Query.Data
    /// The offset this page was requested at.
    public var offset: Int
    /// How many items the whole list has, when the response says.
    public var total: Int?
}

/// The pages of a typed query, fetched one at a time as the caller iterates (memory holds one page).
///
/// Paging follows the same rules as the raw `OffsetPages` it is built on (next offset, total, short page). Unlike
/// the raw pages, a page whose response has GraphQL errors throws `GraphQLClientError.graphQL`, as `fetch` does.
public struct OffsetQueryPages<Query: GraphQLQuery>: AsyncSequence, Sendable {
    public typealias Element = QueryPage<Query>
    public typealias Failure = GraphQLClientError

    let raw: Result<OffsetPages, GraphQLClientError>

    public func makeAsyncIterator() -> Iterator {
        Iterator(raw: RawPageReader(raw, operationName: Query.operationName))
    }

    public struct Iterator: AsyncIteratorProtocol {
        var raw: RawPageReader

        public mutating func next() async throws(GraphQLClientError) -> QueryPage<Query>? {
            guard let page = try await raw.next() else { return nil }
            let data = try decodeJSON(Query.Data.self, from: page.response.data ?? .null, root: "data")
            return QueryPage(data: data, offset: page.offset, total: page.total)
        }
    }
}

/// Every item of an offset-paged query, fetched a page at a time and decoded one item at a time as the caller
/// iterates (memory holds one raw page).
public struct OffsetQueryItems<Item: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    public typealias Failure = GraphQLClientError

    let raw: Result<OffsetPages, GraphQLClientError>
    let operationName: String
    let rootField: String

    public func makeAsyncIterator() -> Iterator {
        Iterator(raw: RawPageReader(raw, operationName: operationName), rootField: rootField)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var raw: RawPageReader
        let rootField: String
        private var page: [JSONValue] = []
        private var pageOffset = 0
        private var position = 0

        init(raw: RawPageReader, rootField: String) {
            self.raw = raw
            self.rootField = rootField
        }

        public mutating func next() async throws(GraphQLClientError) -> Item? {
            while position == page.count {
                guard let next = try await raw.next() else { return nil }
                page = next.items
                pageOffset = next.offset
                position = 0
            }
            defer { position += 1 }
            let root = "data.\(rootField)[item \(pageOffset + position)]"
            return try decodeJSON(Item.self, from: page[position], root: root)
        }
    }
}

/// Reads the raw pages under a typed sequence: reports a deferred setup error once, and turns a page with GraphQL
/// errors into a thrown `.graphQL` failure. Any failure ends the sequence, so a caller never loops on it.
struct RawPageReader {
    private var iterator: OffsetPages.Iterator?
    private var failure: GraphQLClientError?
    private let operationName: String

    init(_ raw: Result<OffsetPages, GraphQLClientError>, operationName: String) {
        self.operationName = operationName
        switch raw {
        case .success(let pages): iterator = pages.makeAsyncIterator()
        case .failure(let error): failure = error
        }
    }

    mutating func next() async throws(GraphQLClientError) -> OffsetPage? {
        if let failure {
            self.failure = nil
            throw failure
        }
        // The sequence ends at the first failure: the iterator is put back only after a page without errors.
        guard var current = iterator else { return nil }
        iterator = nil
        guard let page = try await current.next() else { return nil }
        guard page.response.errors.isEmpty else {
            throw .graphQL(GraphQLErrorsFailure(
                errors: page.response.errors, data: page.response.data, extensions: page.response.extensions,
                operationName: operationName))
        }
        iterator = current
        return page
    }
}

extension GraphQLClient {
    /// The typed pages of `query`, whose root field pages by offset as `paging` says; the query's own offset and
    /// page size are where paging starts and how big each page is.
    ///
    /// ```swift
    /// let paging = OffsetPaging(rootField: "getBatches", offsetVariable: "skip", limitVariable: "take")
    /// for try await page in client.pages(of: GetBatchesQuery(licenseKey: key, take: 20), paging: paging) {
    ///     print(page.offset, page.data.getBatches?.data?.count ?? 0)
    /// }
    /// ```
    public func pages<Query: GraphQLQuery>(of query: Query, paging: OffsetPaging) -> OffsetQueryPages<Query> {
        OffsetQueryPages(raw: rawPages(of: query, paging: paging))
    }

    /// The typed pages of a query that knows its paging.
    ///
    /// ```swift
    /// for try await page in client.pages(of: GetFinalDatabaseViewQuery(batchId: .value(id), limit: 500)) {
    ///     let rows = try [FlatfileRow](json: page.data.getFinalDatabaseView?.rows)
    /// }
    /// ```
    public func pages<Query: OffsetPagedQuery>(of query: Query) -> OffsetQueryPages<Query> {
        pages(of: query, paging: Query.offsetPaging)
    }

    /// Every item of `query`'s paged list, decoded as `Item`, across all pages.
    ///
    /// ```swift
    /// let paging = OffsetPaging(rootField: "getSchemas", offsetVariable: "offset", limitVariable: "limit")
    /// for try await schema in client.items(of: GetSchemasQuery(teamId: "1001"), as: Template.self, paging: paging) { … }
    /// ```
    public func items<Query: GraphQLQuery, Item: Decodable & Sendable>(
        of query: Query, as itemType: Item.Type = Item.self, paging: OffsetPaging
    ) -> OffsetQueryItems<Item> {
        OffsetQueryItems(
            raw: rawPages(of: query, paging: paging), operationName: Query.operationName, rootField: paging.rootField)
    }

    /// Every item of a query that knows its paging, across all pages.
    ///
    /// ```swift
    /// for try await batch in client.items(of: GetBatchesQuery(licenseKey: key, take: 100)) { print(batch.id) }
    /// ```
    public func items<Query: OffsetPagedQuery>(of query: Query) -> OffsetQueryItems<Query.PageItem> {
        items(of: query, as: Query.PageItem.self, paging: Query.offsetPaging)
    }

    /// The raw pages of a typed query: its document and encoded variables. A variables encoding failure is kept
    /// for the first `next()`, so building the sequence never throws.
    private func rawPages<Query: GraphQLQuery>(of query: Query, paging: OffsetPaging)
        -> Result<OffsetPages, GraphQLClientError>
    {
        do throws(GraphQLClientError) {
            let request = try GraphQLRequest(query)
            return .success(pages(
                document: request.query, operationName: request.operationName,
                variables: request.variables ?? JSONObject(), paging: paging))
        } catch {
            return .failure(error)
        }
    }
}
