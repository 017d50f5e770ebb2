/// One page of a longer list, cut by offset and limit the way Flatfile's list queries page.
struct Page<Item: Sendable>: Sendable {
    let items: [Item]
    let total: Int
    let offset: Int
    let limit: Int

    /// Cuts `all` at `offset` (≥ 0) taking at most `limit` (≥ 0) items.
    init(_ all: [Item], offset: Int, limit: Int) {
        let start = min(offset, all.count)
        items = Array(all[start..<min(all.count, start + limit)])
        total = all.count
        self.offset = offset
        self.limit = limit
    }

    /// The offset of the following page, or nil when nothing follows.
    var nextOffset: Int? { offset + items.count < total ? offset + items.count : nil }

    /// The offset of the page before, or nil on the first page.
    var previousOffset: Int? { offset > 0 ? max(0, offset - limit) : nil }

    /// Checks paging arguments: a clear error instead of an empty or surprising page.
    static func validate(offset: Int, limit: Int, offsetName: String, limitName: String, maximumLimit: Int?)
        throws(SandboxDataError)
    {
        guard offset >= 0 else { throw .badInput("\(offsetName) must be 0 or more, got \(offset)") }
        guard limit >= 0 else { throw .badInput("\(limitName) must be 0 or more, got \(limit)") }
        if let maximumLimit, limit > maximumLimit {
            throw .badInput("\(limitName) must be at most \(maximumLimit), got \(limit); read more pages instead")
        }
    }
}
