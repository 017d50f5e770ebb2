import Foundation
import Testing

@testable import fgql

@Suite("A .env file")
struct DotEnvTests {
    @Test("reads plain, exported, quoted and commented lines")
    func readsTheCommonForms() throws {
        let text = """
            # Flatfile development account
            FLATFILE_API_URL=https://api.us.flatfile.io
            export FLATFILE_ACCESS_KEY_ID = key-123   # trailing comment
            FLATFILE_SECRET_ACCESS_KEY='single # not a comment'
            FLATFILE_LICENSE_KEY="double \\"quoted\\"\\n"
            EMPTY=

            """
        let dotEnv = try DotEnv(parsing: text, file: ".env")
        #expect(dotEnv.variables == [
            "FLATFILE_API_URL": "https://api.us.flatfile.io",
            "FLATFILE_ACCESS_KEY_ID": "key-123",
            "FLATFILE_SECRET_ACCESS_KEY": "single # not a comment",
            "FLATFILE_LICENSE_KEY": "double \"quoted\"\n",
            "EMPTY": "",
        ])
    }

    @Test("keeps a quoted value that spans lines and reads CRLF files")
    func multilineAndCRLF() throws {
        let dotEnv = try DotEnv(parsing: "KEY=\"line one\r\nline two\"\r\nNEXT=2\r\n", file: ".env")
        #expect(dotEnv.variables["KEY"] == "line one\nline two")
        #expect(dotEnv.variables["NEXT"] == "2")
    }

    @Test("names the file and line of a malformed line without echoing it")
    func malformedLine() {
        #expect {
            try DotEnv(parsing: "A=1\nsk_sandbox_not_a_name_value\n", file: ".env.dev")
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix(".env.dev:2: expected NAME=value") && !message.contains("sk_sandbox")
        }
    }

    @Test("rejects an unclosed quote and an invalid name")
    func unclosedQuoteAndBadName() {
        #expect(throws: DotEnv.SyntaxError(file: ".env", line: 1, reason: "the value's opening \" is never closed")) {
            try DotEnv(parsing: "A=\"open\nB=2", file: ".env")
        }
        #expect(throws: DotEnv.SyntaxError.self) { try DotEnv(parsing: "1ABC=2", file: ".env") }
    }
}

@Suite("The command environment")
struct CommandEnvironmentTests {
    @Test("the real environment wins over .env.PROFILE, which wins over .env")
    func precedence() throws {
        let directory = try temporaryDirectory()
        try "A=from-env\nB=from-env\nC=from-env\n".write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        try "B=from-profile\nC=from-profile\n".write(to: directory.appendingPathComponent(".env.dev"), atomically: true, encoding: .utf8)
        let environment = try CommandEnvironment.load(profile: "dev", directory: directory, processEnvironment: ["C": "real"])
        #expect(environment.variables["A"] == "from-env")
        #expect(environment.variables["B"] == "from-profile")
        #expect(environment.variables["C"] == "real")
    }

    @Test("a missing profile file is a usage error that names the file")
    func missingProfile() throws {
        let directory = try temporaryDirectory()
        #expect {
            try CommandEnvironment.load(profile: "prod", directory: directory, processEnvironment: [:])
        } throws: { error in
            guard case CommandFailure.usage(let message) = error else { return false }
            return message.contains(".env.prod does not exist")
        }
    }

    @Test("warns when .env can be read by other users")
    func permissionWarning() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent(".env")
        try "A=1\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(try CommandEnvironment.load(profile: nil, directory: directory, processEnvironment: [:]).warnings.first?.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try CommandEnvironment.load(profile: nil, directory: directory, processEnvironment: [:]).warnings.isEmpty)
    }
}

func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgql-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}
