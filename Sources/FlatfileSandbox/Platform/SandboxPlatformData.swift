/// The seeded Flatfile platform account a sandbox serves under `/v1/…`, readable by tests in any target.
///
/// Every value is what the REST API sends on the wire (ids with Flatfile's prefixes, ISO-8601 timestamps), so a
/// test can compare a client's answer with the seed directly. The data is read-only and the same for the same
/// `SandboxConfiguration.seed`.
///
/// ```swift
/// try await withSandbox { sandbox in
///     let since = "2025-03-01T00:00:00.000Z"
///     let expected = sandbox.platform.events.filter { $0.createdAt >= since }
///     // … run the audit-log query with SandboxDemo.personalAccessToken and compare ids and actors …
/// }
/// ```
public struct SandboxPlatformData: Sendable {
    /// The account every credential belongs to (`GET /v1/accounts/current`).
    public let account: Account
    /// Development and production environments; `SandboxDemo.platformEnvironmentIds` in this order.
    public let environments: [Environment]
    /// Every space, archived ones included (`archivedAt` set); the API lists archived ones only with `archived=true`.
    public let spaces: [Space]
    /// Agents of some environments (not all).
    public let agents: [Agent]
    /// Every event of every environment, newest first (the order `GET /v1/events` pages in). Acknowledged events
    /// (handled by an agent) are listed by the API only with `includeAcknowledged=true`.
    public let events: [Event]
    /// The account's users; the first is the demo user who owns every credential.
    public let users: [User]
    /// Guests, each invited to spaces of one environment.
    public let guests: [Guest]
    /// Workbooks with their sheets embedded (as `GET /v1/workbooks` sends them).
    public let workbooks: [Workbook]
    /// Records of every sheet, in sheet order then row order.
    public let records: [Record]
    /// The account's roles (`GET /v1/roles`).
    public let roles: [Role]
    /// Role grants of users and guests (`GET /v1/{users|guests}/{id}/roles`).
    public let actorRoles: [ActorRole]
    /// Environment secrets, some overridden per space.
    public let secrets: [Secret]
    /// One row per event an agent handled (`GET /v1/agents/executions`), newest first.
    public let executions: [Execution]

    /// Every sheet of every workbook.
    public var sheets: [Sheet] { workbooks.flatMap { $0.sheets ?? [] } }

    /// The environment, space, user, guest or agent with this id, if seeded.
    public func environment(_ id: String) -> Environment? { environments.first { $0.id == id } }
    public func space(_ id: String) -> Space? { spaces.first { $0.id == id } }
    public func user(_ id: String) -> User? { users.first { $0.id == id } }
    public func guest(_ id: String) -> Guest? { guests.first { $0.id == id } }
    public func agent(_ id: String) -> Agent? { agents.first { $0.id == id } }

    init(
        account: Account, environments: [Environment], spaces: [Space], agents: [Agent], events: [Event],
        users: [User], guests: [Guest], workbooks: [Workbook], records: [Record], roles: [Role],
        actorRoles: [ActorRole], secrets: [Secret], executions: [Execution]
    ) {
        self.account = account
        self.environments = environments
        self.spaces = spaces
        self.agents = agents
        self.events = events
        self.users = users
        self.guests = guests
        self.workbooks = workbooks
        self.records = records
        self.roles = roles
        self.actorRoles = actorRoles
        self.secrets = secrets
        self.executions = executions
    }
}

extension SandboxPlatformData {
    /// `accounts.Account` (us_acc_…).
    public struct Account: Sendable, Encodable, Equatable {
        public let id: String
        public let name: String
        public let subdomain: String
        public let metadata: [String: String]
        public let createdAt: String
        public let updatedAt: String
    }

    /// `environments.Environment` (us_env_…).
    public struct Environment: Sendable, Encodable, Equatable {
        public let id: String
        public let accountId: String
        public let name: String
        public let isProd: Bool
        public let guestAuthentication: [String]
        public let features: [String: Bool]
        public let metadata: [String: String]
        public let namespaces: [String]?
    }

    /// `spaces.Space` (us_sp_…), without the `accessToken` and `guestLink` credentials.
    public struct Space: Sendable, Encodable, Equatable {
        public let id: String
        public let name: String
        public let environmentId: String
        public let namespace: String?
        public let guestAuthentication: [String]
        public let isCollaborative: Bool
        public let workbooksCount: Int
        public let filesCount: Int
        public let createdByUserId: String
        public let createdByUserName: String
        public let primaryWorkbookId: String?
        public let createdAt: String
        public let updatedAt: String
        public let lastActivityAt: String?
        /// Set when the space is archived.
        public let archivedAt: String?
    }

    /// `agents.Agent` (us_ag_…).
    public struct Agent: Sendable, Encodable, Equatable {
        public let id: String
        public let accountId: String
        public let environmentId: String
        /// The event topics it listens to, e.g. `workbook:updated`.
        public let topics: [String]
        public let compiler: String
        public let slug: String
        public let isSystem: Bool
        public let source: String
        public let createdAt: String
        public let updatedAt: String
    }

    /// `events.Context`: where an event happened and who caused it.
    public struct EventContext: Sendable, Encodable, Equatable {
        public let accountId: String
        public let environmentId: String
        public let spaceId: String?
        public let workbookId: String?
        public let sheetId: String?
        /// us_usr_… (user), us_g_… (guest), us_ag_… (agent) or us_key_… (API key).
        public let actorId: String
    }

    /// `events.Event` (us_evt_…).
    public struct Event: Sendable, Encodable, Equatable {
        public let id: String
        /// e.g. `records:created`.
        public let topic: String
        /// e.g. `workbook`.
        public let domain: String
        public let createdAt: String
        public let acknowledgedAt: String?
        /// The agent that handled the event.
        public let acknowledgedBy: String?
        public let payload: [String: Int]
        public let context: EventContext
        public let namespaces: [String]
        public let callbackUrl: String
        public let dataUrl: String

        public var environmentId: String { context.environmentId }
        public var actorId: String { context.actorId }
    }

    /// `users.User` (us_usr_…).
    public struct User: Sendable, Encodable, Equatable {
        public let id: String
        public let email: String
        public let name: String
        public let accountId: String
        public let idp: String
        public let metadata: [String: String]
        public let dashboard: Int?
        public let createdAt: String
        public let updatedAt: String
        public let lastSeenAt: String?
    }

    /// `guests.GuestSpace`: a space a guest may enter.
    public struct GuestSpace: Sendable, Encodable, Equatable {
        public let id: String
        public let lastAccessed: String?
    }

    /// `guests.Guest` (us_g_…).
    public struct Guest: Sendable, Encodable, Equatable {
        public let id: String
        public let environmentId: String
        public let email: String
        public let name: String
        public let spaces: [GuestSpace]
        public let createdAt: String
        public let updatedAt: String
    }

    /// `property.Property` of a sheet's config.
    public struct Field: Sendable, Encodable, Equatable {
        public struct Constraint: Sendable, Encodable, Equatable {
            public let type: String
        }

        public let key: String
        /// `string`, `number`, `boolean` or `date`.
        public let type: String
        public let label: String
        public let constraints: [Constraint]?
    }

    /// `sheets.SheetConfig`.
    public struct SheetConfig: Sendable, Encodable, Equatable {
        public let name: String
        public let slug: String
        public let fields: [Field]
    }

    /// `records.RecordCounts`.
    public struct RecordCounts: Sendable, Encodable, Equatable {
        public let total: Int
        public let valid: Int
        public let error: Int
    }

    /// `sheets.Sheet` (us_sh_…).
    public struct Sheet: Sendable, Encodable, Equatable {
        public let id: String
        public let workbookId: String
        public let name: String
        public let slug: String
        public let config: SheetConfig
        public let recordCounts: RecordCounts
        public let createdAt: String
        public let updatedAt: String
    }

    /// `workbooks.Workbook` (us_wb_…).
    public struct Workbook: Sendable, Encodable, Equatable {
        public let id: String
        public let name: String
        public let spaceId: String
        public let environmentId: String
        public let labels: [String]
        public let namespace: String?
        /// Embedded unless a list asks `includeSheets=false`.
        public internal(set) var sheets: [Sheet]?
        public let createdAt: String
        public let updatedAt: String
    }

    /// A record's cell value: string, number, boolean or null.
    public enum Value: Sendable, Encodable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .bool(let flag): try container.encode(flag)
            case .null: try container.encodeNil()
            }
        }
    }

    /// `records.ValidationMessage`.
    public struct ValidationMessage: Sendable, Encodable, Equatable {
        /// `error`, `warn` or `info`.
        public let type: String
        public let source: String
        public let message: String
    }

    /// `records.CellValueWithLinks`.
    public struct Cell: Sendable, Encodable, Equatable {
        public let value: Value
        public let valid: Bool
        public let messages: [ValidationMessage]
    }

    /// `records.RecordWithLinks` (us_rc_…); `sheetId` says where it lives and is not sent.
    public struct Record: Sendable, Encodable, Equatable {
        public let id: String
        public let sheetId: String
        public let values: [String: Cell]
        public let valid: Bool
        public let metadata: [String: String]

        private enum CodingKeys: String, CodingKey {
            case id, values, valid, metadata
        }
    }

    /// `roles.RoleResponse` (us_rol_…).
    public struct Role: Sendable, Encodable, Equatable {
        public let id: String
        public let name: String
        public let accountId: String
        public let createdAt: String
        public let updatedAt: String
    }

    /// `roles.ActorRoleResponse` (us_acr_…): a role granted to a user, guest or agent on an account, environment
    /// or space.
    public struct ActorRole: Sendable, Encodable, Equatable {
        public let id: String
        public let roleId: String
        public let actorId: String
        public let resourceId: String
        public let createdAt: String
        public let updatedAt: String
    }

    /// `secrets.Secret` (us_sec_…). The value is a made-up demo value.
    public struct Secret: Sendable, Encodable, Equatable {
        public let id: String
        public let name: String
        public let value: String
        public let environmentId: String
        public let spaceId: String?
    }

    /// `agents.Execution`: an agent handling one event; `agentId` is not sent.
    public struct Execution: Sendable, Encodable, Equatable {
        public let agentId: String
        public let eventId: String
        public let success: Bool
        public let spaceId: String?
        public let topic: String
        public let createdAt: String
        public let completedAt: String
        public let duration: Double

        private enum CodingKeys: String, CodingKey {
            case eventId, success, spaceId, topic, createdAt, completedAt, duration
        }
    }
}
