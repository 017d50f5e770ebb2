import ArgumentParser
import FlatfileGraphQL
import FlatfileSandbox
import Foundation
import GraphQLCodegen

/// `fgql run --api`: which of Flatfile's two APIs the document is sent to. The CLI owns this choice; the API then decides which
/// credential in the environment comes first (`FlatfileCredentials.fromEnvironment(_:for:)` lists the order).
///
/// ```
/// fgql run spaces.graphql --api platform      # Flatfile's platform REST API, executed in-process
/// fgql run getBatches --api graphql           # Flatfile's GraphQL API at FLATFILE_API_URL
/// fgql run queries/platform/users.graphql     # auto: the fgql.json beside the schema decides
/// ```
enum APIChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// The platform API when the `fgql.json` beside the document's schema says `"endpoint": "flatfile-platform"`
    /// (as queries/platform/ does), else the GraphQL API.
    case auto
    /// Flatfile's GraphQL API (`FLATFILE_API_URL`, default https://api.us.flatfile.io/graphql).
    case graphql
    /// Flatfile's platform REST API (`FLATFILE_PLATFORM_URL`), served as GraphQL in this process.
    case platform

    static let help = ArgumentHelp(
        "Which Flatfile API to send to: graphql, platform, or auto (default: platform when the fgql.json beside "
            + "the schema says \"endpoint\": \"flatfile-platform\", else graphql). The API decides which credential "
            + "in the environment wins.",
        valueName: "auto|graphql|platform")

    /// The API asked for, or `nil` for `auto`.
    var explicit: FlatfileAPI? {
        switch self {
        case .auto: nil
        case .graphql: .legacyGraphQL
        case .platform: .platform
        }
    }
}

/// Where a command's requests go and with which credential; the one place that decides both.
///
/// The destination, first match wins:
/// 1. `--endpoint URL`: any GraphQL server; only the `-H` headers are sent, no Flatfile credential.
/// 2. `--sandbox`: a fresh local sandbox with its demo credential for the API (a Personal Access Token for the
///    platform API, the access key pair for the GraphQL API).
/// 3. Flatfile: the API `fgql run --api` chooses (see `APIChoice`; other commands use the GraphQL API), with the
///    credential `FlatfileCredentials.fromEnvironment(_:for:)` picks for that API from the variables
///    `CommandEnvironment` reads (the process environment over `.env.PROFILE` over `.env`).
enum APIRouting {
    /// The API `fgql run` sends `source` to: `choice` when explicit, else what the `fgql.json` beside the schema
    /// (or the file) says. A document from standard input has only `--schema`'s folder.
    ///
    /// - Throws: `.usage` for an `fgql.json` with errors, when it is read.
    static func api(
        _ choice: APIChoice, forSchemaOf source: DocumentSource, schema: String?, log: StandardError
    ) throws(CommandFailure) -> FlatfileAPI {
        if let explicit = choice.explicit { return explicit }
        guard let anchor = schema ?? source.path.map({ RunCommand.schemaBeside($0) ?? $0 }) else { return .legacyGraphQL }
        let folder = URL(fileURLWithPath: anchor).deletingLastPathComponent()
        let configurationFile = folder.appendingPathComponent("fgql.json").path
        guard FileManager.default.fileExists(atPath: configurationFile) else { return .legacyGraphQL }
        let (configuration, diagnostics) = Codegen.loadConfiguration(configurationFile)
        diagnostics.forEach { log.write("\($0)\n") }
        if diagnostics.containsErrors {
            throw .usage("\(configurationFile) has \(diagnostics.filter(\.isError).count) error(s); fix it to run \(source.label), or pass --api graphql or --api platform.")
        }
        return configuration.endpoint == platformEndpointKey ? .platform : .legacyGraphQL
    }

    /// The `fgql.json` `"endpoint"` value that routes `fgql run` to the platform API.
    static let platformEndpointKey = "flatfile-platform"

    /// The sandbox's own credential for `api`: real keys mean nothing to it.
    static func sandboxCredentials(for api: FlatfileAPI) -> FlatfileCredentials {
        switch api {
        case .platform: .personalAccessToken(SandboxDemo.personalAccessToken)
        case .legacyGraphQL: .accessKey(id: SandboxDemo.accessKeyId, secret: SandboxDemo.secretAccessKey)
        }
    }
}
