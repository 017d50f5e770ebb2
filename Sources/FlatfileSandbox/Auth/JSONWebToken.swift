import Crypto
import Foundation

/// The claims of a sandbox token, as Flatfile's exchanged tokens carry them.
struct TokenClaims: Codable, Sendable, Equatable {
    /// The user id.
    let sub: String
    /// Issued at, seconds since 1970.
    let iat: Int
    /// Expires at, seconds since 1970.
    let exp: Int
    /// Issue sequence number within this server; revocation works on it.
    let jti: String
    /// The user's email (exchanged access-key tokens).
    let username: String?
    /// The access key the token was exchanged for.
    let accessKeyId: String?
}

/// Why a bearer token was refused.
enum TokenRejection: Error, Equatable {
    case malformed
    case foreignSignature
    case expired
    case revoked
}

/// HS256 JSON Web Tokens signed with a key made when the server starts, so tokens of another sandbox (or an
/// earlier run) are refused as foreign.
struct TokenSigner: Sendable {
    /// Raw key bytes: `SymmetricKey` is not `Sendable` in swift-crypto 3.
    private let keyBytes: [UInt8] = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    private static let header = base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    func sign(_ claims: TokenClaims) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding a struct of strings and integers cannot fail.
        let payload = Self.base64URL((try? encoder.encode(claims)) ?? Data())
        let signingInput = Self.header + "." + payload
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Self.base64URL(Data(signature))
    }

    /// The token's claims if this server signed it; expiry and revocation are the caller's checks.
    func verify(_ token: String) throws(TokenRejection) -> TokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.data(base64URL: parts[0]),
            let header = try? JSONDecoder().decode([String: String].self, from: headerData), header["alg"] == "HS256",
            let signature = Self.data(base64URL: parts[2]),
            let payload = Self.data(base64URL: parts[1])
        else { throw .malformed }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw .foreignSignature
        }
        guard let claims = try? JSONDecoder().decode(TokenClaims.self, from: payload) else { throw .malformed }
        return claims
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
