// The platform schema's SDL, embedded so that an installed binary has it. Generated: it must equal
// queries/platform/schema.graphqls byte for byte (FlatfilePlatformTests.PlatformSchemaTests checks), and
// `FGQL_UPDATE_EMBEDDED=1 swift test --filter PlatformSchemaTests` rewrites it from that file. Do not edit by hand.

/// The GraphQL schema that `FlatfilePlatformEndpoint` executes over Flatfile's platform REST API.
public enum FlatfilePlatformSchema {
    /// The schema's SDL, the same text as `queries/platform/schema.graphqls` (which codegen and `fgql run` read).
    ///
    /// ```swift
    /// try FlatfilePlatformSchema.sdl.write(toFile: "schema.graphqls", atomically: true, encoding: .utf8)
    /// ```
    public static let sdl = #"""
# fgql: a client-side GraphQL schema over the Flatfile platform REST API.
#
# Nothing in this schema is served by Flatfile. fgql executes it in-process (module FlatfilePlatform): each
# field's resolver makes the REST call its @rest directive names and reshapes the answer. The directives are
# the machine-readable binding; the section numbers (§n) refer to platform-api-evidence.md, which cites the
# sources for every REST fact used here.
#
# API base: https://platform.flatfile.com/api/v1, the same service as https://api.x.flatfile.com/v1.
# Regional bases are https://platform.{uk,eu,au,ca}.flatfile.com/api/v1 (§1.1).
# Every call sends `Authorization: Bearer <sk_… | pat_… | exchanged access token>` and
# `X-Disable-Hooks: true` (§1.2).
#
# CONVENTIONS
# - Field names equal the REST JSON keys, so a resolver is a plain key lookup. The exceptions are marked
#   @derived.
# - Nullability: a field is non-null only when the Fern SDK's wire ("Raw") type marks it required.
#   Space.name is the one deliberate exception (§3.2). Every field that makes a REST call (@rest) is nullable:
#   when its call fails, that field is null with an error at its path, and its parent and siblings survive
#   (a secret key's 403 on one environment's spaces does not erase the other environments).
# - Enums keep the wire spelling (`magic_link`, `asc`, `created_at`), so values pass through unchanged.
#   Wire values that are not valid GraphQL names stay `String`. These are event topics ("job:completed"),
#   domains ("data-clip"), field types ("reference-list") and agent templates ("webhook-egress"). §3.4 lists
#   the known values.
# - Ids are `ID`, serialised as the prefixed strings: us_env_…, us_sp_…, us_ag_…, us_evt_…, us_usr_…,
#   us_g_…, us_wb_…, us_sh_…, us_rc_… (§1.4).
#
# PAGINATION (§1.3)
# REST list endpoints page with `pageSize` and `pageNumber`. `pageNumber` starts at 1.
# - Counted endpoints (environments, spaces, agents, users, agent logs and executions) also return
#   `pagination {currentPage, pageCount, totalCount}`.
# - Events and records return no totals.
# - Guests, workbooks, sheets, roles and secrets are not paged at all.
#
# List fields take the same arguments everywhere:
#   pageNumber set    → exactly that one REST page (with `pageSize` if given).
#   pageNumber unset  → the resolver walks pages from 1 and stops at `pageCount` or an empty page (COUNTED;
#                       at most 16 pages in flight, so a wrong count costs little) or at the first
#                       short or empty page (UNCOUNTED). It asks for `pageSize` items per page (default 100;
#                       records default 10000) and stops early once `first` items are collected. Without
#                       `first` every page is read: a list field never drops items silently.
#   COUNTED with no `pagination` in the body → behave as UNCOUNTED.
# `…Page` fields return one REST page verbatim: `{data, pagination}`.
# `…Count` fields request pageSize=1 and read `pagination.totalCount`.
#
# EXECUTION
# Independent REST calls run concurrently (at most 8 in flight by default); within one query each distinct
# REST request is sent at most once, so `Event.environment` over 1 000 events costs one call per environment.
# A REST failure under one field is a GraphQL error at that field's path; the rest of the result is returned.

schema {
  query: Query
}

"ISO-8601 timestamp exactly as the REST API sends it, e.g. `2023-10-30T16:59:45.735Z`. `since` arguments are sent in the same form."
scalar DateTime

"Any JSON value: object, array, string, number, boolean or null. Used for open maps such as metadata, payload, features and record values."
scalar JSON

"""
Binds a field to one REST call. This is a resolver hint and is never sent to a server.
- `path` is relative to the `/v1` base. `{parent.x}` and `{args.x}` are filled from the parent object's
  JSON (dotted paths allowed) or from field arguments. If a placeholder value is null, the field resolves
  to null (or `[]`) without a call.
- Each `query` entry is `name=source`. The source is `$args.x`, `$parent.x` or a literal. Unset sources
  are not sent. Lists become repeated parameters (`ids=a&ids=b`), booleans become `true`/`false`, and
  DateTime values are sent as given.
- `unwrap` is the JSON path of the result in the response body. `$` means the whole body.
- `pageSize`: the page size a paged walk asks for when the field's `pageSize` argument is not given.
- `embedded`: if the parent JSON already has this key, use it and skip the call.
- `requirePrefix`: call only when the value of the first path placeholder starts with this prefix;
  otherwise resolve to null. A field may carry several @rest: the first whose prefix matches is used.
- `typename`: the union member the call returns (for fields of a union type).
- `notFoundIsNull`: on HTTP 404, resolve to null instead of raising a field error.
- `each`: a fan-out. `each` is a list call (`path?query`, same placeholders, pages walked); the field's own
  call is made once per item, with `$each.x` read from that item, and the results are concatenated.
- `distinctBy`: drop list items whose value at this key was already seen (after `each`).
- `pick`: `key=source`: from the (list) result keep the first item whose `key` equals the source value. With
  it, a lookup table such as GET /roles is fetched once per query and shared by every field that picks from it.
"""
directive @rest(
  method: String! = "GET"
  path: String!
  query: [String!]! = []
  unwrap: String! = "data"
  paging: RestPaging! = NONE
  pageSize: Int! = 100
  embedded: String
  requirePrefix: String
  typename: String
  notFoundIsNull: Boolean! = false
  each: String
  distinctBy: String
  pick: String
) repeatable on FIELD_DEFINITION

"Computed from the parent's JSON with no REST call of its own. `from` is a dotted key path in the parent."
directive @derived(from: String!, rule: Derivation! = VALUE) on FIELD_DEFINITION

"How a @derived field is computed."
enum Derivation {
  "The value at `from`, unchanged (a renamed wire key)."
  VALUE
  "The ActorKind of the id at `from`, by its prefix: us_usr_ user, us_g_ guest, us_ag_ agent, us_key_ api_key, else unknown."
  ACTOR_KIND
  "The JSON object at `from` as a list of its values, in JSON order, each with its map key added as `key`."
  MAP_ENTRIES
  "The value at `from`[args.key] with `key` added, or null."
  MAP_ENTRY
}

enum RestPaging {
  "One request. The paging arguments, if any, are passed through as given."
  NONE
  "Walk `pageNumber` 1..`pagination.pageCount`, ending early at an empty page."
  COUNTED
  "Walk `pageNumber` from 1 until a page returns fewer than `pageSize` items. No totals are available."
  UNCOUNTED
}

# ───────────────────────────────────────── Query ─────────────────────────────────────────

type Query {
  "GET /accounts/current: the account the credential belongs to."
  account: Account @rest(path: "/accounts/current")

  "GET /environments. With a PAT: every environment in the account. With sk_: the key's own environment [I]. REST default pageSize is 10."
  environments(pageSize: Int, pageNumber: Int, first: Int): [Environment!]
    @rest(path: "/environments", paging: COUNTED)
  "GET /environments: one page, verbatim."
  environmentsPage(pageSize: Int, pageNumber: Int): EnvironmentPage
    @rest(path: "/environments", query: ["pageSize=$args.pageSize", "pageNumber=$args.pageNumber"], unwrap: "$")
  "GET /environments/{environmentId}"
  environment(id: ID!): Environment @rest(path: "/environments/{args.id}", notFoundIsNull: true)

  "GET /spaces. Without environmentId: all spaces in the account when using a PAT ('for an account or environment'). Archived spaces are included only with archived: true [I]."
  spaces(
    environmentId: ID
    search: String
    namespace: String
    archived: Boolean
    isCollaborative: Boolean
    isAppTemplate: Boolean
    app: ID
    sortField: SpaceSortField
    sortDirection: SortDirection
    pageSize: Int
    pageNumber: Int
    first: Int
  ): [Space!]
    @rest(
      path: "/spaces"
      query: ["environmentId=$args.environmentId", "search=$args.search", "namespace=$args.namespace", "archived=$args.archived", "isCollaborative=$args.isCollaborative", "isAppTemplate=$args.isAppTemplate", "app=$args.app", "sortField=$args.sortField", "sortDirection=$args.sortDirection"]
      paging: COUNTED
    )
  "GET /spaces: one page, verbatim (totalCount = number of spaces)."
  spacesPage(environmentId: ID, search: String, namespace: String, archived: Boolean, pageSize: Int, pageNumber: Int): SpacePage
    @rest(
      path: "/spaces"
      query: ["environmentId=$args.environmentId", "search=$args.search", "namespace=$args.namespace", "archived=$args.archived", "pageSize=$args.pageSize", "pageNumber=$args.pageNumber"]
      unwrap: "$"
    )
  "GET /spaces?pageSize=1 → pagination.totalCount. Null if the response carries no pagination."
  spaceCount(environmentId: ID, archived: Boolean, namespace: String): Int
    @rest(
      path: "/spaces"
      query: ["environmentId=$args.environmentId", "archived=$args.archived", "namespace=$args.namespace", "pageSize=1"]
      unwrap: "pagination.totalCount"
    )
  "GET /spaces/{spaceId}"
  space(id: ID!): Space @rest(path: "/spaces/{args.id}", notFoundIsNull: true)

  "GET /agents?environmentId= (environmentId is required by REST). REST default pageSize is 20."
  agents(environmentId: ID!, isSystem: Boolean, search: String, pageSize: Int, pageNumber: Int, first: Int): [Agent!]
    @rest(path: "/agents", query: ["environmentId=$args.environmentId", "isSystem=$args.isSystem", "search=$args.search"], paging: COUNTED)
  "GET /agents/{agentId}?environmentId="
  agent(id: ID!, environmentId: ID): Agent
    @rest(path: "/agents/{args.id}", query: ["environmentId=$args.environmentId"], notFoundIsNull: true)

  """
  GET /events. Without environmentId or spaceId, a PAT sees events across all environments (docs: 'query for all events across all environments').
  There are no totals and no `until`: bound the walk with `since` or `first`.
  `includeAcknowledged` defaults to true here, so events that agents already handled are not left out of an audit log [I].
  """
  events(
    environmentId: ID
    spaceId: ID
    domain: String
    topic: String
    since: DateTime
    includeAcknowledged: Boolean = true
    pageSize: Int
    pageNumber: Int
    first: Int
  ): [Event!]
    @rest(
      path: "/events"
      query: ["environmentId=$args.environmentId", "spaceId=$args.spaceId", "domain=$args.domain", "topic=$args.topic", "since=$args.since", "includeAcknowledged=$args.includeAcknowledged"]
      paging: UNCOUNTED
    )
  "GET /events/{eventId}"
  event(id: ID!): Event @rest(path: "/events/{args.id}", notFoundIsNull: true)

  "GET /users: the account's users. Account-level, so use a PAT [I]. REST default pageSize is 20."
  users(email: String, search: String, sortField: UserSortField, sortDirection: SortDirection, pageSize: Int, pageNumber: Int, first: Int): [User!]
    @rest(
      path: "/users"
      query: ["email=$args.email", "search=$args.search", "sortField=$args.sortField", "sortDirection=$args.sortDirection"]
      paging: COUNTED
    )
  "GET /users: one page, verbatim."
  usersPage(email: String, search: String, pageSize: Int, pageNumber: Int): UserPage
    @rest(path: "/users", query: ["email=$args.email", "search=$args.search", "pageSize=$args.pageSize", "pageNumber=$args.pageNumber"], unwrap: "$")
  "GET /users/{userId}"
  user(id: ID!): User @rest(path: "/users/{args.id}", notFoundIsNull: true)

  "GET /guests?spaceId= (spaceId is required by REST; the endpoint is not paged)."
  guests(spaceId: ID!, email: String): [Guest!]
    @rest(path: "/guests", query: ["spaceId=$args.spaceId", "email=$args.email"])
  "Every guest of every space (of one environment, or of all). REST has no such endpoint, so this fans out: GET /spaces (all pages), then GET /guests?spaceId= per space, merged by guest id (a guest appears once per space it was granted)."
  allGuests(environmentId: ID, email: String): [Guest!]
    @rest(
      path: "/guests"
      query: ["spaceId=$each.id", "email=$args.email"]
      each: "/spaces?environmentId=$args.environmentId"
      distinctBy: "id"
    )
  "GET /guests/{guestId}"
  guest(id: ID!): Guest @rest(path: "/guests/{args.id}", notFoundIsNull: true)

  "GET /workbooks. Without spaceId: all workbooks the credential can see ('for an account or space'). Not paged. Filters prefixed with '-' are negated."
  workbooks(spaceId: ID, name: String, namespace: String, label: String, treatment: String, includeSheets: Boolean): [Workbook!]
    @rest(
      path: "/workbooks"
      query: ["spaceId=$args.spaceId", "name=$args.name", "namespace=$args.namespace", "label=$args.label", "treatment=$args.treatment", "includeSheets=$args.includeSheets"]
    )
  "GET /workbooks/{workbookId}"
  workbook(id: ID!): Workbook @rest(path: "/workbooks/{args.id}", notFoundIsNull: true)

  "GET /sheets?workbookId= (workbookId is required; not paged)."
  sheets(workbookId: ID!): [Sheet!] @rest(path: "/sheets", query: ["workbookId=$args.workbookId"])
  "GET /sheets/{sheetId}"
  sheet(id: ID!): Sheet @rest(path: "/sheets/{args.id}", notFoundIsNull: true)

  "GET /roles: all roles in the account (not paged)."
  roles: [Role!] @rest(path: "/roles")

  "GET /secrets. Secret values are left out of this schema on purpose (§3.11)."
  secrets(environmentId: ID, spaceId: ID, actorId: ID): [Secret!]
    @rest(path: "/secrets", query: ["environmentId=$args.environmentId", "spaceId=$args.spaceId", "actorId=$args.actorId"])
}

# ───────────────────────────────────────── Pages ─────────────────────────────────────────

"REST `pagination` object (commons.Pagination)."
type Pagination {
  currentPage: Int!
  pageCount: Int!
  totalCount: Int!
}

type EnvironmentPage {
  data: [Environment!]!
  pagination: Pagination
}

type SpacePage {
  data: [Space!]!
  pagination: Pagination
}

"REST may send `data: null`; the resolver returns [] in that case."
type AgentPage {
  data: [Agent!]!
  pagination: Pagination
}

type UserPage {
  data: [User!]!
  pagination: Pagination
}

# ─────────────────────────────────────── Environment ───────────────────────────────────────

"A Flatfile environment (us_env_…). REST: GET /environments, GET /environments/{id}."
type Environment {
  id: ID!
  accountId: ID!
  name: String!
  isProd: Boolean!
  guestAuthentication: [GuestAuthentication!]!
  features: JSON!
  metadata: JSON!
  translationsPath: String
  namespaces: [String!]
  languageOverride: String

  "GET /spaces?environmentId={parent.id}"
  spaces(
    search: String
    namespace: String
    archived: Boolean
    isCollaborative: Boolean
    sortField: SpaceSortField
    sortDirection: SortDirection
    pageSize: Int
    pageNumber: Int
    first: Int
  ): [Space!]
    @rest(
      path: "/spaces"
      query: ["environmentId=$parent.id", "search=$args.search", "namespace=$args.namespace", "archived=$args.archived", "isCollaborative=$args.isCollaborative", "sortField=$args.sortField", "sortDirection=$args.sortDirection"]
      paging: COUNTED
    )
  "GET /spaces?environmentId={parent.id}&pageSize=1 → pagination.totalCount (use case: how many spaces in each environment)."
  spaceCount(archived: Boolean): Int
    @rest(path: "/spaces", query: ["environmentId=$parent.id", "archived=$args.archived", "pageSize=1"], unwrap: "pagination.totalCount")

  "GET /agents?environmentId={parent.id}"
  agents(isSystem: Boolean, search: String, pageSize: Int, pageNumber: Int, first: Int): [Agent!]
    @rest(path: "/agents", query: ["environmentId=$parent.id", "isSystem=$args.isSystem", "search=$args.search"], paging: COUNTED)
  "GET /agents?environmentId={parent.id}: one page, verbatim."
  agentsPage(isSystem: Boolean, pageSize: Int, pageNumber: Int): AgentPage
    @rest(path: "/agents", query: ["environmentId=$parent.id", "isSystem=$args.isSystem", "pageSize=$args.pageSize", "pageNumber=$args.pageNumber"], unwrap: "$")
  "GET /agents?environmentId={parent.id}&pageSize=1 → pagination.totalCount (use case: which environments have agents deployed)."
  agentCount(isSystem: Boolean): Int
    @rest(path: "/agents", query: ["environmentId=$parent.id", "isSystem=$args.isSystem", "pageSize=1"], unwrap: "pagination.totalCount")

  "GET /events?environmentId={parent.id}. Not counted; see Query.events."
  events(
    spaceId: ID
    domain: String
    topic: String
    since: DateTime
    includeAcknowledged: Boolean = true
    pageSize: Int
    pageNumber: Int
    first: Int
  ): [Event!]
    @rest(
      path: "/events"
      query: ["environmentId=$parent.id", "spaceId=$args.spaceId", "domain=$args.domain", "topic=$args.topic", "since=$args.since", "includeAcknowledged=$args.includeAcknowledged"]
      paging: UNCOUNTED
    )

  "GET /agents/executions?environmentId={parent.id}: one row per event an agent handled."
  agentExecutions(agentId: ID, spaceId: ID, success: Boolean, pageSize: Int, pageNumber: Int, first: Int): [AgentExecution!]
    @rest(
      path: "/agents/executions"
      query: ["environmentId=$parent.id", "agentId=$args.agentId", "spaceId=$args.spaceId", "success=$args.success"]
      paging: COUNTED
    )
  "GET /agents/logs?environmentId={parent.id}"
  agentLogs(spaceId: ID, success: Boolean, pageSize: Int, pageNumber: Int, first: Int): [DetailedAgentLog!]
    @rest(path: "/agents/logs", query: ["environmentId=$parent.id", "spaceId=$args.spaceId", "success=$args.success"], paging: COUNTED)

  "GET /secrets?environmentId={parent.id}. Secret values are not exposed."
  secrets(spaceId: ID, actorId: ID): [Secret!]
    @rest(path: "/secrets", query: ["environmentId=$parent.id", "spaceId=$args.spaceId", "actorId=$args.actorId"])
}

# ───────────────────────────────────────── Space ─────────────────────────────────────────

"A Space (us_sp_…). REST: GET /spaces, GET /spaces/{id}. The space's `accessToken` and `guestLink` are credentials and are left out on purpose (§3.2)."
type Space {
  id: ID!
  "Required in the SDK type, but SpaceConfig.name is optional at create time and a 2023 consumer decodes it as optional, so it is nullable here."
  name: String
  environmentId: ID
  spaceConfigId: ID
  primaryWorkbookId: ID
  appId: ID
  isAppTemplate: Boolean
  namespace: String
  labels: [String!]
  metadata: JSON
  settings: JSON
  actions: JSON
  "SpaceAccess values: `*`, `upload`."
  access: [String!]
  guestAuthentication: [GuestAuthentication!]!
  displayOrder: Int
  isCollaborative: Boolean
  workbooksCount: Int
  filesCount: Int
  createdByUserId: ID
  createdByUserName: String
  size: SpaceSize
  createdFrom: ID
  translationsPath: String
  languageOverride: String
  createdAt: DateTime!
  updatedAt: DateTime!
  archivedAt: DateTime
  expiredAt: DateTime
  lastActivityAt: DateTime
  upgradedAt: DateTime
  lastPropagatedAt: DateTime

  "GET /environments/{parent.environmentId}"
  environment: Environment @rest(path: "/environments/{parent.environmentId}", notFoundIsNull: true)
  "GET /users/{parent.createdByUserId}"
  createdBy: User @rest(path: "/users/{parent.createdByUserId}", requirePrefix: "us_usr_", notFoundIsNull: true)
  "GET /workbooks?spaceId={parent.id}"
  workbooks(name: String, namespace: String, label: String, treatment: String, includeSheets: Boolean): [Workbook!]
    @rest(
      path: "/workbooks"
      query: ["spaceId=$parent.id", "name=$args.name", "namespace=$args.namespace", "label=$args.label", "treatment=$args.treatment", "includeSheets=$args.includeSheets"]
    )
  "GET /guests?spaceId={parent.id}"
  guests(email: String): [Guest!] @rest(path: "/guests", query: ["spaceId=$parent.id", "email=$args.email"])
  "GET /events?spaceId={parent.id}"
  events(domain: String, topic: String, since: DateTime, includeAcknowledged: Boolean = true, pageSize: Int, pageNumber: Int, first: Int): [Event!]
    @rest(
      path: "/events"
      query: ["spaceId=$parent.id", "domain=$args.domain", "topic=$args.topic", "since=$args.since", "includeAcknowledged=$args.includeAcknowledged"]
      paging: UNCOUNTED
    )
}

"SpaceSize (all fields required on the wire)."
type SpaceSize {
  id: String!
  name: String!
  numUsers: Int!
  pdv: Int!
  numFiles: Int!
}

# ───────────────────────────────────────── Agent ─────────────────────────────────────────

"A deployed listener (us_ag_…). REST: GET /agents?environmentId=, GET /agents/{id}."
type Agent {
  id: ID!
  accountId: ID!
  environmentId: ID!
  "Event topics the agent listens to, as wire strings such as `workbook:updated` (§3.4)."
  topics: [String!]
  compiler: AgentCompiler
  slug: String
  namespace: String
  isSystem: Boolean
  "AgentTemplateEnum: constraints, autobuild, autocast, webhook-egress, action-listener, automap."
  template: String
  templateOptions: JSON
  options: JSON
  packageVersions: JSON
  commitInfo: JSON
  "The full deployed bundle. It can be large; select it only when needed."
  source: String
  sourceMap: String
  createdFrom: ID
  createdAt: DateTime!
  updatedAt: DateTime!
  lastPropagatedAt: DateTime

  "GET /environments/{parent.environmentId}"
  environment: Environment @rest(path: "/environments/{parent.environmentId}", notFoundIsNull: true)
  "GET /agents/executions?environmentId={parent.environmentId}&agentId={parent.id}"
  executions(spaceId: ID, success: Boolean, pageSize: Int, pageNumber: Int, first: Int): [AgentExecution!]
    @rest(
      path: "/agents/executions"
      query: ["environmentId=$parent.environmentId", "agentId=$parent.id", "spaceId=$args.spaceId", "success=$args.success"]
      paging: COUNTED
    )
  "GET /agents/{parent.id}/logs?environmentId={parent.environmentId}. REST takes no paging parameters; the body may carry `pagination`."
  logs: [AgentLog!] @rest(path: "/agents/{parent.id}/logs", query: ["environmentId=$parent.environmentId"])
  "GET /agents/{parent.id}/versions (not paged; REST may send `data: null`, resolved as [])."
  versions: [AgentVersion!] @rest(path: "/agents/{parent.id}/versions")
  "GET /agents/{parent.id}/roles"
  roles: [ActorRole!] @rest(path: "/agents/{parent.id}/roles")
}

"GET /agents/executions row (agents.Execution)."
type AgentExecution {
  eventId: ID!
  success: Boolean!
  spaceId: ID
  topic: String!
  createdAt: DateTime!
  completedAt: DateTime!
  duration: Float!
  requestTime: Float
  requestCount: Float
  memoryUsage: Float
  "GET /events/{parent.eventId}"
  event: Event @rest(path: "/events/{parent.eventId}", notFoundIsNull: true)
}

"GET /agents/{id}/logs row (agents.AgentLog; id us_lg_…)."
type AgentLog {
  id: ID!
  agentId: ID!
  eventId: ID!
  success: Boolean!
  createdAt: DateTime!
  completedAt: DateTime!
  log: String
  topic: String
  context: JSON
  namespaces: [String!]
  queueLag: Float
  duration: Float
  memoryUsage: Float
  requestTime: Float
  requestCount: Float
  bytesReceived: Float
  bytesSent: Float
}

"GET /agents/logs row and GET /agents/log/{eventId} (agents.DetailedAgentLog)."
type DetailedAgentLog {
  eventId: ID!
  success: Boolean!
  topic: String!
  createdAt: DateTime!
  completedAt: DateTime!
  duration: Float!
  context: JSON!
  log: String
}

"GET /agents/{id}/versions row (us_agv_…)."
type AgentVersion {
  id: ID!
  version: Int!
  origin: Int!
  "Wire key is `agent_id` (snake_case)."
  agentId: ID! @derived(from: "agent_id")
  topics: [String!]
  compiler: AgentCompiler
  slug: String
  createdAt: DateTime!
  updatedAt: DateTime!
}

# ───────────────────────────────────────── Event ─────────────────────────────────────────

"""
An event (us_evt_…). REST: GET /events, GET /events/{id}. On the wire the event is a union discriminated by `topic`;
every member has the same GenericEvent shape, so it is one object type here.
"""
type Event {
  id: ID!
  "Wire topic, e.g. `workbook:updated`, `job:completed`, `space:guestAdded` (§3.4)."
  topic: String!
  "Wire domain, e.g. `workbook`, `job`, `data-clip` (§3.4)."
  domain: String!
  createdAt: DateTime!
  deletedAt: DateTime
  acknowledgedAt: DateTime
  acknowledgedBy: String
  payload: JSON!
  context: EventContext!
  attributes: EventAttributes
  callbackUrl: String
  dataUrl: String
  target: String
  origin: EventOrigin
  namespaces: [String!]

  "GET /environments/{parent.context.environmentId}"
  environment: Environment @rest(path: "/environments/{parent.context.environmentId}", notFoundIsNull: true)
  "GET /spaces/{parent.context.spaceId} (null when the event has no space)."
  space: Space @rest(path: "/spaces/{parent.context.spaceId}", notFoundIsNull: true)
  "From the prefix of context.actorId: us_usr_ → user, us_g_ → guest, us_ag_ → agent, us_key_ → api_key [I]."
  actorKind: ActorKind! @derived(from: "context.actorId", rule: ACTOR_KIND)
  """
  Who caused the event (audit log: who did it), looked up by the prefix of context.actorId:
  GET /users/{id} (us_usr_), GET /guests/{id} (us_g_) or GET /agents/{id}?environmentId= (us_ag_).
  Null for API keys (us_key_), unknown prefixes and actors deleted since; `actorKind` and `context.actorId` still say who.
  """
  actor: Actor
    @rest(path: "/users/{parent.context.actorId}", requirePrefix: "us_usr_", typename: "User", notFoundIsNull: true)
    @rest(path: "/guests/{parent.context.actorId}", requirePrefix: "us_g_", typename: "Guest", notFoundIsNull: true)
    @rest(path: "/agents/{parent.context.actorId}", query: ["environmentId=$parent.context.environmentId"], requirePrefix: "us_ag_", typename: "Agent", notFoundIsNull: true)
}

"events.Context. accountId and environmentId are the only required keys."
type EventContext {
  accountId: ID!
  environmentId: ID!
  spaceId: ID
  workbookId: ID
  sheetId: ID
  sheetSlug: String
  snapshotId: ID
  versionId: ID
  commitId: ID
  jobId: ID
  programId: ID
  fileId: ID
  documentId: ID
  precedingEventId: ID
  "Who caused the event: us_usr_…, us_g_…, us_ag_… or us_key_… (an API key)."
  actorId: String
  appId: ID
  actionId: ID
  actionName: String
  dataClipId: ID
  threadId: ID
  entityId: String
  namespaces: [String!]
  slugs: EventContextSlugs
  filters: JSON
}

type EventContextSlugs {
  space: String
  workbook: String
  sheet: String
}

type EventAttributes {
  targetUpdatedAt: DateTime
  progress: EventProgress
}

type EventProgress {
  current: Float
  total: Float
  percent: Float
}

type EventOrigin {
  id: String
  slug: String
}

# ───────────────────────────────────── Users, guests, roles ─────────────────────────────────────

"Whoever caused an event: an account user, a guest or an agent."
union Actor = User | Guest | Agent

"An account user (us_usr_…). REST: GET /users, GET /users/{id}."
type User {
  id: ID!
  email: String!
  name: String!
  accountId: ID!
  "Identity provider, e.g. `FRONTEGG`."
  idp: String!
  idpRef: String
  metadata: JSON!
  dashboard: Int
  createdAt: DateTime!
  updatedAt: DateTime!
  lastSeenAt: DateTime
  "GET /users/{parent.id}/roles"
  roles: [ActorRole!] @rest(path: "/users/{parent.id}/roles")
}

"A guest (us_g_…). REST: GET /guests?spaceId=, GET /guests/{id}."
type Guest {
  id: ID!
  environmentId: ID!
  email: String!
  name: String!
  "The spaces this guest may enter, optionally narrowed to workbooks or sheets."
  spaces: [GuestSpaceGrant!]!
  createdAt: DateTime!
  updatedAt: DateTime!
  "GET /environments/{parent.environmentId}"
  environment: Environment @rest(path: "/environments/{parent.environmentId}", notFoundIsNull: true)
  "GET /guests/{parent.id}/roles"
  roles: [ActorRole!] @rest(path: "/guests/{parent.id}/roles")
}

"guests.GuestSpace"
type GuestSpaceGrant {
  id: ID!
  workbooks: [IdRef!]
  sheets: [IdRef!]
  lastAccessed: DateTime
  "GET /spaces/{parent.id}"
  space: Space @rest(path: "/spaces/{parent.id}", notFoundIsNull: true)
}

type IdRef {
  id: ID!
}

"roles.RoleResponse (us_rol_…), from GET /roles."
type Role {
  id: ID!
  name: String!
  accountId: ID!
  createdAt: DateTime!
  updatedAt: DateTime!
}

"A role assignment (us_acr_…) from GET /{users|guests|agents}/{id}/roles."
type ActorRole {
  id: ID!
  roleId: ID!
  "us_usr_…, us_ag_… or us_g_…"
  actorId: ID!
  "us_acc_…, us_env_… or us_sp_…: the scope of the grant."
  resourceId: ID!
  createdAt: DateTime!
  updatedAt: DateTime!
  "The role, looked up in GET /roles (fetched once per query)."
  role: Role @rest(path: "/roles", pick: "id=$parent.roleId")
}

"secrets.Secret (us_sec_…). `value` exists on the wire but is left out of this schema on purpose."
type Secret {
  id: ID!
  name: String!
  environmentId: ID
  spaceId: ID
  actorId: ID
}

"accounts.Account (us_acc_…), from GET /accounts/current."
type Account {
  id: ID!
  name: String!
  primaryDomain: String
  subdomain: String
  vanityDomainDashboard: String
  vanityDomainSpaces: String
  embeddedDomainWhitelist: [String!]
  customFromEmail: String
  defaultAppId: ID
  dashboard: Int
  metadata: JSON!
  createdAt: DateTime!
  updatedAt: DateTime!
}

# ───────────────────────────────────── Workbooks, sheets, records ─────────────────────────────────────

"A workbook (us_wb_…). REST: GET /workbooks?spaceId=, GET /workbooks/{id}."
type Workbook {
  id: ID!
  name: String
  spaceId: ID!
  environmentId: ID!
  namespace: String
  labels: [String!]
  "WorkbookTreatments: EXTRACTED_FROM_SOURCE, SMALL_DATA."
  treatments: [String!]
  metadata: JSON
  settings: JSON
  actions: JSON
  storageType: String
  "StorageStrategy: RAINBOW_TABLES, CELL_HISTORY, HYPERCUBE, QUICKSTORE, DUCKDB, FOREIGNDB, MEMCSV."
  storageStrategy: String
  folder: String
  createdFrom: ID
  createdAt: DateTime!
  updatedAt: DateTime!
  expiredAt: DateTime
  lastPropagatedAt: DateTime

  "Uses the `sheets` array embedded in the parent (the list includes it unless includeSheets=false); otherwise GET /sheets?workbookId={parent.id}."
  sheets: [Sheet!] @rest(path: "/sheets", query: ["workbookId=$parent.id"], embedded: "sheets")
  "GET /spaces/{parent.spaceId}"
  space: Space @rest(path: "/spaces/{parent.spaceId}", notFoundIsNull: true)
}

"A sheet (us_sh_…). REST: GET /sheets?workbookId=, GET /sheets/{id}."
type Sheet {
  id: ID!
  workbookId: ID!
  name: String!
  slug: String!
  config: SheetConfig!
  metadata: JSON
  namespace: String
  "SheetTreatments: CLIPPED_FROM_SHEET, ENUM_REFERENCE."
  treatments: [String!]
  collection: String
  lockedBy: String
  lockedAt: DateTime
  createdFrom: ID
  createdAt: DateTime!
  updatedAt: DateTime!
  lastPropagatedAt: DateTime
  "Embedded counts. Deprecated upstream (they may be 0s); use `counts`."
  recordCounts: RecordCounts

  "GET /workbooks/{parent.workbookId}"
  workbook: Workbook @rest(path: "/workbooks/{parent.workbookId}", notFoundIsNull: true)
  "GET /sheets/{parent.id}/counts → data.counts"
  counts(filter: RecordFilter, filterField: String, searchValue: String, searchField: String, q: String, byField: Boolean, commitId: ID, sinceCommitId: ID): RecordCounts
    @rest(
      path: "/sheets/{parent.id}/counts"
      query: ["filter=$args.filter", "filterField=$args.filterField", "searchValue=$args.searchValue", "searchField=$args.searchField", "q=$args.q", "byField=$args.byField", "commitId=$args.commitId", "sinceCommitId=$args.sinceCommitId"]
      unwrap: "data.counts"
    )
  """
  GET /sheets/{parent.id}/records → data.records. REST default pageSize is 10000; the body has no totals (use `counts`).
  Without `first` or `pageNumber` every page is read.
  `ids`: at most 100. With a filter they EXCLUDE records; without a filter they INCLUDE only those records.
  """
  records(
    filter: RecordFilter
    filterField: String
    searchValue: String
    searchField: String
    q: String
    sortField: String
    sortDirection: SortDirection
    ids: [ID!]
    fields: [String!]
    commitId: ID
    sinceCommitId: ID
    includeMessages: Boolean
    includeLinks: Boolean
    pageSize: Int
    pageNumber: Int
    first: Int
  ): [Record!]
    @rest(
      path: "/sheets/{parent.id}/records"
      query: ["filter=$args.filter", "filterField=$args.filterField", "searchValue=$args.searchValue", "searchField=$args.searchField", "q=$args.q", "sortField=$args.sortField", "sortDirection=$args.sortDirection", "ids=$args.ids", "fields=$args.fields", "commitId=$args.commitId", "sinceCommitId=$args.sinceCommitId", "includeMessages=$args.includeMessages", "includeLinks=$args.includeLinks"]
      unwrap: "data.records"
      paging: UNCOUNTED
      pageSize: 10000
    )
}

"sheets.SheetConfig: the blueprint of a sheet."
type SheetConfig {
  name: String!
  description: String
  slug: String
  readonly: Boolean
  allowAdditionalFields: Boolean
  mappingConfidenceThreshold: Float
  "SheetAccess values: `*`, `add`, `edit`, `delete`, `import`."
  access: [String!]
  fields: [Field!]!
  actions: JSON
  constraints: JSON
  metadata: JSON
  treatments: [String!]
  collection: String
}

"property.Property: a field definition, discriminated by `type`."
type Field {
  key: String!
  "string, number, boolean, date, enum, reference, reference-list, string-list, enum-list"
  type: String!
  label: String
  description: String
  readonly: Boolean
  isArray: Boolean
  "A list of {type: required|unique|computed|external|stored, …}."
  constraints: JSON
  "Type-specific config, e.g. enum options or the reference target."
  config: JSON
  appearance: JSON
  metadata: JSON
  treatments: [String!]
  alternativeNames: [String!]
}

"records.RecordCounts"
type RecordCounts {
  total: Int!
  valid: Int!
  error: Int!
  "fieldKey → error count"
  errorsByField: JSON
  "fieldKey → {total, valid, error, empty}"
  byField: JSON
}

"records.RecordWithLinks (us_rc_…)."
type Record {
  id: ID!
  valid: Boolean
  messages: [ValidationMessage!]
  metadata: JSON
  config: JSON
  "Raw map of fieldKey → {value, valid, messages, metadata, layer, updatedAt, links}."
  values: JSON!
  "The `values` map as a list: one Cell per key, in JSON order."
  cells: [Cell!]! @derived(from: "values", rule: MAP_ENTRIES)
  "values[key], or null."
  cell(key: String!): Cell @derived(from: "values", rule: MAP_ENTRY)
}

"records.CellValueWithLinks, plus its key."
type Cell {
  "The field key (the map key in Record.values)."
  key: String!
  "string | number | boolean | string[] (a date is a string)."
  value: JSON
  valid: Boolean
  messages: [ValidationMessage!]
  metadata: JSON
  layer: String
  updatedAt: DateTime
  links: JSON
}

"records.ValidationMessage"
type ValidationMessage {
  field: String
  type: ValidationType
  "ValidationSource: required-constraint, unique-constraint, custom-logic, unlinked, invalid-option, is-artifact."
  source: String
  message: String
  path: String
}

# ───────────────────────────────────────── Enums ─────────────────────────────────────────

"environments.GuestAuthenticationEnum"
enum GuestAuthentication {
  shared_link
  magic_link
}

"commons.SortDirection"
enum SortDirection {
  asc
  desc
}

"spaces.GetSpacesSortField"
enum SpaceSortField {
  name
  workbooksCount
  filesCount
  environmentId
  createdByUserName
  createdAt
  lastActivityAt
}

"users.ListUsersSortField (snake_case on the wire)."
enum UserSortField {
  email
  name
  id
  idp
  idp_ref
  created_at
  updated_at
  last_seen_at
  dashboard
}

"commons.Filter"
enum RecordFilter {
  valid
  error
  all
  none
}

"records.ValidationType"
enum ValidationType {
  error
  warn
  info
}

"agents.Compiler"
enum AgentCompiler {
  js
}

"Derived by fgql from the actorId prefix [I]."
enum ActorKind {
  user
  guest
  agent
  api_key
  unknown
}

"""#
}
