// swift-tools-version:6.0
//
// The README's "Add fgql to your app", as a package: an executable that applies fgql's build plugin to its own
// .graphql files and fetches from Flatfile (or a sandbox) with credentials from the environment. PluginFixtureTests
// (in FlatfileQueriesTests) builds it against a sandbox in every test run and checks the README shows these files.
import PackageDescription

let package = Package(
    name: "BatchReport",
    platforms: [.macOS(.v14), .iOS(.v17)],
    dependencies: [
        .package(name: "fgql", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "BatchReport",
            dependencies: [.product(name: "FlatfileGraphQL", package: "fgql")],
            plugins: [.plugin(name: "FGQLCodegenPlugin", package: "fgql")]
        ),
    ]
)
