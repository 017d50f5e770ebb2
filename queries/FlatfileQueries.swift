// The saved Flatfile operations in this folder are turned into typed Swift by FGQLCodegenPlugin at build time.
// Importing FlatfileQueries also gives the runtime, so apps need a single import.
@_exported import FlatfileGraphQL
