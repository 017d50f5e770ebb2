import Foundation

/// The seeded account's user, as the auth endpoints describe it.
enum DemoUser {
    /// The legacy API's numeric user id; tokens carry it as the string `sub`.
    static let legacyId = 4242
    static let name = "Sandbox Demo"
    static let platformUserId = "us_usr_5a4db0c0"
    static let platformAccountId = "us_acc_5a4db0c0"
    static let createdAt = "2024-01-01T00:00:00.000Z"

    /// Checks a secret in time independent of where it differs.
    static func matches(_ given: String, _ expected: String) -> Bool {
        let given = Array(given.utf8)
        let expected = Array(expected.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The legacy exchange's success body: `{accessToken, user: {…}}`, with nulls written out as Flatfile does.
struct AccessKeyExchangeResponse: Encodable {
    struct User: Encodable {
        let id = DemoUser.legacyId
        let name = DemoUser.name
        let email = SandboxDemo.email
        let type = "user"
        let jobTitle: String? = nil
        let githubUsername: String? = nil
        let trialEndsAt: String? = nil
        let lastLoginAt: String
        let createdAt = DemoUser.createdAt
        let updatedAt = DemoUser.createdAt

        private enum CodingKeys: String, CodingKey {
            case id, name, email, type, jobTitle, githubUsername, trialEndsAt, lastLoginAt, createdAt, updatedAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(email, forKey: .email)
            try container.encode(type, forKey: .type)
            try container.encode(jobTitle, forKey: .jobTitle)
            try container.encode(githubUsername, forKey: .githubUsername)
            try container.encode(trialEndsAt, forKey: .trialEndsAt)
            try container.encode(lastLoginAt, forKey: .lastLoginAt)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(updatedAt, forKey: .updatedAt)
        }
    }

    let accessToken: String
    let user: User
}

/// The platform `/v1/auth` success body: `{data: {accessToken, expiresIn, expires, email, userId, accountId}}`.
struct PlatformAuthResponse: Encodable {
    struct Token: Encodable {
        let accessToken: String
        let expiresIn: Int
        /// RFC 1123 date, e.g. `Mon, 23 Nov 2026 18:00:00 GMT`.
        let expires: String
        let email = SandboxDemo.email
        let userId = DemoUser.platformUserId
        let accountId = DemoUser.platformAccountId
    }

    let data: Token

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
