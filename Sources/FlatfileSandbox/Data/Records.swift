import GraphQL

// The sandbox's in-memory account. Plain values: the store (an actor) owns the only mutable copy.

struct TeamRecord: Sendable {
    let id: String
    var name: String
}

struct EnvironmentRecord: Sendable {
    let id: String
    let name: String
    let teamId: String
}

/// A template; the API calls it a schema.
struct TemplateRecord: Sendable {
    let id: Int
    var name: String
    var archived: Bool
    var slug: String?
    let environmentId: String
    let teamId: String
    /// The `jsonSchema.schema` value the template was defined with.
    var definition: Map
    var fields: [TemplateField]
    var sheetCompute: Map?
    var previewFieldKey: String?
    var deploymentId: String?
    var code: String?
}

struct PrivateKeyRecord: Sendable {
    let id: String
    let scope: String
    let key: String
}

/// A portal; the API calls it an embed.
struct EmbedRecord: Sendable {
    let id: String
    var name: String
    var archived: Bool
    var templateIds: [Int]
    let privateKey: PrivateKeyRecord
    let teamId: String
    let environmentId: String
    var helpContent: String?
}

struct WorkspaceRecord: Sendable {
    let id: String
    let teamId: String
    let environmentId: String
    let workbookId: String
    /// Templates with a sheet in the workspace's workbook, in sheet order.
    var sheetTemplateIds: [Int]
    var environmentValues: Map
}

struct BatchRecord: Sendable {
    let id: String
    var status: String
    let workspaceId: String
    let licenseKey: String
    let endUserId: String?
    let templateId: Int
    /// Seconds since 1970; the list order (newest first).
    let createdAt: Int
    var importedFromURL: String?
}

enum RowStatus: String, Sendable, CaseIterable {
    case review, dismissed, accepted, submitted
}

enum MessageLevel: String, Sendable {
    case error, warn, info
}

/// One message about one cell, in Flatfile's `info` shape.
struct RowMessage: Sendable, Equatable {
    let level: MessageLevel
    let key: String
    let message: String
}

/// A cell value as Flatfile stores it: string, number, boolean or null.
enum CellValue: Sendable, Equatable {
    case null
    case string(String)
    case number(Double)
    case bool(Bool)
}

struct RowRecord: Sendable {
    /// Unique across the account; also the row's `_id` inside its workbook.
    let id: Int
    let batchId: String
    var status: RowStatus
    var cells: [String: CellValue]
    var messages: [RowMessage]

    var valid: Bool { !messages.contains { $0.level == .error } }
}

struct DataHookRecord: Sendable {
    let id: String
    let templateId: Int
    var name: String
    var description: String?
    var code: String
    var packageJSON: String
    var archived: Bool
    var deploymentState: String
    var lambdaARN: String?
    let createdAt: String
    var updatedAt: String
    let rootId: String?
    let ancestorId: String?
    var deploymentId: String?
}

struct DeploymentRecord: Sendable {
    let id: String
    let teamId: String
    var version: String?
    var workbook: String?
    var name: String?
    var namespace: String?
    var workbookSheets: Map?
    var localPackageJSON: Map?
    var environment: String?
}

struct UploadRecord: Sendable {
    let id: String
    let batchId: String
    var status: String
    let fileName: String
    let fileType: String
    let fileSize: Int
    /// Bytes received at the upload URL; nil until the file was sent.
    var receivedBytes: Int?
}
