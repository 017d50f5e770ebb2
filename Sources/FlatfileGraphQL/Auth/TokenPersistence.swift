import Foundation
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Keeps exchanged tokens between runs, so a program that starts often (a cron job, the CLI) does not exchange
/// its credentials every time.
///
/// Keys are derived from the exchange URL, the credential's public id and a keyed fingerprint of its secret (never
/// the secret itself), so a rotated or wrong secret never picks up a token the old one earned. Implementations must
/// not throw away other keys' tokens and should fail quietly: a token that cannot be loaded is simply exchanged
/// again.
///
/// ```swift
/// let client = GraphQLClient.flatfile(credentials: credentials, tokenPersistence: FileTokenPersistence())
/// ```
public protocol TokenPersistence: Sendable {
    /// The token saved under `key`, or `nil`.
    func loadToken(forKey key: String) -> AccessToken?
    /// Saves `token` under `key`, replacing any earlier one.
    func saveToken(_ token: AccessToken, forKey key: String) throws
    /// Forgets the token saved under `key`.
    func removeToken(forKey key: String)
    /// A stable fingerprint of `secret` to key tokens by: equal for the same secret, different for another, and
    /// revealing nothing usable about it. The default is HMAC-SHA256 under a fixed key; `FileTokenPersistence`
    /// keys it with a random key of its own, so a copied cache file cannot be used to test guesses of a password.
    func fingerprint(ofSecret secret: String) -> String
}

extension TokenPersistence {
    public func fingerprint(ofSecret secret: String) -> String {
        SecretFingerprint.hex(key: SecretFingerprint.fixedKey, secret: secret)
    }
}

/// The keyed hash behind `TokenPersistence.fingerprint(ofSecret:)`.
enum SecretFingerprint {
    /// The key when no key of one's own can be kept: the fingerprint still never reveals the secret itself.
    static let fixedKey = Array("fgql token cache".utf8)

    /// The first 128 bits of HMAC-SHA256, in hex: plenty to tell secrets apart.
    static func hex(key: [UInt8], secret: String) -> String {
        String(SHA256.hex(SHA256.hmac(key: key, message: Array(secret.utf8))).prefix(32))
    }
}

/// Tokens in files under the user's cache directory, one file per key, readable only by the user.
///
/// The directory is created with mode 0700 and each file with mode 0600, written to a temporary file and renamed
/// into place so a crash never leaves half a token. Default location: `$XDG_CACHE_HOME/fgql` or `~/.cache/fgql`
/// on Linux, `~/Library/Caches/fgql` on Apple platforms.
public struct FileTokenPersistence: TokenPersistence {
    public let directory: URL

    public init(directory: URL = FileTokenPersistence.defaultDirectory()) {
        self.directory = directory
    }

    /// The default cache directory for `environment`.
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        #if canImport(Darwin)
        if let caches = FileManager.default.urls(for: .cachesDirectory, in: .userDomainMask).first {
            return caches.appendingPathComponent("fgql", isDirectory: true)
        }
        #endif
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("fgql", isDirectory: true)
        }
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
        return home.appendingPathComponent(".cache/fgql", isDirectory: true)
    }

    public func loadToken(forKey key: String) -> AccessToken? {
        guard let data = try? Data(contentsOf: fileURL(forKey: key)),
              let json = try? JSONValue(parsing: data),
              json["key"]?.stringValue == key,  // guards against a hash collision between keys
              let value = json["accessToken"]?.stringValue,
              let obtainedAt = json["obtainedAt"]?.doubleValue
        else { return nil }
        return AccessToken(
            value: value, expiresAt: json["expiresAt"]?.doubleValue.map(Date.init(timeIntervalSince1970:)),
            obtainedAt: Date(timeIntervalSince1970: obtainedAt))
    }

    public func saveToken(_ token: AccessToken, forKey key: String) throws {
        try createPrivateDirectory()
        var json: JSONObject = [
            "key": .string(key), "accessToken": .string(token.value),
            "obtainedAt": .double(token.obtainedAt.timeIntervalSince1970),
        ]
        if let expiresAt = token.expiresAt { json["expiresAt"] = .double(expiresAt.timeIntervalSince1970) }
        try writePrivateFile(JSONValue.object(json).jsonBytes(.compact), to: fileURL(forKey: key))
    }

    public func removeToken(forKey key: String) {
        try? FileManager.default.removeItem(at: fileURL(forKey: key))
    }

    /// Keyed by 32 random bytes kept in the cache directory (mode 0600, made on first use).
    public func fingerprint(ofSecret secret: String) -> String {
        SecretFingerprint.hex(key: fingerprintKey() ?? SecretFingerprint.fixedKey, secret: secret)
    }

    /// The file the token saved under `key` lives in (it may not exist).
    public func fileURL(forKey key: String) -> URL {
        directory.appendingPathComponent("token-\(Self.fingerprint(key)).json")
    }

    /// 64-bit FNV-1a of the key, in hex: a stable file name that reveals nothing readable about the key.
    static func fingerprint(_ key: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func fingerprintKey() -> [UInt8]? {
        let url = directory.appendingPathComponent("fingerprint.key")
        if let data = try? Data(contentsOf: url), data.count == 32 { return Array(data) }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        do {
            try createPrivateDirectory()
            try writePrivateFile(key, to: url)
        } catch {
            return nil
        }
        // Another process may have written its key first: whichever rename came last wins, and both read it back.
        guard let data = try? Data(contentsOf: url), data.count == 32 else { return nil }
        return Array(data)
    }

    private func createPrivateDirectory() throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // An existing directory keeps its mode from createDirectory; tighten it.
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
    }

    /// Writes `bytes` to a new 0600 file beside `destination`, then renames it over `destination`.
    private func writePrivateFile(_ bytes: [UInt8], to destination: URL) throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw Self.posixError("create \(temporary.path)") }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return fsync(descriptor) == 0 }
            while written < buffer.count {
                let result = write(descriptor, base + written, buffer.count - written)
                if result < 0 { return false }
                written += result
            }
            return fsync(descriptor) == 0
        }
        let closed = close(descriptor) == 0
        guard ok, closed, rename(temporary.path, destination.path) == 0 else {
            let error = Self.posixError("write \(destination.path)")
            unlink(temporary.path)
            throw error
        }
    }

    private static func posixError(_ action: String) -> any Error {
        NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [
            NSLocalizedDescriptionKey: "Could not \(action): \(String(cString: strerror(errno)))",
        ])
    }
}
