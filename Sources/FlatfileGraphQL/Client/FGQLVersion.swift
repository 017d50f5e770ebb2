/// fgql's version: what `fgql --version` prints and what every client sends in its `User-Agent` (`fgql/0.1.0`),
/// so a server's logs tell which fgql sent a request.
///
/// ```swift
/// print(FGQLVersion.current)          // 0.1.0
/// GraphQLClientOptions().userAgent    // fgql/0.1.0
/// ```
public enum FGQLVersion {
    /// The release this build is (CHANGELOG.md lists them).
    public static let current = "0.1.0"

    /// The `User-Agent` clients send unless told otherwise.
    public static var userAgent: String { "fgql/\(current)" }
}
