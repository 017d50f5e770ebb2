// How the saved Flatfile queries page, and the typed records inside their JSON-valued fields.

extension GetFinalDatabaseViewQuery: OffsetPagedQuery {
    public typealias PageItem = FlatfileRow
    public static let offsetPaging = OffsetPaging(
        rootField: "getFinalDatabaseView", offsetVariable: "skip", limitVariable: "limit")
}

extension FetchRowsWithSchemaQuery: OffsetPagedQuery {
    public typealias PageItem = FlatfileRow
    public static let offsetPaging = OffsetPaging(
        rootField: "fetchRowsWithSchema", offsetVariable: "skip", limitVariable: "limit")
}

extension GetBatchesQuery: OffsetPagedQuery {
    public typealias PageItem = GetBatchesQuery.Data.GetBatches.Datum
    public static let offsetPaging = OffsetPaging(rootField: "getBatches", offsetVariable: "skip", limitVariable: "take")
}

extension GetSchemasQuery: OffsetPagedQuery {
    public typealias PageItem = GetSchemasQuery.Data.GetSchemas.Datum
    public static let offsetPaging = OffsetPaging(rootField: "getSchemas", offsetVariable: "offset", limitVariable: "limit")
}

extension GetEmbedsQuery: OffsetPagedQuery {
    public typealias PageItem = GetEmbedsQuery.Data.GetEmbeds.Datum
    public static let offsetPaging = OffsetPaging(rootField: "getEmbeds", offsetVariable: "offset", limitVariable: "limit")
}

extension GraphQLClient {
    /// Every record of a batch (or, without `batchId`, of every batch the credentials can see), in id order,
    /// fetched `pageSize` at a time with `getFinalDatabaseView` as you iterate: memory holds one page.
    ///
    /// ```swift
    /// import FlatfileQueries
    ///
    /// let client = GraphQLClient.flatfile(credentials: .accessKey(id: keyId, secret: secret))
    /// for try await row in client.rows(of: batchId, status: .submitted) {
    ///     print(row.id, row["email"] ?? "-")
    /// }
    /// ```
    public func rows(
        of batchId: String? = nil, status: FlatfileRecordStatus? = nil, pageSize: Int = 1000
    ) -> OffsetQueryItems<FlatfileRow> {
        items(of: GetFinalDatabaseViewQuery(
            batchId: batchId.map(GraphQLNullable.value) ?? .absent, limit: pageSize,
            status: status.map { .value($0.rawValue) } ?? .absent))
    }
}

extension GetFinalDatabaseViewQuery.Data.GetFinalDatabaseView {
    /// `rows` decoded as typed records; `rows` itself keeps the raw JSON.
    ///
    /// ```swift
    /// let page = try await client.fetch(GetFinalDatabaseViewQuery(batchId: .value(batchId), limit: 100))
    /// for row in try page.getFinalDatabaseView?.decodedRows() ?? [] { print(row.id, row.status) }
    /// ```
    public func decodedRows() throws(GraphQLClientError) -> [FlatfileRow] {
        try [FlatfileRow](json: rows)
    }
}

extension FetchRowsWithSchemaQuery.Data.FetchRowsWithSchema {
    /// The workbook records as `FlatfileRow`s (`_id` → `id`, `cells` → `data`, `validations` → `info`).
    public func decodedRows() throws(GraphQLClientError) -> [FlatfileRow] {
        try flatfileRows(from: rows)
    }
}

extension UpdateWorkbookRowsMutation.Data.UpdateWorkbookRows {
    /// The changed records as `FlatfileRow`s, with their fresh validation messages.
    public func decodedRows() throws(GraphQLClientError) -> [FlatfileRow] {
        try flatfileRows(from: rows)
    }
}

/// Generated workbook-record structs hold the same members as the JSON they came from, so they convert by
/// encoding back to that JSON.
private func flatfileRows(from rows: (some Encodable)?) throws(GraphQLClientError) -> [FlatfileRow] {
    guard let rows else { return [] }
    let json: JSONValue
    do {
        json = try JSONValueEncoder().encode(rows)
    } catch {
        throw .decoding(DecodingFailure(path: "rows", message: "the records could not be re-encoded: \(error)"))
    }
    return try [FlatfileRow](json: json)
}
