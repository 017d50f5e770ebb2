// The saved Flatfile platform operations in this folder are turned into typed Swift by FGQLCodegenPlugin at build
// time. Importing FlatfilePlatformQueries also gives the runtime and the platform endpoint
// (`GraphQLClient.flatfilePlatform(credentials:)`), so apps need a single import.
@_exported import FlatfileGraphQL
@_exported import FlatfilePlatform
