/// Which variables of a document page through a list by offset, as Flatfile's list fields do
/// (`getFinalDatabaseView(skip:limit:)`, `getBatches(skip:take:)`, `getSchemas(offset:limit:)`).
///
/// ```swift
/// let paging = OffsetPaging(rootField: "getFinalDatabaseView", offsetVariable: "skip", limitVariable: "limit")
/// for try await page in client.pages(document: text, variables: ["batchId": "…"], paging: paging) {
///     for row in page.items { print(row) }
/// }
/// ```
public struct OffsetPaging: Sendable, Hashable {
    /// The response key of the paged root field.
    public var rootField: String
    /// The variable bound to the field's offset argument (`skip` or `offset`).
    public var offsetVariable: String
    /// The variable bound to the field's page-size argument (`limit` or `take`).
    public var limitVariable: String
    /// The page size used when the variables do not set one.
    public var defaultPageSize: Int

    public init(rootField: String, offsetVariable: String, limitVariable: String, defaultPageSize: Int = 1000) {
        self.rootField = rootField
        self.offsetVariable = offsetVariable
        self.limitVariable = limitVariable
        self.defaultPageSize = defaultPageSize
    }
}

/// One page of a paged list: its items and where it sits.
public struct OffsetPage: Sendable {
    /// The whole response of this page's request.
    public var response: GraphQLResponse
    /// The list items of this page.
    public var items: [JSONValue]
    /// The offset this page was requested at.
    public var offset: Int
    /// How many items the whole list has, when the response says (`totalRows`, `totalCount`, `pagination.totalCount`).
    public var total: Int?
}

/// Reading a page's items, total and next offset from Flatfile's paged shapes.
///
/// The root field's value holds one list of items (`rows`, `data`, …) and optionally the total
/// (`totalRows`, `totalCount`, `pagination.totalCount`) and the next offset (`pagination.nextOffset`).
enum OffsetPageShape {
    static func items(in field: JSONObject) -> [JSONValue]? {
        let lists = field.compactMap { _, value in value.arrayValue }
        return lists.count == 1 ? lists[0] : nil
    }

    static func total(in field: JSONObject) -> Int? {
        field["totalRows"]?.intValue ?? field["totalCount"]?.intValue
            ?? field["pagination"]?["totalCount"]?.intValue
    }

    /// `.some(nil)` when the response says there is no next page; `nil` when it does not say.
    static func nextOffset(in field: JSONObject) -> Int?? {
        guard let pagination = field["pagination"]?.objectValue, pagination.contains(key: "nextOffset") else {
            return nil
        }
        return .some(pagination["nextOffset"]?.intValue)
    }
}

/// The pages of a raw document, fetched one at a time as the caller iterates, so memory holds one page.
///
/// Paging stops at the first of: the response's `pagination.nextOffset` is null; the offset reaches the total; a
/// page comes back shorter than the page size. A page with GraphQL errors is delivered (with its items, if any) and
/// ends the sequence, so a caller never loops on a failing request.
public struct OffsetPages: AsyncSequence, Sendable {
    public typealias Element = OffsetPage

    let client: GraphQLClient
    let document: String
    let operationName: String?
    let variables: JSONObject
    let paging: OffsetPaging

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let pages: OffsetPages
        private var nextOffset: Int?

        init(pages: OffsetPages) {
            self.pages = pages
            nextOffset = pages.variables[pages.paging.offsetVariable]?.intValue ?? 0
        }

        public mutating func next() async throws(GraphQLClientError) -> OffsetPage? {
            guard let offset = nextOffset else { return nil }
            nextOffset = nil
            let paging = pages.paging
            var variables = pages.variables
            let pageSize = variables[paging.limitVariable]?.intValue ?? paging.defaultPageSize
            variables[paging.offsetVariable] = .int(offset)
            variables[paging.limitVariable] = .int(pageSize)
            let response = try await pages.client.execute(
                document: pages.document, variables: variables, operationName: pages.operationName)
            guard let field = response.data?[paging.rootField]?.objectValue else {
                if response.errors.isEmpty {
                    throw .decoding(DecodingFailure(
                        path: "data.\(paging.rootField)",
                        message: "the paged field is missing or not an object, so its pages cannot be read"))
                }
                return OffsetPage(response: response, items: [], offset: offset, total: nil)
            }
            guard let items = OffsetPageShape.items(in: field) else {
                throw .decoding(DecodingFailure(
                    path: "data.\(paging.rootField)",
                    message: "expected exactly one list of items in the paged field (such as rows or data)"))
            }
            let total = OffsetPageShape.total(in: field)
            if response.errors.isEmpty, !items.isEmpty {
                switch OffsetPageShape.nextOffset(in: field) {
                case .some(.some(let next)) where next > offset: nextOffset = next
                case .some: break  // null, or a server that does not move forward: stop rather than loop.
                case .none:
                    let following = offset + items.count
                    if let total { if following < total { nextOffset = following } }
                    else if items.count >= pageSize { nextOffset = following }
                }
            }
            return OffsetPage(response: response, items: items, offset: offset, total: total)
        }
    }
}

extension GraphQLClient {
    /// The pages of a document whose root field pages by offset, fetched lazily as you iterate.
    ///
    /// ```swift
    /// let paging = OffsetPaging(rootField: "getBatches", offsetVariable: "skip", limitVariable: "take")
    /// var ids: [String] = []
    /// for try await page in client.pages(document: text, variables: ["licenseKey": "…"], paging: paging) {
    ///     ids += page.items.compactMap { $0["id"]?.stringValue }
    /// }
    /// ```
    public func pages(
        document: String, operationName: String? = nil, variables: JSONObject = JSONObject(), paging: OffsetPaging
    ) -> OffsetPages {
        OffsetPages(client: self, document: document, operationName: operationName, variables: variables, paging: paging)
    }
}
