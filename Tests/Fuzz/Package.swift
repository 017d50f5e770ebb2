// swift-tools-version:6.0
//
// libFuzzer targets for fgql's two hostile-input front ends: the codegen (schema + document text) and response
// decoding (bytes off the wire → JSONValue → generated types). Kept out of the main package because each target
// hands its checks to libFuzzer's driver, which only links with `-sanitize=fuzzer`.
//
// Build and run with `Tests/Fuzz/run.sh [seconds-per-target]`.
import PackageDescription

let package = Package(
    name: "FgqlFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "fgql", path: "../..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "CodegenFuzz",
            dependencies: ["FuzzDriver", .product(name: "GraphQLCodegen", package: "fgql")]
        ),
        .executableTarget(
            name: "ResponseFuzz",
            dependencies: ["FuzzDriver", .product(name: "FlatfileQueries", package: "fgql")]
        ),
    ]
)
