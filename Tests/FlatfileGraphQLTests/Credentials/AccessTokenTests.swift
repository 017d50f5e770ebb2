import Foundation
import Testing
@testable import FlatfileGraphQL

/// Builds an unsigned JWT-shaped token at run time (tests never commit a literal token).
func makeTestJWT(_ claims: JSONValue) -> String {
    func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
    let header: JSONValue = ["alg": "HS256", "typ": "JWT"]
    return base64URL(header.jsonData()) + "." + base64URL(claims.jsonData()) + "." + base64URL(Data("sig".utf8))
}

@Suite("Access tokens")
struct AccessTokenTests {
    @Test("reads exp, iat and sub from a JWT without verifying it")
    func decodesClaims() throws {
        let token = makeTestJWT(["sub": "42", "exp": 1_900_000_000, "iat": 1_899_999_400, "username": "a@b.c"])
        let claims = try #require(JSONWebTokenClaims(token: token))
        #expect(claims.expiresAt == Date(timeIntervalSince1970: 1_900_000_000))
        #expect(claims.issuedAt == Date(timeIntervalSince1970: 1_899_999_400))
        #expect(claims.subject == "42")
        #expect(JSONWebTokenClaims(token: makeTestJWT(["sub": 7]))?.subject == "7")
    }

    @Test("anything that is not a JWT has no claims", arguments: [
        "sk_test_abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.not-base64!.x", "eyJ.e30", "",
    ])
    func notAJWT(token: String) {
        #expect(JSONWebTokenClaims(token: token) == nil)
    }

    @Test("is refreshed a tenth of its lifetime before it expires, at least 5 s (or half) and at most a minute")
    func refreshMargin() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let tiny = AccessToken(value: "t", expiresAt: start.addingTimeInterval(2), obtainedAt: start)
        #expect(!tiny.needsRefresh(at: start.addingTimeInterval(0.9)))
        #expect(tiny.needsRefresh(at: start.addingTimeInterval(1)))
        let fiveMinutes = AccessToken(value: "t", expiresAt: start.addingTimeInterval(300), obtainedAt: start)
        #expect(!fiveMinutes.needsRefresh(at: start.addingTimeInterval(269)))
        #expect(fiveMinutes.needsRefresh(at: start.addingTimeInterval(270)))
        let short = AccessToken(value: "t", expiresAt: start.addingTimeInterval(100), obtainedAt: start)
        #expect(!short.needsRefresh(at: start.addingTimeInterval(89)))
        #expect(short.needsRefresh(at: start.addingTimeInterval(90)))
        let long = AccessToken(value: "t", expiresAt: start.addingTimeInterval(86_400), obtainedAt: start)
        #expect(!long.needsRefresh(at: start.addingTimeInterval(86_339)))
        #expect(long.needsRefresh(at: start.addingTimeInterval(86_340)))
        #expect(!AccessToken(value: "t", expiresAt: nil).needsRefresh())
    }

    @Test("never shows the token in description, debugDescription or dump")
    func hidesValue() {
        let value = makeTestJWT(["sub": "user-1", "exp": 1_900_000_000])
        let token = AccessToken(value: value, expiresAt: Date(timeIntervalSince1970: 1_900_000_000))
        var dumped = ""
        dump(token, to: &dumped)
        for text in ["\(token)", String(reflecting: token), dumped] {
            #expect(!text.contains(value))
            #expect(!text.contains("eyJ"))
        }
        #expect("\(token)".contains("subject: user-1"))
    }
}

@Suite("Token persistence on disk")
struct FileTokenPersistenceTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("fgql-tests-\(UUID().uuidString)/cache")
    }

    @Test("saves, loads and removes a token under its key, in a private directory and file")
    func roundTrip() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let persistence = FileTokenPersistence(directory: directory)
        let token = AccessToken(
            value: "token-value", expiresAt: Date(timeIntervalSince1970: 2_000_000_000),
            obtainedAt: Date(timeIntervalSince1970: 1_999_999_000))
        let key = "accessKey https://api.us.flatfile.io/auth/access-key/exchange key id k1"

        #expect(persistence.loadToken(forKey: key) == nil)
        try persistence.saveToken(token, forKey: key)
        #expect(persistence.loadToken(forKey: key) == token)
        #expect(persistence.loadToken(forKey: key + "-other") == nil)

        let file = persistence.fileURL(forKey: key)
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
        #expect(!file.lastPathComponent.contains("k1"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == [file.lastPathComponent])

        persistence.removeToken(forKey: key)
        #expect(persistence.loadToken(forKey: key) == nil)
    }

    @Test("fingerprints a secret with a key of its own: stable, different per secret, never the secret")
    func secretFingerprints() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let persistence = FileTokenPersistence(directory: directory)
        let first = persistence.fingerprint(ofSecret: "s3cret-password")
        #expect(first.count == 32)
        #expect(FileTokenPersistence(directory: directory).fingerprint(ofSecret: "s3cret-password") == first)
        #expect(persistence.fingerprint(ofSecret: "s3cret-passwore") != first)
        #expect(!first.contains("s3cret"))
        // Another cache folder has another key, so the same secret does not give the same fingerprint.
        let elsewhere = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere.deletingLastPathComponent()) }
        #expect(FileTokenPersistence(directory: elsewhere).fingerprint(ofSecret: "s3cret-password") != first)
        let keyMode = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("fingerprint.key").path)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
    }

    @Test("HMAC-SHA256 matches RFC 4231's test vector")
    func hmacVector() {
        let mac = SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(SHA256.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("ignores a corrupt file instead of failing")
    func corruptFile() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let persistence = FileTokenPersistence(directory: directory)
        try persistence.saveToken(AccessToken(value: "v", expiresAt: nil), forKey: "k")
        try Data("{not json".utf8).write(to: persistence.fileURL(forKey: "k"))
        #expect(persistence.loadToken(forKey: "k") == nil)
    }

    @Test("defaults to $XDG_CACHE_HOME/fgql, else ~/.cache/fgql (Linux)")
    func defaultDirectory() {
        #if !canImport(Darwin)
        #expect(FileTokenPersistence.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/h"]).path
            == "/x/cache/fgql")
        #expect(FileTokenPersistence.defaultDirectory(environment: ["HOME": "/h"]).path == "/h/.cache/fgql")
        #endif
    }
}
