import FlatfileSandbox
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Starting and stopping a sandbox")
struct ServerLifecycleTests {
    @Test func portZeroPicksAFreeLoopbackPortAndReportsIt() async throws {
        try await withSandbox { sandbox in
            #expect(sandbox.port > 0)
            #expect(sandbox.baseURL.absoluteString == "http://127.0.0.1:\(sandbox.port)")
            #expect(sandbox.graphQLURL.absoluteString == "http://127.0.0.1:\(sandbox.port)/graphql")
        }
    }

    @Test func stopClosesThePortAndIsIdempotent() async throws {
        let sandbox = try await SandboxServer.start()
        await sandbox.stop()
        await sandbox.stop()
        await #expect(throws: URLError.self) {
            _ = try await HTTP().send("GET", sandbox.url("health"))
        }
    }

    @Test func aPortInUseIsAClearError() async throws {
        try await withSandbox { sandbox in
            _ = await #expect {
                try await SandboxServer.start(SandboxConfiguration(port: sandbox.port))
            } throws: { error in
                guard case SandboxError.cannotListen(_, let port, _) = error else { return false }
                return port == sandbox.port
            }
        }
    }

    @Test func anInvalidSchemaIsAClearError() async throws {
        await #expect {
            try await SandboxServer.start(SandboxConfiguration(schemaSDL: "type Query { broken: Missing }"))
        } throws: { error in
            guard case SandboxError.invalidSchema(let problems) = error else { return false }
            return problems.contains { $0.contains("Missing") }
        }
    }

    @Test func aSchemaNestedTenThousandLevelsDeepIsAClearErrorAtTheFirstLevelTooDeep() async throws {
        let sdl = "# café ✓\ntype Query { a: " + String(repeating: "[", count: 10_000) + "Int"
            + String(repeating: "]", count: 10_000) + " }"
        await #expect {
            try await SandboxServer.start(SandboxConfiguration(schemaSDL: sdl))
        } throws: { error in
            guard case SandboxError.invalidSchema(let problems) = error else { return false }
            // Level 101 is the 100th "[", after "type Query { a: " (where "{" is level 1).
            return problems.count == 1 && problems[0].hasPrefix("line 2, column 116: The document nests deeper than 100")
        }
    }

    @Test func aCustomSchemaServesItsFieldsAndSaysWhichHaveNoData() async throws {
        try await withSandbox(SandboxConfiguration(schemaSDL: "type Query { hello: String }")) { sandbox in
            let reply = try await sandbox.graphQL("{ hello }")
            #expect(reply.status == 200)
            #expect((value(try reply.json(), "errors", "0", "message") as? String)?.contains("Query.hello") == true)
        }
    }
}
