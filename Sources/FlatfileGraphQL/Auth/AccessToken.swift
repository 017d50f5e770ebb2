import Foundation

/// A bearer token and what is known about its lifetime. Its `description` never shows the token itself.
///
/// ```swift
/// let token = try await store.accessToken()
/// print(token)   // AccessToken(subject: 42, expires: 2026-11-23T18:30:00Z)
/// ```
public struct AccessToken: Sendable, Hashable {
    /// The token sent as `Authorization: Bearer …`. Never print or log it.
    public let value: String
    /// When the token stops being accepted, when known.
    public let expiresAt: Date?
    /// When this process (or the one that persisted it) obtained the token.
    public let obtainedAt: Date

    public init(value: String, expiresAt: Date?, obtainedAt: Date = Date()) {
        self.value = value
        self.expiresAt = expiresAt
        self.obtainedAt = obtainedAt
    }

    /// The token's JWT claims, decoded without verifying the signature; `nil` when the token is not a JWT.
    public var claims: JSONWebTokenClaims? { JSONWebTokenClaims(token: value) }

    /// Whether the token should be replaced at `now`: it has expired or will within the refresh margin, so a
    /// request never leaves with a token about to expire. The margin is a tenth of the lifetime but at least five
    /// seconds (half the lifetime for very short-lived tokens), and at most a minute.
    public func needsRefresh(at now: Date = Date()) -> Bool {
        guard let expiresAt else { return false }
        let lifetime = max(0, expiresAt.timeIntervalSince(obtainedAt))
        let margin = min(60, max(lifetime / 10, min(lifetime / 2, 5)))
        return now >= expiresAt.addingTimeInterval(-margin)
    }
}

extension AccessToken: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var parts: [String] = []
        if let subject = claims?.subject { parts.append("subject: \(subject)") }
        parts.append("expires: " + (expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? "unknown"))
        return "AccessToken(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["expiresAt": expiresAt as Any, "obtainedAt": obtainedAt], displayStyle: .struct)
    }
}

/// The claims of a JSON Web Token, read without verifying its signature (the client only needs to know when the
/// token expires and whom it names; the server does the verifying).
///
/// ```swift
/// if let claims = JSONWebTokenClaims(token: token) { print(claims.expiresAt ?? "no exp") }
/// ```
public struct JSONWebTokenClaims: Sendable, Hashable {
    /// All claims of the payload.
    public let payload: JSONObject

    /// Decodes the payload of `token` (`header.payload.signature`, base64url); `nil` when it is not a JWT.
    public init?(token: String) {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, segments[0].hasPrefix("eyJ"),
              let bytes = Self.base64URLDecode(segments[1]),
              let payload = (try? JSONValue(parsing: bytes))?.objectValue
        else { return nil }
        self.payload = payload
    }

    /// The `exp` claim.
    public var expiresAt: Date? { payload["exp"]?.doubleValue.map(Date.init(timeIntervalSince1970:)) }
    /// The `iat` claim.
    public var issuedAt: Date? { payload["iat"]?.doubleValue.map(Date.init(timeIntervalSince1970:)) }
    /// The `sub` claim, as text whether the server sent a string or a number.
    public var subject: String? {
        switch payload["sub"] {
        case .string(let subject): subject
        case .int(let subject): String(subject)
        default: nil
        }
    }

    private static func base64URLDecode(_ segment: Substring) -> Data? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: text)
    }
}
