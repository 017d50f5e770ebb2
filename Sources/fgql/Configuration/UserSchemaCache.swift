import FlatfileGraphQL
import Foundation
import GraphQLCodegen

extension SchemaCache {
    /// The cache `run`, `validate` and `generate` share: `schemas/` in fgql's cache folder, beside the tokens
    /// (`$XDG_CACHE_HOME/fgql` or `~/.cache/fgql`; `~/Library/Caches/fgql` on macOS).
    static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> SchemaCache {
        SchemaCache(directory: FileTokenPersistence.defaultDirectory(environment: environment)
            .appendingPathComponent("schemas", isDirectory: true))
    }
}
