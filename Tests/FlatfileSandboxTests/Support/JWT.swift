import Foundation

/// Reads a JWT's payload without checking its signature, as a client computing the expiry does.
func jwtClaims(_ token: String) -> [String: Any]? {
    let parts = token.split(separator: ".")
    guard parts.count == 3 else { return nil }
    var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    guard let data = Data(base64Encoded: base64) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}

/// `exp - iat` of a token's claims: the lifetime the server gave it.
func jwtLifetime(_ claims: [String: Any]) -> Int? {
    guard let expires = claims["exp"] as? Int, let issued = claims["iat"] as? Int else { return nil }
    return expires - issued
}
