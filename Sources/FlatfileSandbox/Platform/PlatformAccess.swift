/// What a credential may read in the platform API: a secret key its own environment, a Personal Access Token
/// or a `/v1/auth` token the whole account.
struct PlatformAccess {
    /// nil: every environment.
    let environmentIds: Set<String>?

    /// The legacy API's environments the keys belong to, and their platform counterparts.
    private static let platformEnvironment = [
        SandboxDemo.environmentId: SandboxDemo.platformDevelopmentEnvironmentId,
        SandboxDemo.productionEnvironmentId: SandboxDemo.platformProductionEnvironmentId,
    ]

    /// Checks the `Authorization` header with the server's token rules.
    init(authorization header: String?, issuer: TokenIssuer) throws(PlatformFailure) {
        let scope: AccessScope
        do {
            scope = try issuer.scope(forAuthorization: header)
        } catch {
            throw PlatformFailure(status: .unauthorized, errors: [.init(key: "Authorization", message: error.message)])
        }
        let credential = header?.split(separator: " ", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
        guard credential != SandboxDemo.publishableKey else {
            throw PlatformFailure(
                status: .forbidden,
                errors: [.init(
                    key: "ForbiddenError",
                    message: "A publishable key can only create spaces (POST /v1/spaces); read with a secret key or a "
                        + "Personal Access Token")])
        }
        environmentIds = scope.environmentIds.map { Set($0.compactMap { Self.platformEnvironment[$0] }) }
    }

    func allows(_ environmentId: String) -> Bool {
        environmentIds?.contains(environmentId) ?? true
    }

    /// Throws 403 unless the credential may read `environmentId`; `what` names the resource in the message.
    func require(_ environmentId: String, for what: @autoclosure () -> String) throws(PlatformFailure) {
        guard let environmentIds, !environmentIds.contains(environmentId) else { return }
        throw .otherEnvironment(what(), allowed: environmentIds)
    }

    /// The environments a list covers: the one asked for (checked), else all the credential sees.
    func environments(asked: String?) throws(PlatformFailure) -> (String) -> Bool {
        if let asked {
            try require(asked, for: "environment \(asked)")
            return { $0 == asked }
        }
        return allows
    }
}
