/// One reviewed record of a Flatfile import, decoded from the JSON that the API returns untyped.
///
/// Flatfile sends records in two documented shapes, and both decode into this one model:
/// - `getFinalDatabaseView.rows` (a JSON array): `{id, valid, status, data: {field: value}, info: [{level, key, message}]}`;
/// - workbook records (`fetchRowsWithSchema`, `updateWorkbookRows`): `{_id, status, cells: {field: value},
///   validations: [{error, key, message}]}`, where `valid` is derived: no message of level `error`.
///
/// ```swift
/// for try await row in client.rows(of: batchId) {          // import FlatfileQueries
///     if row.status == .submitted, row.valid { print(row.id, row["email"] ?? nil) }
///     for message in row.info where message.level == .error { print(message.key, message.message) }
/// }
/// let rows = try [FlatfileRow](json: data.getFinalDatabaseView?.rows)   // from a fetched page
/// ```
///
/// A status or level that this version does not know decodes as `.unknown("value")` instead of failing.
public struct FlatfileRow: Decodable, Sendable, Hashable {
    /// The record's number: unique within the account, increasing in import order.
    public var id: Int
    /// True when no message about the record has the level `error`.
    public var valid: Bool
    /// Where the record is in review.
    public var status: GraphQLEnum<FlatfileRecordStatus>
    /// The record's values by field key, in the template's field order: strings, numbers, booleans or null.
    public var data: JSONObject
    /// Messages about the record's cells (Flatfile calls them `info` here and `validations` on workbook records).
    public var info: [FlatfileRowMessage]

    public init(
        id: Int, valid: Bool, status: GraphQLEnum<FlatfileRecordStatus>, data: JSONObject,
        info: [FlatfileRowMessage] = []
    ) {
        self.id = id
        self.valid = valid
        self.status = status
        self.data = data
        self.info = info
    }

    /// The value of the field `key`, or `nil` when the record has no such field.
    public subscript(key: String) -> JSONValue? {
        data[key]
    }

    private enum CodingKeys: String, CodingKey {
        case id, valid, status, data, info
        case workbookId = "_id", cells, validations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let isWorkbookRecord = !container.contains(.id) && container.contains(.workbookId)
        id = try container.decode(Int.self, forKey: isWorkbookRecord ? .workbookId : .id)
        status = try container.decode(GraphQLEnum<FlatfileRecordStatus>.self, forKey: .status)
        data = try container.decode(JSONObject.self, forKey: isWorkbookRecord ? .cells : .data)
        // A missing or null message list means "no messages"; a record may legitimately have none selected.
        info = try container.decodeIfPresent([FlatfileRowMessage].self, forKey: isWorkbookRecord ? .validations : .info)
            ?? []
        valid = try container.decodeIfPresent(Bool.self, forKey: .valid)
            ?? !info.contains { $0.level == .error }
    }
}

/// A record's review state.
public enum FlatfileRecordStatus: String, Sendable, Hashable, CaseIterable {
    /// Waiting for the user's review.
    case review
    /// Left out of the import by the user.
    case dismissed
    /// Approved by the user, not yet submitted.
    case accepted
    /// Sent to your app with the import.
    case submitted
}

/// A message about one cell of a record.
public struct FlatfileRowMessage: Decodable, Sendable, Hashable {
    /// How serious it is: an `error` makes the record invalid.
    public var level: GraphQLEnum<FlatfileMessageLevel>
    /// The field key of the cell.
    public var key: String
    /// The text shown to the user.
    public var message: String

    public init(level: GraphQLEnum<FlatfileMessageLevel>, key: String, message: String) {
        self.level = level
        self.key = key
        self.message = message
    }

    private enum CodingKeys: String, CodingKey {
        // Workbook records name the level `error` (`validations { error key message }`).
        case level, error, key, message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decodeIfPresent(GraphQLEnum<FlatfileMessageLevel>.self, forKey: .level)
            ?? container.decode(GraphQLEnum<FlatfileMessageLevel>.self, forKey: .error)
        key = try container.decode(String.self, forKey: .key)
        message = try container.decode(String.self, forKey: .message)
    }
}

/// How serious a message about a cell is.
public enum FlatfileMessageLevel: String, Sendable, Hashable, CaseIterable {
    case error
    case warn
    case info
}

extension Array where Element == FlatfileRow {
    /// Decodes a JSON array of records, such as `getFinalDatabaseView.rows`; `nil` or JSON `null` gives no rows.
    ///
    /// ```swift
    /// let page = try await client.fetch(GetFinalDatabaseViewQuery(batchId: .value(batchId), limit: 100))
    /// let rows = try [FlatfileRow](json: page.getFinalDatabaseView?.rows)
    /// ```
    ///
    /// - Throws: `GraphQLClientError.decoding` naming the element and member that do not match, e.g.
    ///   `rows[3].status`.
    public init(json: JSONValue?) throws(GraphQLClientError) {
        guard let json, !json.isNull else {
            self = []
            return
        }
        self = try decodeJSON([FlatfileRow].self, from: json, root: "rows")
    }
}
