// queries/schema.graphqls (the file the codegen reads), embedded so that an installed `fgql` binary can start the
// sandbox away from a checkout. Generated: FlatfileSandboxTests.BundledSchemaTests fails when the two differ, and
// `FGQL_UPDATE_EMBEDDED=1 swift test --filter BundledSchemaTests` rewrites this file. Do not edit by hand.

enum BundledSchema {
    static let sdl = #"""
# Flatfile legacy GraphQL API (Portal 2/3 and Workspaces), served at https://api.us.flatfile.io/graphql.
#
# Flatfile publishes no SDL or introspection dump of this API. This schema is RECONSTRUCTED from public client
# code (Flatfile's own SDK and CLI, and open-source apps that call the API): operation names, argument types and
# the selected fields come from those documents; object type names and most nullability are inferred, and some
# paging arguments were added where clients need them. It may differ from Flatfile's real schema.
#
# To use the real schema of your account instead, download it with your credentials using
# `fgql schema fetch` (see `fgql schema fetch --help`).
#
# The local sandbox (`fgql sandbox`) executes exactly this file, so queries validated here run there.

schema {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

# MARK: - Scalars

"A UUID in its canonical text form, e.g. `\"5a4db0c0-0000-4000-8000-00000000f11e\"`."
scalar UUID

"Any JSON value: object, array, string, number, boolean or null."
scalar JSON

"A JSON object (a map from keys to JSON values)."
scalar JSONObject

# MARK: - Inputs

"""
A template definition in Flatfile's JSON-Schema dialect.

Example: `{ schema: { type: "object", properties: { email: { type: "string", label: "Email" } }, required: ["email"], unique: ["email"] } }`
"""
input JsonSchemaDto {
  "The definition: `type: \"object\"`, `properties` (one entry per field, with `type` and `label`), and optional `required` and `unique` lists of field keys."
  schema: JSON!
}

"The team to change and its new values."
input EditTeamInput {
  "The team's id."
  id: ID!
  "The team's new name; omit to keep the current one."
  name: String
}

# MARK: - Paging

"""
Where a page sits in a longer list. Pass `nextOffset` as the next request's offset to read the following page;
it is null on the last page.
"""
type Pagination {
  "How many items the whole list has, across all pages."
  totalCount: Int
  "The page size that was applied."
  limit: Int
  "How many items were skipped before this page."
  offset: Int
  "How many items this page holds."
  onPage: Int
  "The offset of the next page, or null when this is the last page."
  nextOffset: Int
  "The offset of the previous page, or null when this is the first page."
  previousOffset: Int
}

# MARK: - Batches and their data

"""
One import: a file or manual entry that a user brought in through a Portal (embed), from upload through review
to submission.
"""
type Batch {
  "The batch's id."
  id: UUID!
  "Where the import is: `evaluate` while the user is still reviewing, then `submitted` or `cancelled`."
  status: String
  "The workspace that holds the batch's data."
  workspaceId: UUID
}

"A page of batches."
type BatchList {
  "The batches on this page, newest first."
  data: [Batch!]
  "Where this page sits in the full list."
  pagination: Pagination
}

"""
The reviewed records of an import, as Flatfile stores them for download.

Each element of `rows` is an object:
`{ id: Int, valid: Boolean, status: "review" | "dismissed" | "accepted" | "submitted", data: { <field key>: String | Number | Boolean | null }, info: [{ level: "error" | "warn" | "info", key: <field key>, message: String }] }`.
"""
type FinalDatabaseView {
  "The records on this page (a JSON array of row objects, see the type description)."
  rows: JSON
  "How many records match the filters in total; page with `skip` until `skip + limit >= totalRows`."
  totalRows: Int
  "Older API versions only: the valid records' data as a JSON array."
  validData: JSON
  "Older API versions only: the invalid records' data as a JSON array."
  invalidData: JSON
}

"A workspace: the space that holds one import's workbook and its sheets."
type Workspace {
  "The workspace's id."
  id: UUID
  "The id of the workbook that holds the imported records."
  primaryWorkbookId: String
  "The workbook that holds the imported records."
  primaryWorkbook: Workbook
}

"A workbook: the imported records of a workspace, one sheet per template."
type Workbook {
  "The workbook's id; pass it to `fetchRowsWithSchema` and `queueUpdateRecordStatus`."
  id: String
  "The workbook's sheets."
  sheets: [Sheet!]
}

"A sheet of a workbook: the records that follow one template."
type Sheet {
  "The id of the template (schema) the sheet's records follow."
  schemaId: Int
}

"A message about one cell of a record."
type RowValidation {
  "How serious the message is: `error`, `warn` or `info`. A record with an `error` is invalid."
  error: String
  "The field key of the cell the message is about."
  key: String
  "The message shown to the user."
  message: String
}

"A record of a workbook sheet."
type WorkbookRow {
  "The record's number within its workbook."
  _id: Int
  "The record's review state: `review`, `dismissed`, `accepted` or `submitted`."
  status: String
  "The record's values: a JSON object from field key to value."
  cells: JSON
  "Messages about the record's cells."
  validations: [RowValidation!]
}

"A list of workbook records."
type WorkbookRowsResult {
  "The records."
  rows: [WorkbookRow!]
}

# MARK: - Import session payloads

"A reference to a template (schema); the id is a numeric string such as `\"203556\"`."
type SchemaRef {
  "The template's id."
  id: ID!
}

"The new empty batch and where its data will live."
type InitializeEmptyBatchPayload {
  "The new batch's id."
  batchId: UUID!
  "The workspace created for the batch."
  workspaceId: UUID!
  "The templates the batch's records will follow."
  schemas: [SchemaRef!]!
}

"What an import needs before records are added to it."
type PreflightBatchPayload {
  "The templates the batch's records follow."
  schemas: [SchemaRef!]
  "The workbook that holds the batch's records."
  workbookId: String
  "The workspace that holds the batch."
  workspaceId: UUID
}

"A background job that Flatfile queued; it finishes after the mutation returns."
type QueuedJob {
  "The job's id."
  id: ID!
}

"Whether a change was applied."
type SuccessPayload {
  "True when the change was applied."
  success: Boolean
}

"A new batch and where to upload its file."
type InitializeBatchAndUploadPayload {
  "A pre-signed URL to PUT the file to."
  signedUrl: String
  "The batch created for the file."
  batch: Batch
  "The upload record that tracks the file."
  upload: Upload
}

"A file upload that belongs to a batch."
type Upload {
  "The upload's id."
  id: ID!
  "Where the upload is, e.g. `pending` or `uploaded`."
  status: String
}

"The parsed view of an uploaded file."
type View {
  "The view's id."
  id: ID!
  "Where processing is, e.g. `pending` or `uploaded`."
  status: String
}

"The upload after its status change, and the view made from it."
type UpdateUploadStatusPayload {
  "The upload."
  upload: Upload
  "The view made from the upload."
  view: View
}

# MARK: - Templates (schemas), portals (embeds), data hooks, deployments, teams

"A template (called a schema in the API): the fields an import expects and the rules they follow."
type Schema {
  "The template's id, a numeric string."
  id: ID!
  "The template's name as shown in the dashboard."
  name: String
  "True when the template was archived; archived templates are hidden unless asked for."
  archived: Boolean
  "The template's stable key, used by deployments to update it in place."
  slug: String
  "The environment (development or production) the template belongs to."
  environmentId: UUID
}

"A page of templates."
type SchemaList {
  "The templates on this page."
  data: [Schema!]
  "Where this page sits in the full list."
  pagination: Pagination
}

"A key that signs importer tokens for a portal (embed)."
type PrivateKey {
  "The key's id."
  id: ID!
  "What the key may be used for, e.g. `all`."
  scope: String
  "The key itself. Treat it as a secret."
  key: String
}

"A team: the account's unit of ownership for templates and portals."
type Team {
  "The team's id."
  id: ID!
  "The team's name."
  name: String
}

"A portal (called an embed in the API): an importer configured with templates that an app embeds."
type Embed {
  "The portal's id."
  id: UUID!
  "The portal's name as shown in the dashboard."
  name: String
  "True when the portal was archived."
  archived: Boolean
  "The templates the portal imports into."
  schemas: [Schema!]
  "The key that signs the portal's importer tokens."
  privateKey: PrivateKey
  "The id of `privateKey`."
  privateKeyId: ID
  "The team that owns the portal."
  team: Team
  "The id of `team`."
  teamId: ID
}

"A page of portals."
type EmbedList {
  "The portals on this page."
  data: [Embed!]
  "Where this page sits in the full list."
  pagination: Pagination
}

"The portal that was created."
type CreateEmbedPayload {
  "The new portal, with its private key."
  embed: Embed
}

"The portal that was created or updated."
type UpsertEmbedPayload {
  "The portal."
  embed: Embed
  "The portal's private key, shown once. Treat it as a secret."
  privateKeyString: String
}

"A data hook: code that runs on every record of a template to clean and validate it."
type DataHook {
  "The data hook's id."
  id: UUID!
  "True when the data hook was archived and no longer runs."
  archived: Boolean
  "The data hook's name."
  name: String
  "What the data hook does."
  description: String
  "The hook's JavaScript source."
  code: String
  "The hook's package.json as a JSON-encoded string, e.g. `\"{\\\"dependencies\\\":{}}\"`."
  packageJSON: String
  "Where deployment of the hook's code is, e.g. `pending` or `deployed`."
  deploymentState: String
  "The cloud function that runs the hook, once deployed."
  lambdaARN: String
  "When the data hook was created (ISO 8601)."
  createdAt: String
  "When the data hook was last changed (ISO 8601)."
  updatedAt: String
  "The first version of this data hook."
  root: DataHook
  "The version this one was made from."
  ancestor: DataHook
}

"A data hook and the template it runs on."
type DataHookPayload {
  "The template the data hook runs on."
  schema: Schema
  "The data hook."
  dataHook: DataHook
}

"A deployment of templates and data hooks made by the Flatfile CLI."
type Deployment {
  "The deployment's id."
  id: ID!
}

# MARK: - Operations

type Query {
  """
  Lists the batches (imports) of a license key, newest first, a page at a time.

  Example: `getBatches(licenseKey: $licenseKey, take: 50) { data { id status } pagination { nextOffset } }`
  """
  getBatches(
    "Your account's license key (the Portal's license key in the dashboard)."
    licenseKey: String!
    "The page size: how many batches to return."
    take: Int
    "How many batches to skip before the page starts."
    skip: Int
    "Only batches of this workspace."
    workspaceId: UUID
    "Only batches imported by this end user (your app's user id)."
    endUserId: String
    "Only batches whose id or workspace id contains this text."
    search: String
  ): BatchList

  "Reads one batch by id."
  getBatch(
    "The batch's id."
    batchId: UUID!
  ): Batch

  """
  Downloads the records of an import, `limit` at a time. Page by adding `limit` to `skip` until
  `skip + limit >= totalRows`.

  Example: `getFinalDatabaseView(batchId: $batchId, skip: 0, limit: 1000) { rows totalRows }`
  """
  getFinalDatabaseView(
    "The batch to read; omit to read the records of every batch you can see."
    batchId: UUID
    "How many records to skip before the page starts."
    skip: Int
    "The page size: how many records to return."
    limit: Int!
    "Only records in this review state: `review`, `dismissed`, `accepted` or `submitted`."
    status: String
  ): FinalDatabaseView

  "Lists a team's templates (schemas) a page at a time; follow `pagination.nextOffset` for the next page."
  getSchemas(
    "The team whose templates to list."
    teamId: ID!
    "Only templates of this environment."
    environmentId: UUID
    "True lists only archived templates, false only active ones; omit for both."
    archived: Boolean
    "Only templates whose name contains this text (case-insensitive)."
    search: String
    "How many templates to skip before the page starts (added by fgql: not seen in public clients)."
    offset: Int
    "The page size (added by fgql: not seen in public clients)."
    limit: Int
  ): SchemaList

  "Lists a team's portals (embeds) a page at a time; follow `pagination.nextOffset` for the next page."
  getEmbeds(
    "The team whose portals to list."
    teamId: ID!
    "Only portals of this environment."
    environmentId: UUID
    "True lists only archived portals, false only active ones; omit for both."
    archived: Boolean
    "Only portals whose name contains this text (case-insensitive)."
    search: String
    "How many portals to skip before the page starts (added by fgql: not seen in public clients)."
    offset: Int
    "The page size (added by fgql: not seen in public clients)."
    limit: Int
  ): EmbedList

  "Reads a workspace with its primary workbook and sheets."
  getWorkspace(
    "The workspace's id."
    workspaceId: UUID!
  ): Workspace

  "Reads the records of one sheet of a workbook, with their validation messages."
  fetchRowsWithSchema(
    "The template of the sheet to read (`Sheet.schemaId`)."
    schemaId: Int!
    "The workbook to read (`Workspace.primaryWorkbookId`)."
    workbookId: String!
    "The page size: how many records to return."
    limit: Int
    "`valid` or `invalid` to return only records without or with errors; omit for all."
    filter: String
    "Only records in this review state: `review`, `dismissed`, `accepted` or `submitted`."
    status: String
    "How many records to skip before the page starts (added by fgql: not seen in public clients)."
    skip: Int
  ): WorkbookRowsResult
}

type Mutation {
  "Starts an import with no file: creates a batch and its workspace for records added later."
  initializeEmptyBatch(
    "The address of the page the import was started from."
    importedFromUrl: String!
    "True when the records will be synced from your app rather than uploaded."
    synced: Boolean
  ): InitializeEmptyBatchPayload

  "Reads what an existing import needs before records are added: its templates, workbook and workspace."
  preflightBatch(
    "The batch's id."
    batchId: String!
  ): PreflightBatchPayload

  "Sets the review state of records in the background; returns the queued job."
  queueUpdateRecordStatus(
    "The workbook that holds the records."
    workbookId: String!
    "The template of the sheet that holds the records."
    schemaId: Int!
    "The new review state: `review`, `dismissed`, `accepted` or `submitted`."
    validationState: String!
    "The records to change (`WorkbookRow._id`); omit to change every record that `filter` selects."
    rowIds: [Int!]
    "Which records to change when `rowIds` is omitted, e.g. `{\"valid\": false}` or `{\"status\": \"review\"}`."
    filter: JSON
  ): QueuedJob

  """
  Changes cell values of records and returns the changed records with fresh validation messages.

  Each edit is an object `{ "_id": <record number>, "data": { <field key>: <new value> } }`, optionally with
  `"messages": [{ "error": "error" | "warn" | "info", "key": <field key>, "message": String }]` to attach your own
  validation messages.
  """
  updateWorkbookRows(
    "The changes, one object per record."
    edits: [JSON!]!
    "The batch whose records to change."
    batchId: UUID
  ): WorkbookRowsResult

  "Replaces the environment values (a JSON object) that data hooks of a workspace can read."
  updateWorkspaceEnvironment(
    "The workspace's id."
    workspaceId: UUID!
    "The new values, e.g. `{\"region\": \"eu\"}`."
    env: JSON!
  ): SuccessPayload

  "Starts an import of a file: creates a batch and an upload, and returns the URL to upload the file to."
  initializeBatchAndUpload(
    "The template the file's records follow."
    schemaId: ID
    "The file's type, e.g. `csv`."
    fileType: String!
    "The file's size in bytes."
    fileSize: Int!
    "The file's name."
    fileName: String!
    "The workspace to import into; omit to create one."
    workspaceId: UUID
    "The batch to add the file to; omit to create one."
    batchId: UUID
  ): InitializeBatchAndUploadPayload

  "Reports that an upload finished (status `uploaded`), which starts processing of the file."
  updateUploadStatus(
    "The upload's id."
    uploadId: String!
    "The upload's new status, e.g. `uploaded`."
    status: String!
  ): UpdateUploadStatusPayload

  "Creates a template."
  createSchema(
    "The team that owns the template."
    teamId: ID!
    "The template's name."
    name: String!
    "The template's fields and rules."
    jsonSchema: JsonSchemaDto
    "The environment the template belongs to; omit for the default (development) environment."
    environmentId: UUID
  ): Schema

  "Changes a template's definition, or archives it."
  updateSchema(
    "The template's id."
    schemaId: ID!
    "The new fields and rules; omit to keep the current ones."
    jsonSchema: JsonSchemaDto
    "True archives the template, false restores it."
    archived: Boolean
  ): Schema

  "Creates a template, or updates the one with the same `slug` in the team (as the Flatfile CLI deploys)."
  upsertSchema(
    "The template's stable key; a template with this slug is updated instead of created."
    slug: String
    "The team that owns the template."
    teamId: ID!
    "True archives the template."
    archived: Boolean
    "The template's fields and rules."
    jsonSchema: JsonSchemaDto
    "Computed-field settings of the template's sheet."
    sheetCompute: JSONObject
    "The template's name."
    name: String
    "The field shown as each record's title in previews."
    previewFieldKey: String
    "The deployment this template belongs to."
    deploymentId: String
    "The environment name, e.g. `development` or `production`."
    environment: String
    "Data hook code deployed with the template."
    code: String
  ): Schema

  "Creates a portal for templates; the payload holds its new private key."
  createEmbed(
    "The team that owns the portal."
    teamId: ID!
    "The environment the portal belongs to; omit for the default (development) environment."
    environmentId: UUID
    "The templates the portal imports into."
    schemaIds: [ID!]
    "The portal's name."
    name: String!
  ): CreateEmbedPayload

  "Changes a portal's templates, or archives it."
  updateEmbed(
    "The portal's id."
    embedId: UUID!
    "The templates the portal imports into; omit to keep the current ones."
    schemaIds: [ID!]
    "True archives the portal, false restores it."
    archived: Boolean
  ): Embed

  "Creates a portal, or updates the team's portal with the same name and environment (as the Flatfile CLI deploys)."
  upsertEmbed(
    "The portal's name; a portal with this name in the environment is updated instead of created."
    name: String!
    "The team that owns the portal."
    teamId: ID!
    "The templates the portal imports into."
    schemaIds: [ID!]!
    "The environment the portal belongs to."
    environmentId: UUID!
    "True archives the portal."
    archived: Boolean
    "Help text shown inside the importer."
    helpContent: String
  ): UpsertEmbedPayload

  "Creates an empty data hook on a template."
  createDataHook(
    "The template the data hook runs on."
    schemaId: ID!
  ): DataHook

  "Changes a data hook; omitted arguments keep their current values."
  updateDataHook(
    "The data hook's id."
    id: UUID!
    "The new name."
    name: String
    "True archives the data hook, false restores it."
    archived: Boolean
    "The new description."
    description: String
    "The new JavaScript source."
    code: String
    "The new package.json as a JSON-encoded string."
    packageJSON: String
  ): DataHookPayload

  "Creates a data hook on a template, or updates the template's hook with the same name (as the Flatfile CLI deploys)."
  upsertDataHook(
    "The data hook's name; the template's hook with this name is updated instead of created."
    name: String
    "The template the data hook runs on (its id as a string)."
    schemaId: String
    "True archives the data hook."
    archived: Boolean
    "What the data hook does."
    description: String
    "The JavaScript source."
    code: String
    "The package.json as a JSON-encoded string."
    packageJSON: String
    "The deployment this data hook belongs to."
    deploymentId: String
  ): DataHookPayload

  "Records a deployment of templates made by the Flatfile CLI."
  createDeployment(
    "The team that deploys."
    teamId: ID!
    "The version of the deployed configuration."
    version: String
    "The name of the deployed workbook."
    workbook: String
    "The deployment's name."
    name: String
    "The namespace the workbook is deployed under."
    namespace: String
    "The deployed sheets' configuration."
    workbookSheets: JSONObject
    "The package.json of the deployed project."
    localPackageJSON: JSONObject
    "The environment name, e.g. `development` or `production`."
    environment: String
  ): Deployment

  "Replaces the sheets' configuration of an existing deployment."
  updateDeployment(
    "The team that owns the deployment."
    teamId: ID!
    "The deployment's id."
    deploymentId: ID!
    "The new sheets' configuration."
    workbookSheets: JSONObject
  ): Deployment

  "Renames a team. Not confirmed by any public client: prefer the dashboard."
  editTeam(
    "The team and its new values."
    input: EditTeamInput!
  ): Team
}

type Subscription {
  "Sends the batch each time its status changes (over a WebSocket connection to the GraphQL endpoint)."
  batchStatusUpdated(
    "The batch to watch."
    batchId: UUID!
  ): Batch
}

"""#
}
