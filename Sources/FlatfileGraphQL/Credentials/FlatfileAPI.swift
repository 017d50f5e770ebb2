/// Which of Flatfile's two APIs a client talks to; it decides which credential in the environment comes first
/// (the order is `FlatfileCredentials.fromEnvironment(_:for:)`'s table).
///
/// ```swift
/// let configuration = try FlatfileConfiguration.fromEnvironment(for: .platform)   // FLATFILE_API_KEY=pat_… first
/// ```
public enum FlatfileAPI: Sendable, Hashable {
    /// The GraphQL API at `FLATFILE_API_URL` (`https://api.us.flatfile.io`), where an access key pair comes first.
    case legacyGraphQL
    /// The REST API at `FLATFILE_PLATFORM_URL` (`https://platform.flatfile.com/api`), which fgql serves as GraphQL
    /// in-process; it takes API keys, client or user credentials, so an access key pair comes last.
    case platform
}
