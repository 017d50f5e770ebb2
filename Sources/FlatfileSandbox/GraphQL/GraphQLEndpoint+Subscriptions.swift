import GraphQL
import GraphQLExecution
import OrderedCollections

/// Operations that arrive over a WebSocket (`subscribe` / `start` messages): checked like HTTP requests, then run
/// as a stream of results for a subscription, or as one result for a query or mutation.
extension GraphQLEndpoint {
    enum WebSocketOperation {
        /// A subscription: one response body per event, until the stream ends.
        case events(AsyncThrowingStream<Map, any Error>)
        /// A query or mutation: its one response body.
        case single(Map)
        /// Refused before anything ran (syntax, validation, an unknown batch): the errors.
        case refused([Map])
    }

    func start(_ payload: Map, scope: AccessScope) async -> WebSocketOperation {
        let operation: OperationRequest
        do {
            operation = try OperationRequest(payload)
        } catch {
            return .refused([Self.errorMap(GraphQLError(message: error.message), defaultCode: "BAD_REQUEST")])
        }
        let query = operation.query
        let refusal = { (errors: [GraphQLError], code: String) in
            WebSocketOperation.refused(errors.map { Self.errorMap($0, defaultCode: code) })
        }
        if let tooDeep = NestingDepth.error(in: query) { return refusal([tooDeep], "BAD_REQUEST") }
        let document: Document
        do {
            document = try parse(source: Source(body: query, name: "GraphQL request"))
        } catch let error as GraphQLError {
            return refusal([error], "GRAPHQL_PARSE_FAILED")
        } catch {
            return refusal([GraphQLError(message: "\(error)")], "GRAPHQL_PARSE_FAILED")
        }
        let problems = validate(schema: schema, ast: document)
        guard problems.isEmpty else { return refusal(problems, "GRAPHQL_VALIDATION_FAILED") }
        let context = ResolverContext(scope: scope, store: store, baseURL: baseURL.withLock { $0 })
        do {
            guard Self.operationType(in: document, named: operation.operationName) == .subscription else {
                let outcome = try await GraphQL.execute(
                    schema: schema, documentAST: document, rootValue: (), context: context,
                    variableValues: operation.variables, operationName: operation.operationName)
                return .single(Self.responseBody(data: outcome.data, errors: outcome.errors, code: nil))
            }
            let subscribed = try await graphqlSubscribe(
                schema: schema, request: query, context: context, variableValues: operation.variables,
                operationName: operation.operationName)
            switch subscribed {
            case .failure(let failure):
                return refusal(failure.errors, "BAD_USER_INPUT")
            case .success(let results):
                return .events(AsyncThrowingStream { continuation in
                    let forwarding = Task {
                        do {
                            for try await result in results {
                                continuation.yield(
                                    Self.responseBody(data: result.data, errors: result.errors, code: nil))
                            }
                            continuation.finish()
                        } catch {
                            continuation.finish(throwing: error)
                        }
                    }
                    continuation.onTermination = { _ in forwarding.cancel() }
                })
            }
        } catch let error as GraphQLError {
            return refusal([error], "BAD_USER_INPUT")
        } catch {
            return refusal([GraphQLError(message: "\(error)")], "INTERNAL_SERVER_ERROR")
        }
    }
}
