import Foundation
import Testing

/// The module map (`ModuleMap.rows`) holds: no module imports across a forbidden line, and `Package.swift` declares
/// what the map allows and nothing else.
@Suite struct ModuleBoundaryTests {
    /// The package root: the nearest folder above this file holding fgql's `Package.swift`.
    static func packageRoot(file: String = #filePath) throws -> URL {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.path != "/" {
            let manifest = folder.appendingPathComponent("Package.swift")
            if let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains("name: \"fgql\"") {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        throw ModuleMapError("no Package.swift of fgql above \(file)")
    }

    static func row(_ module: String) throws -> ModuleRow {
        try #require(ModuleMap.rows.first { $0.module == module })
    }

    // MARK: The package as it is

    @Test func everyImportOfEveryModuleStaysInsideTheModuleMap() throws {
        let root = try Self.packageRoot()
        var scanned = 0
        for row in ModuleMap.rows {
            let files = try BoundaryCheck.swiftFiles(of: row, root: root)
            #expect(!files.isEmpty, "\(row.module): no .swift file under \(row.folder)")
            scanned += files.count
            for violation in try BoundaryCheck.violations(of: row, root: root) {
                Issue.record("\(violation)")
            }
        }
        #expect(scanned > 150, "only \(scanned) files were scanned: is the package root right?")
    }

    @Test func packageSwiftDeclaresForEachModuleWhatTheModuleMapAllowsAndNothingElse() throws {
        let root = try Self.packageRoot()
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = try ManifestTarget.parse(manifest)
        #expect(targets.count >= ModuleMap.rows.count)
        for problem in BoundaryCheck.manifestDisagreements(targets, rows: ModuleMap.rows) {
            Issue.record("\(problem)")
        }
    }

    // MARK: The check itself can fail

    @Test func aRuntimeFileImportingTheGraphQLLibraryIsReportedWithItsFileLineAndRule() throws {
        let text = """
            import Foundation
            #if canImport(FoundationNetworking)
            import FoundationNetworking
            #endif
            import GraphQL
            """
        let violations = BoundaryCheck.violations(
            in: text, file: "Sources/FlatfileGraphQL/Fake.swift", of: try Self.row("FlatfileGraphQL"))
        let descriptions = violations.map(\.description)
        #expect(violations.allSatisfy { $0.line == 5 && $0.imported == "GraphQL" }, "\(descriptions)")
        #expect(descriptions.contains {
            $0.hasPrefix("Sources/FlatfileGraphQL/Fake.swift:5: FlatfileGraphQL imports GraphQL: the runtime (FlatfileGraphQL) imports only Foundation")
        }, "\(descriptions)")
    }

    @Test func theRuntimeMayImportFoundationNetworkingOnlyUnderCanImport() throws {
        let violations = BoundaryCheck.violations(
            in: "import Foundation\nimport FoundationNetworking\n", file: "Sources/FlatfileGraphQL/Fake.swift",
            of: try Self.row("FlatfileGraphQL"))
        #expect(!violations.isEmpty)
        #expect(violations.allSatisfy { $0.line == 2 && $0.imported == "FoundationNetworking" })
    }

    @Test func onlyTheCLIBenchmarksAndTestsImportTheSandbox() throws {
        for module in ["FlatfileGraphQL", "FlatfilePlatform", "GraphQLCodegen", "FlatfileQueries"] {
            let violations = BoundaryCheck.violations(
                in: "import struct FlatfileSandbox.SandboxServer\n", file: "Fake.swift", of: try Self.row(module))
            #expect(violations.contains { $0.rule.hasPrefix("nothing but the CLI (fgql), fgql-bench and tests imports FlatfileSandbox") },
                    "\(module): \(violations)")
        }
        for module in ["fgql", "fgql-bench"] {
            #expect(BoundaryCheck.violations(in: "import FlatfileSandbox\n", file: "Fake.swift", of: try Self.row(module)).isEmpty)
        }
    }

    @Test func theGeneratorNeverImportsTheRuntimeEvenReExportedOrTestable() throws {
        for (module, line) in [
            ("GraphQLCodegen", "@_exported import FlatfileGraphQL"), ("fgql-codegen", "@testable import FlatfileGraphQL"),
            ("FGQLCodegenPlugin", "public import FlatfilePlatform"),
        ] {
            let violations = BoundaryCheck.violations(in: "import Foundation\n\(line)\n", file: "Fake.swift", of: try Self.row(module))
            #expect(violations.contains { $0.line == 2 && $0.rule.hasPrefix("the generator") }, "\(module): \(violations)")
        }
    }

    @Test func theCLIImportsTheNIOModuleOnlyWhereAnAppleBuildDoesNot() throws {
        let cli = try Self.row("fgql")
        let guarded = "#if canImport(FlatfileGraphQLNIO)\nimport FlatfileGraphQLNIO\n#endif\n"
        let linux = "#if os(Linux)\nimport FlatfileGraphQLNIO\n#endif\n"
        let unguarded = "import FlatfileGraphQLNIO\n"
        let elseBranch = "#if canImport(FlatfileGraphQLNIO)\n#else\nimport FlatfileGraphQLNIO\n#endif\n"
        #expect(BoundaryCheck.violations(in: guarded, file: "Fake.swift", of: cli).isEmpty)
        #expect(BoundaryCheck.violations(in: linux, file: "Fake.swift", of: cli).isEmpty)
        #expect(BoundaryCheck.violations(in: unguarded, file: "Fake.swift", of: cli).contains { $0.rule.hasPrefix("FlatfileGraphQLNIO is imported") })
        #expect(BoundaryCheck.violations(in: elseBranch, file: "Fake.swift", of: cli).contains { $0.line == 3 })
        #expect(!BoundaryCheck.violations(in: guarded, file: "Fake.swift", of: try Self.row("FlatfilePlatform")).isEmpty)
    }

    @Test func importsInStringLiteralsAndCommentsAreNotImports() {
        let text = #"""
            import Foundation
            let template = """
                import FlatfileSandbox
                """
            // import FlatfileSandbox
            /*
             import FlatfileSandbox
             */
            let url = "https://example.com" // """ in a comment opens no string
            @preconcurrency import GraphQL
            """#
        #expect(ImportScanner.imports(in: text).map(\.module) == ["Foundation", "GraphQL"])
        #expect(ImportScanner.imports(in: text).last?.line == 10)
    }

    @Test func aManifestDependencyTheMapDoesNotAllowIsReported() throws {
        let manifest = """
            let package = Package(
                name: "fgql",
                targets: [
                    // The runtime (a comment with a bracket [ that does not close).
                    .target(name: "FlatfileGraphQL", dependencies: [.product(name: "GraphQL", package: "GraphQL")]),
                    .executableTarget(
                        name: "fgql",
                        dependencies: ["FlatfileGraphQL", "FlatfileGraphQLNIO", "FlatfilePlatform", "FlatfileSandbox",
                                       "GraphQLCodegen", .product(name: "ArgumentParser", package: "swift-argument-parser")]
                    ),
                    .target(name: "Stray", path: "Sources/Stray"),
                    .testTarget(name: "fgqlTests", dependencies: ["fgql"]),
                ]
            )
            """
        let targets = try ManifestTarget.parse(manifest)
        #expect(targets.map(\.name) == ["FlatfileGraphQL", "fgql", "Stray", "fgqlTests"])
        let rows = ModuleMap.rows.filter { ["FlatfileGraphQL", "fgql"].contains($0.module) }
        let problems = BoundaryCheck.manifestDisagreements(targets, rows: rows)
        #expect(problems.contains("FlatfileGraphQL depends on GraphQL in Package.swift, which the module map does not allow"))
        #expect(problems.contains("fgql's dependency on FlatfileGraphQLNIO must have a platform condition in Package.swift"))
        #expect(problems.contains("Package.swift's Stray has no row in the module map (ModuleMap.rows)"))
        #expect(problems.count == 3, "\(problems)")
    }
}
