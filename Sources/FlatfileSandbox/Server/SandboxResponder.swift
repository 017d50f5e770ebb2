import Hummingbird

/// Routes each request, applies latency and faults, and never lets an error escape as a bare 500.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let auth: AuthEndpoints
    let graphQL: GraphQLEndpoint
    let platform: PlatformEndpoint
    let store: SandboxStore
    let bodyLimit: Int
    let faults: SandboxFaults
    let statistics: SandboxStatistics

    /// Names the fault a response stands for, so a client's logs show it was injected.
    static let faultHeader = HTTPFields.Element.Name("X-Sandbox-Fault")!

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        guard let route = SandboxRoute(path: path) else {
            return JSONResponses.nestError(.notFound, "Cannot \(request.method) \(path)")
        }
        // `/graphql` also answers GET, for queries sent as a query string (persisted queries by hash).
        guard request.method.rawValue == route.method || (route == .graphql && request.method == .get) else {
            let allowed = route == .graphql ? "GET, POST" : route.method
            return JSONResponses.nestError(
                .methodNotAllowed, "Cannot \(request.method) \(path): use \(allowed)", headers: [.allow: allowed])
        }
        guard route == .platformAPI else { return try await respond(to: request, on: route, context: context) }
        return try await statistics.trackingPlatformRequest {
            try await respond(to: request, on: route, context: context)
        }
    }

    /// Applies latency and faults, then answers with the route's endpoint.
    private func respond(to request: Request, on route: SandboxRoute, context: Context) async throws -> Response {
        let path = request.uri.path
        statistics.recordRequest(on: route)
        var fault = faults.next(for: route)
        var delay = faults.latency
        if case .latency(let extra) = fault {
            delay += extra
            fault = nil
        }
        if delay > .zero {
            statistics.recordDelay()
            try? await Task.sleep(for: delay)
        }
        if let fault {
            statistics.recordFault(on: route)
            let response = serve(fault, on: route, context: context)
            if route == .platformAPI {
                recordPlatform(request, status: fault == .dropConnection ? nil : response.status.code, fault: fault)
            }
            return response
        }
        switch route {
        case .accessKeyExchange: return await auth.exchangeAccessKey(request)
        case .platformAuth: return await auth.authenticatePlatform(request)
        case .graphql: return await graphQL.respond(to: request)
        case .health: return JSONResponses.encode(["status": "ok"], status: .ok)
        case .upload: return await receiveUpload(request, path: path)
        case .platformAPI:
            let response = platform.respond(to: request)
            recordPlatform(request, status: response.status.code, fault: nil)
            return response
        }
    }

    /// Flatfile's clients send `X-Disable-Hooks: true` on every platform call; the statistics record it.
    static let disableHooksHeader = HTTPFields.Element.Name("X-Disable-Hooks")!

    private func recordPlatform(_ request: Request, status: Int?, fault: SandboxFault?) {
        statistics.recordPlatformRequest(
            SandboxPlatformRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                disablesHooks: request.headers[Self.disableHooksHeader]?.lowercased() == "true", status: status,
                fault: fault?.description))
    }

    /// Stores the size of a file sent to an upload URL (its bytes are not kept).
    private func receiveUpload(_ request: Request, path: String) async -> Response {
        let id = String(path.dropFirst(SandboxRoute.upload.path.count + 1).prefix { $0 != "/" })
        let byteCount: Int
        do {
            byteCount = try await request.body.collect(upTo: bodyLimit).readableBytes
        } catch {
            return JSONResponses.nestError(.contentTooLarge, BodyProblem.tooLarge(limit: bodyLimit).message)
        }
        do {
            try store.mutate { data in try data.receiveUpload(id: id, byteCount: byteCount) }
        } catch let error as SandboxDataError {
            return JSONResponses.nestError(.notFound, error.message)
        } catch {
            return JSONResponses.nestError(.internalServerError, "\(error)")
        }
        return Response(status: .ok, headers: [.contentLength: "0"])
    }

    private func serve(_ fault: SandboxFault, on route: SandboxRoute, context: Context) -> Response {
        var response: Response
        switch fault {
        case .status429(let retryAfter):
            response = JSONResponses.error(
                .tooManyRequests, "Too many requests: retry after \(retryAfter) seconds", on: route,
                headers: [.retryAfter: String(retryAfter)])
        case .status500:
            response = JSONResponses.error(.internalServerError, "Internal server error (injected by the sandbox)", on: route)
        case .status503:
            response = JSONResponses.error(
                .serviceUnavailable, "Service unavailable (injected by the sandbox)", on: route, headers: [.retryAfter: "1"])
        case .dropConnection:
            context.dropConnection()
            return Response(status: .internalServerError)
        case .malformedBody:
            response = JSONResponses.json(Array(#"{"data":{"truncated":["#.utf8), status: .ok)
        case .latency:
            response = JSONResponses.encode(["status": "ok"], status: .ok)
        }
        response.headers[Self.faultHeader] = fault.description
        return response
    }
}
