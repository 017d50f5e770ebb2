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

    @Flag(help: "Show each request and response line on stderr (secrets redacted).")
    var verbose = false

    func validate() throws {
        if sandbox && endpoint != nil {
            throw ValidationError("--sandbox and --endpoint both say where to send requests; use one of them.")
        }
        if maxResponseBytes < 1 {
            throw ValidationError("--max-response-bytes \(maxResponseBytes) must be a positive number of bytes, e.g. 268435456 for 256 MiB.")
        }
    }
}
