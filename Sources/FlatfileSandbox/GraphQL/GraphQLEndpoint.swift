import Foundation
import GraphQL
import GraphQLExecution
import Hummingbird
import OrderedCollections

/// `POST /graphql` (and `GET /graphql?query=…` for queries): resolves a persisted query's hash, checks the bearer
/// token, then parses, validates and executes the document.
///
/// Status codes follow Apollo Server behind NestJS, as Flatfile runs it: unreadable bodies, syntax errors,
/// validation errors and request errors (unknown operation, bad variables) answer 400 with `errors` and no
/// `data`; anything that happened while executing answers 200 with `data` and `errors`; missing or bad
/// credentials answer 200 with an "Unauthorized" error, as Flatfile's guard does.
struct GraphQLEndpoint: Sendable {
    let schema: GraphQLSchema
    let issuer: TokenIssuer
    let store: SandboxStore
    let bodyLimit: Int
    /// The server's root URL, known once it listens.
    let baseURL: Locked<String>
    /// Documents known by their hash (automatic persisted queries).
    let persisted: PersistedQueryStore

    func respond(to request: Request) async -> Response {
        var body: Map
        if request.method == .get {
            body = Self.members(ofQueryString: request)
        } else {
            do {
                body = try await RequestBody.json(of: request, limit: bodyLimit)
            } catch {
                return JSONResponses.error(error.status, error.message, on: .graphql)
            }
        }
        do {
            body = try persisted.resolve(body)
        } catch {
            return JSONResponses.graphQLRequestError(error.status, error.message, code: error.code)
        }
        let operation: OperationRequest
        do {
            operation = try OperationRequest(body)
        } catch {
            return JSONResponses.graphQLRequestError(.badRequest, error.message, code: "BAD_REQUEST")
        }
        let scope: AccessScope
        do {
            scope = try issuer.scope(forAuthorization: request.headers[.authorization])
        } catch {
            return JSONResponses.graphQLUnauthorized(error)
        }
        return await execute(operation, scope: scope, byGET: request.method == .get)
    }

    private func execute(_ operation: OperationRequest, scope: AccessScope, byGET: Bool) async -> Response {
        let query = operation.query
        if let tooDeep = NestingDepth.error(in: query) {
            return result(errors: [tooDeep], status: .badRequest, code: "BAD_REQUEST")
        }
        let document: Document
        do {
            document = try parse(source: Source(body: query, name: "GraphQL request"))
        } catch let error as GraphQLError {
            return result(errors: [error], status: .badRequest, code: "GRAPHQL_PARSE_FAILED")
        } catch {
            return JSONResponses.graphQLRequestError(.badRequest, "\(error)", code: "GRAPHQL_PARSE_FAILED")
        }
        let problems = validate(schema: schema, ast: document)
        guard problems.isEmpty else {
            return result(errors: problems, status: .badRequest, code: "GRAPHQL_VALIDATION_FAILED")
        }
        if byGET && Self.operationType(in: document, named: operation.operationName) != .query {
            // A GET may be cached and replayed by anything on the way: only queries may travel as one.
            return JSONResponses.graphQLRequestError(
                .methodNotAllowed, "GET carries queries only; send mutations and subscriptions by POST", code: "BAD_REQUEST",
                headers: [.allow: "POST"])
        }
        if Self.operationType(in: document, named: operation.operationName) == .subscription {
            let webSocketURL = baseURL.withLock { $0 }.replacing(/^http/, with: "ws") + "/graphql"
            return JSONResponses.graphQLRequestError(
                .badRequest,
                "Subscriptions are delivered over a WebSocket: connect to \(webSocketURL) with the subprotocol "
                    + "graphql-transport-ws or graphql-ws; send queries and mutations over HTTP",
                code: "BAD_REQUEST")
        }
        let context = ResolverContext(scope: scope, store: store, baseURL: baseURL.withLock { $0 })
        do {
            let outcome = try await GraphQL.execute(
                schema: schema, documentAST: document, rootValue: (), context: context,
                variableValues: operation.variables, operationName: operation.operationName)
            guard let data = outcome.data else {
                // No data means the request itself was wrong: unknown operation, bad variables.
                return result(errors: outcome.errors, status: .badRequest, code: "BAD_USER_INPUT")
            }
            return result(data: data, errors: outcome.errors, status: .ok, code: nil)
        } catch let error as GraphQLError {
            return result(errors: [error], status: .badRequest, code: "BAD_USER_INPUT")
        } catch {
            return JSONResponses.graphQLRequestError(.internalServerError, "\(error)", code: "INTERNAL_SERVER_ERROR")
        }
    }

    /// A GET request's members: `query` and `operationName` as text, `variables` and `extensions` as JSON text.
    private static func members(ofQueryString request: Request) -> Map {
        var members = OrderedDictionary<String, Map>()
        for (name, value) in request.uri.queryParameters {
            let text = String(value)
            switch name {
            case "variables", "extensions":
                members[String(name)] = (try? JSONDecoder().decode(Map.self, from: Data(text.utf8))) ?? .string(text)
            default:
                members[String(name)] = .string(text)
            }
        }
        return .dictionary(members)
    }

    static func operationType(in document: Document, named name: String?) -> OperationType? {
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        let chosen = name.map { name in operations.first { $0.name?.value == name } } ?? operations.first
        return chosen?.operation
    }

    /// The JSON response: `data` (when given) and `errors` with locations, path and `extensions.code`.
    private func result(data: Map? = nil, errors: [GraphQLError], status: HTTPResponse.Status, code: String?) -> Response {
        do {
            let body = Self.responseBody(data: data, errors: errors, code: code)
            return JSONResponses.json(try GraphQLJSONEncoder().encode(body), status: status)
        } catch {
            return JSONResponses.graphQLRequestError(
                .internalServerError, "The result could not be encoded as JSON: \(error)", code: "INTERNAL_SERVER_ERROR")
        }
    }

    /// `{"errors"?, "data"?}` as HTTP responses and subscription events carry it.
    static func responseBody(data: Map?, errors: [GraphQLError], code: String?) -> Map {
        var body: OrderedDictionary<String, Map> = [:]
        if !errors.isEmpty {
            body["errors"] = .array(errors.map { errorMap($0, defaultCode: code) })
        }
        if let data {
            body["data"] = data
        }
        return .dictionary(body)
    }

    static func errorMap(_ error: GraphQLError, defaultCode: String?) -> Map {
        let dataError = error.originalError as? SandboxDataError
        // A subscription's source stream wraps a resolver's error with its `localizedDescription`, not its message.
        var entry: OrderedDictionary<String, Map> = ["message": .string(dataError?.message ?? error.message)]
        let locations = error.sourceLocations
        if !locations.isEmpty {
            entry["locations"] = .array(locations.map { location in
                .dictionary(["line": .number(Number(location.line)), "column": .number(Number(location.column))])
            })
        }
        if !error.path.elements.isEmpty {
            entry["path"] = .array(error.path.elements.map { element in
                switch element {
                case .index(let index): .number(Number(index))
                case .key(let key): .string(key)
                }
            })
        }
        let code = dataError?.code.rawValue ?? defaultCode ?? "INTERNAL_SERVER_ERROR"
        entry["extensions"] = .dictionary(["code": .string(code)])
        return .dictionary(entry)
    }
}

/// The body of a GraphQL request, or the payload of a WebSocket `subscribe`/`start`: `{query, variables?,
/// operationName?}`.
struct OperationRequest {
    let query: String
    let variables: [String: Map]
    let operationName: String?

    struct Problem: Error {
        let message: String
    }

    init(_ body: Map) throws(Problem) {
        let shape = "Send a JSON object {\"query\": String, \"variables\"?: Object, \"operationName\"?: String}"
        guard let fields = body.dictionary else { throw Problem(message: "The body is not a JSON object. \(shape)") }
        guard let query = fields["query"]?.string, !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Problem(message: "The body has no \"query\" string. \(shape)")
        }
        self.query = query
        switch fields["variables"] {
        case nil, .null?: variables = [:]
        case .dictionary(let values)?: variables = Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.value) })
        default: throw Problem(message: "\"variables\" must be a JSON object. \(shape)")
        }
        switch fields["operationName"] {
        case nil, .null?: operationName = nil
        case .string(let name)?: operationName = name
        default: throw Problem(message: "\"operationName\" must be a string. \(shape)")
        }
    }
}
