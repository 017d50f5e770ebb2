/// The GraphQL schema that `FlatfilePlatformEndpoint` executes over Flatfile's platform REST API.
public enum FlatfilePlatformSchema {
    /// The schema's SDL: `queries/platform/schema.graphqls` (which codegen and `fgql run` read), compiled into the
    /// module at build time (the target's `schema.graphqls` links to it), so an installed binary has it.
    ///
    /// ```swift
    /// try FlatfilePlatformSchema.sdl.write(toFile: "schema.graphqls", atomically: true, encoding: .utf8)
    /// ```
    public static let sdl = String(decoding: PackageResources.schema_graphqls, as: UTF8.self)
}
