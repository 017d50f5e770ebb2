/// Fixed demo credentials and identifiers of the sandbox's seeded account.
///
/// They are accepted only by a sandbox server and are safe to print, commit and share. Anything that talks to a
/// sandbox — the CLI's `--sandbox`, the tests, an app developer working offline — uses these.
///
/// ```swift
/// let sandbox = try await SandboxServer.start()
/// let client = GraphQLClient.flatfile(
///     credentials: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey),
///     apiURL: sandbox.baseURL)
/// ```
public enum SandboxDemo {
    /// Access key pair for the legacy `POST /auth/access-key/exchange`.
    public static let accessKeyId = "fgql-sandbox-access-key"
    public static let secretAccessKey = "fgql-sandbox-secret-access-key"

    /// Environment-scoped keys, sent directly as the bearer token (development environment).
    public static let secretKey = "sk_sandbox_5f1d0c9a7e3b4d28"
    public static let publishableKey = "pk_sandbox_8c2e6a4f1b9d7e30"

    /// Personal Access Token, sent directly as the bearer token; sees the whole account.
    public static let personalAccessToken = "pat_sandbox_3a7f9c1e5b2d8046"

    /// API credentials for the platform `POST /v1/auth` (`{clientId, secret}`).
    public static let clientId = "fgql-sandbox-client"
    public static let clientSecret = "fgql-sandbox-client-secret"

    /// User credentials for the platform `POST /v1/auth` (`{email, password}`).
    public static let email = "demo@sandbox.fgql.invalid"
    public static let password = "fgql-sandbox-password"

    /// The seeded account's license key: the default `licenseKey` variable under `--sandbox`.
    public static let licenseKey = "5a4db0c0-0000-4000-8000-00000000f11e"
    /// The seeded development environment: the default `environmentId` variable under `--sandbox`.
    public static let environmentId = "5a4db0c0-0000-4000-8000-0000000de7e1"
    /// The seeded production environment.
    public static let productionEnvironmentId = "5a4db0c0-0000-4000-8000-0000000b0d00"
    /// The first seeded team.
    public static let teamId = "1001"

    /// The platform API's (`/v1/…`) development environment: the only one `secretKey` sees there.
    ///
    /// ```swift
    /// // GET {baseURL}/v1/spaces?environmentId=\(SandboxDemo.platformDevelopmentEnvironmentId)
    /// //     Authorization: Bearer \(SandboxDemo.secretKey)
    /// ```
    public static let platformDevelopmentEnvironmentId = "us_env_5a4db0c0"
    /// The platform API's production environment: a secret key asking for it gets 403.
    public static let platformProductionEnvironmentId = "us_env_5a4db0c1"
    /// Every platform environment, in the order `GET /v1/environments` lists them: development, production,
    /// staging, production-eu, qa. The Personal Access Token and the `/v1/auth` tokens see all of them.
    public static let platformEnvironmentIds = [
        platformDevelopmentEnvironmentId, platformProductionEnvironmentId, "us_env_5a4db0c2", "us_env_5a4db0c3",
        "us_env_5a4db0c4",
    ]
}
