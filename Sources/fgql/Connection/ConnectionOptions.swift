import ArgumentParser
import FlatfileGraphQL

/// Where a command sends its requests and with what credentials: shared by `run`, `schema fetch` and `auth`.
struct ConnectionOptions: ParsableArguments {
    @Flag(help: "Start a local sandbox with demo data on a free port, run against it, and stop it afterwards.")
    var sandbox = false

    @Option(help: ArgumentHelp(
        "Any GraphQL endpoint URL (not Flatfile's): requests carry only the -H headers.", valueName: "url"))
    var endpoint: String?

    @Option(
        name: .customShort("H"),
        help: ArgumentHelp("A header sent with every request, as 'Name: value' (repeatable).", valueName: "header"))
    var headers: [String] = []

    @Option(help: ArgumentHelp(
        "Read .env.NAME after .env (for example dev or prod); the real environment still wins.", valueName: "name"))
    var profile: String?

    @Flag(help: "Allow plain http:// to a host other than this machine (credentials would travel unencrypted).")
    var allowInsecure = false

    @Option(help: ArgumentHelp(
        "The largest response body accepted, in bytes (default 67108864, 64 MiB); a larger answer is cut off and "
            + "fails with exit status 4.", valueName: "bytes"))
    var maxResponseBytes = GraphQLClientOptions.defaultMaximumResponseBytes

    @Option(help: ArgumentHelp(
        "The longest one request may take, in seconds (default 60); a slower answer fails with exit status 4.",
        valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp(
        "How often a query is retried after a lost connection or HTTP 429/502/503/504 (default 3; 0 never). "
            + "Mutations are never retried.", valueName: "n"))
    var retries: Int?

    @Flag(help: ArgumentHelp(
        "Send the document's SHA-256 first (automatic persisted queries; queries by GET), the document only when the "
            + "server asks for it. Falls back to full documents against servers without them."))
    var persisted = false

    @Flag(help: "Show each request and response line, and every wait before a retry, on stderr (secrets redacted).")
    var verbose = false

    func validate() throws {
        if sandbox && endpoint != nil {
            throw ValidationError("--sandbox and --endpoint both say where to send requests; use one of them.")
        }
        if maxResponseBytes < 1 {
            throw ValidationError("--max-response-bytes \(maxResponseBytes) must be a positive number of bytes, e.g. 268435456 for 256 MiB.")
        }
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout \(timeout) must be a positive number of seconds, e.g. --timeout 120 or --timeout 0.5.")
        }
        if let retries, retries < 0 {
            throw ValidationError("--retries \(retries) must be 0 (no retries) or a positive number of retries, e.g. --retries 5.")
        }
    }

    /// The client options these flags ask for; `onRetry` hears of each wait before a retry.
    func clientOptions(onRetry: (@Sendable (RetryEvent) -> Void)?) -> GraphQLClientOptions {
        var options = GraphQLClientOptions(
            allowInsecureHTTP: allowInsecure, maximumResponseBytes: maxResponseBytes, onRetry: onRetry)
        if persisted { options.persistedQueries = .automatic }
        if let timeout { options.timeout = .seconds(timeout) }
        if let retries { options.retryPolicy.maximumRetries = retries }
        return options
    }
}
