/// `{data: T}`: a single resource, and lists Flatfile does not page (events, guests, workbooks, sheets, roles,
/// secrets) — those send no `pagination`.
struct DataEnvelope<Payload: Encodable>: Encodable {
    let data: Payload
}

/// `{data: [T], pagination: {currentPage, pageCount, totalCount}}`: a counted list page.
struct PagedEnvelope<Item: Encodable & Sendable>: Encodable {
    struct Pagination: Encodable {
        let currentPage: Int
        let pageCount: Int
        let totalCount: Int
    }

    let data: [Item]
    let pagination: Pagination

    /// Page `number` (1-based) of `size` items of `all`.
    init(_ all: [Item], size: Int, number: Int) {
        let page = Page(all, offset: (number - 1) * size, limit: size)
        data = page.items
        pagination = Pagination(
            currentPage: number, pageCount: (all.count + size - 1) / size, totalCount: all.count)
    }
}

extension Array where Element: Sendable {
    /// Page `number` (1-based) of `size` items, for lists that carry no totals (events, records).
    func page(size: Int, number: Int) -> [Element] {
        Page(self, offset: (number - 1) * size, limit: size).items
    }
}
