import FlatfileGraphQL
import GraphQL
import GraphQLExecution

/// The platform schema, built from `FlatfilePlatformSchema.sdl` once per process, with the REST resolvers attached.
enum PlatformSchema {
    private static let built: Result<GraphQLSchema, GraphQLClientError> = {
        do {
            let schema = try buildSchema(source: FlatfilePlatformSchema.sdl)
            try FieldResolvers.attach(to: schema)
            return .success(try schema.resolvingAbstractTypes())
        } catch {
            return .failure(.configuration(ConfigurationFailure(
                problem: "The bundled Flatfile platform schema cannot be executed: \(error)",
                fix: "This is a bug in fgql; please report it with this message.")))
        }
    }()

    static func executable() throws(GraphQLClientError) -> GraphQLSchema {
        try built.get()
    }
}
