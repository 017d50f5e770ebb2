import Foundation
import Testing

/// `fetch` and `result(for:)` take queries and mutations only: a subscription handed to them does not compile,
/// rather than going out as one POST that pretends to be a stream. Checked by type-checking small programs
/// against the FlatfileGraphQL module this test binary was built with.
@Suite struct OperationKindTests {
    private static let operations = """
        import FlatfileGraphQL

        struct Watch: GraphQLSubscription {
            static let operationName = "Watch"
            static let document = "subscription Watch { batchStatusUpdated(batchId: \\"1\\") { id } }"
            static let operationIdentifier = ""
            struct Data: Decodable, Sendable {}
            typealias Variables = NoVariables
        }

        struct List: GraphQLQuery {
            static let operationName = "List"
            static let document = "query List { getBatches { id } }"
            static let operationIdentifier = ""
            struct Data: Decodable, Sendable {}
            typealias Variables = NoVariables
        }

        """

    /// The compiler's diagnostics for `program` (empty when it type-checks).
    private func typeCheck(_ program: String) throws -> String {
        let modules = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("Modules")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-kind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("main.swift")
        try Data(program.utf8).write(to: source)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-typecheck", "-swift-version", "6", "-I", modules.path, source.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? "" : text
    }

    @Test func fetchingAQueryCompiles() throws {
        let diagnostics = try typeCheck(Self.operations + """
            func run(_ client: GraphQLClient) async throws {
                _ = try await client.fetch(List())
                _ = try await client.result(for: List())
            }
            """)
        #expect(diagnostics == "")
    }

    @Test func fetchingASubscriptionDoesNotCompile() throws {
        let fetch = try typeCheck(Self.operations + """
            func run(_ client: GraphQLClient) async throws { _ = try await client.fetch(Watch()) }
            """)
        #expect(fetch.contains("error:") && fetch.contains("GraphQLFetchableOperation"), "\(fetch)")
        let result = try typeCheck(Self.operations + """
            func run(_ client: GraphQLClient) async throws { _ = try await client.result(for: Watch()) }
            """)
        #expect(result.contains("error:") && result.contains("GraphQLFetchableOperation"), "\(result)")
    }
}
