import FlatfileGraphQL
import FlatfilePlatform
import FlatfileSandbox
import Foundation

/// A ready client for one command run, and the sandbox it started, if any.
///
/// Where it sends and with which credential is `APIRouting`'s order: `--endpoint` (any GraphQL API, headers from
/// `-H`), `--sandbox` (a fresh in-process sandbox with its demo credential), or Flatfile with the credential the
/// environment, `.env` and `--profile` give for the API.
struct Connection {
    let client: GraphQLClient
    /// The variables the command sees (process environment over `.env` files; sandbox defaults under `--sandbox`).
    let environment: [String: String]
    /// The sandbox to stop when the command ends.
    let sandbox: SandboxServer?
    /// Flatfile credentials in use, when talking to Flatfile.
    let configuration: FlatfileConfiguration?
    /// Where exchanged tokens are cached between runs, when they are.
    let tokenPersistence: FileTokenPersistence?
    /// Where the run's diagnostics go.
    let log: StandardError

    static func open(
        _ options: ConnectionOptions, api: FlatfileAPI = .legacyGraphQL, workingDirectory: URL, log: StandardError
    ) async throws(CommandFailure) -> Connection {
        let loaded = try CommandEnvironment.load(profile: options.profile, directory: workingDirectory)
        loaded.warnings.forEach { log.warning($0) }
        let headers = try options.headers.map { header throws(CommandFailure) in try HeaderArgument(parsing: header) }
        let (platformTransport, transportName) = PlatformTransport.make()
        if options.verbose { log.note("sending with \(transportName)") }
        let transport = VerboseTransport(wrapping: platformTransport, log: options.verbose ? log : nil)
        let clientOptions = options.clientOptions(onRetry: Self.retryReporter(verbose: options.verbose, log: log))
        let headerFields = Dictionary(headers.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })

        if let endpoint = options.endpoint {
            let url: URL
            do {
                url = try EndpointURLRule.parse(endpoint, source: "--endpoint")
            } catch {
                throw CommandFailure(error)
            }
            let client = GraphQLClient(
                endpoint: url, headers: headerFields, options: clientOptions, transport: transport,
                webSocket: PlatformTransport.webSocket())
            return Connection(client: client, environment: loaded.variables, sandbox: nil, configuration: nil, tokenPersistence: nil, log: log)
        }

        if options.sandbox {
            let sandbox: SandboxServer
            do {
                sandbox = try await SandboxServer.start()
            } catch {
                throw .network("could not start the sandbox: \(error)")
            }
            var environment = loaded.variables
            // The sandbox's own account: real license keys and environment ids mean nothing to it.
            environment["FLATFILE_LICENSE_KEY"] = SandboxDemo.licenseKey
            environment["FLATFILE_ENVIRONMENT_ID"] =
                api == .platform ? SandboxDemo.platformDevelopmentEnvironmentId : SandboxDemo.environmentId
            let configuration = FlatfileConfiguration(
                credentials: APIRouting.sandboxCredentials(for: api), apiURL: sandbox.baseURL,
                platformURL: sandbox.baseURL)
            let client = makeClient(
                api, configuration, tokenPersistence: nil, headers: headerFields, options: clientOptions,
                transport: transport)
            return Connection(
                client: client, environment: environment, sandbox: sandbox,
                configuration: configuration, tokenPersistence: nil, log: log)
        }

        let configuration: FlatfileConfiguration
        do {
            configuration = try FlatfileConfiguration.fromEnvironment(loaded.variables, for: api)
        } catch {
            throw CommandFailure(error)
        }
        let persistence = FileTokenPersistence()
        let client = makeClient(
            api, configuration, tokenPersistence: persistence, headers: headerFields, options: clientOptions,
            transport: transport)
        return Connection(
            client: client, environment: loaded.variables, sandbox: nil,
            configuration: configuration, tokenPersistence: persistence, log: log)
    }

    /// Says on stderr why the command is quiet while it waits to retry: every wait with `--verbose`, else waits
    /// of a second or more when stderr is a terminal (a short backoff is not worth a line; a log file gets none).
    private static func retryReporter(verbose: Bool, log: StandardError) -> (@Sendable (RetryEvent) -> Void)? {
        guard verbose || log.isTerminal else { return nil }
        return { event in
            guard verbose || event.wait >= .seconds(1) else { return }
            log.endProgress()
            log.note(event.description)
        }
    }

    private static func makeClient(
        _ api: FlatfileAPI, _ configuration: FlatfileConfiguration, tokenPersistence: FileTokenPersistence?,
        headers: [String: String], options: GraphQLClientOptions, transport: any HTTPTransport
    ) -> GraphQLClient {
        switch api {
        case .legacyGraphQL:
            GraphQLClient.flatfile(
                configuration, tokenPersistence: tokenPersistence, headers: headers, options: options,
                transport: transport, webSocket: PlatformTransport.webSocket())
        case .platform:
            GraphQLClient.flatfilePlatform(
                configuration, tokenPersistence: tokenPersistence, headers: headers, options: options,
                transport: transport)
        }
    }

    /// Stops the sandbox, if this connection started one, and says if the token could not be cached (the run
    /// worked, but the next one will exchange the credential again).
    func close() async {
        await sandbox?.stop()
        if let store = client.tokenProvider as? FlatfileTokenStore, let failure = await store.persistenceFailure {
            log.warning("the token could not be cached (\(failure)); the next run exchanges the credential again. Check that \(tokenPersistence?.directory.path ?? "the cache folder") is writable, or set XDG_CACHE_HOME.")
        }
    }
}

extension CommandFailure {
    /// The exit-code class of a client error; the message is the error's own, which never holds a secret.
    init(_ error: GraphQLClientError) {
        let message = String(describing: error)
        switch error {
        case .transport, .httpStatus, .decoding: self = .network(message)
        case .authentication: self = .authentication(message)
        case .graphQL: self = .graphQL(message)
        case .encoding, .configuration: self = .usage(message)
        }
    }
}
