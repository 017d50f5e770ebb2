// swift-tools-version:6.0
//
// A user's package in miniature: it depends on fgql by path, applies FGQLCodegenPlugin to its own schema and
// .graphql files, and runs an executable that uses the generated types. Built by GraphQLCodegenTests'
// PluginFixtureTests (set FGQL_PLUGIN_FIXTURE=1), or by hand: `swift run --package-path Tests/PluginFixture`.
import PackageDescription

let package = Package(
    name: "PluginFixture",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [.executable(name: "fixture-app", targets: ["fixture-app"])],
    dependencies: [.package(name: "fgql", path: "../..")],
    targets: [
        .target(
            name: "FixtureQueries",
            dependencies: [.product(name: "FlatfileGraphQL", package: "fgql")],
            plugins: [.plugin(name: "FGQLCodegenPlugin", package: "fgql")]
        ),
        .executableTarget(name: "fixture-app", dependencies: ["FixtureQueries"]),
    ]
)
