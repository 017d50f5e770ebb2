import Foundation

extension GraphQLClient {
    /// Runs `subscription` over the client's WebSocket and returns its events as typed data.
    ///
    /// ```swift
    /// let client = GraphQLClient.flatfile(credentials: credentials, webSocket: NIOWebSocketConnector())
    /// for try await event in client.subscribe(BatchStatusUpdatedSubscription(batchId: batchId)) {
    ///     print(event.batchStatusUpdated?.status ?? "?")
    ///     if event.batchStatusUpdated?.status == "submitted" { break }   // ends the subscription
    /// }
    /// ```
    ///
    /// All of a client's subscriptions share one socket, opened by the first and closed when the last ends:
    /// leaving the loop, or cancelling the task that iterates, sends `complete` (`stop` in the legacy protocol).
    /// The protocol is the endpoint's (`SubscriptionOptions.webSocketProtocol`); the token comes from the
    /// client's token provider, replaced once when `connection_init` is refused (or the socket is closed with
    /// 4401/4403), and refreshed before a reconnect when it is about to expire.
    ///
    /// A dropped socket is reopened with backoff and jitter (`SubscriptionOptions.reconnectPolicy`) and every
    /// active subscription is subscribed again; an event is never delivered twice because of it. **Events the
    /// server published while the socket was down are missed**: a consumer that needs the state (a batch's status,
    /// say) should fetch it again after a gap.
    ///
    /// - Throws (from the iteration): `GraphQLClientError.graphQL` for an event with errors (with its partial
    ///   data, as `fetch` throws), which ends the subscription; `.decoding` for an event that does not match the
    ///   types; `.authentication` when the token is refused twice; `.transport` when reconnecting gave up;
    ///   `.configuration` for a client without a WebSocket or a `ws://` URL to a remote host.
    public func subscribe<Subscription: GraphQLSubscription>(_ subscription: Subscription)
        -> SubscriptionEvents<Subscription.Data>
    {
        let request = Result { () throws(GraphQLClientError) in try GraphQLRequest(subscription) }
        return events(of: request) { response throws(GraphQLClientError) in try Subscription.data(of: response) }
    }

    /// Runs a raw subscription document and returns each event as the server sent it, errors included: the
    /// untyped counterpart of `subscribe(_:)`, as `execute` is of `fetch`.
    ///
    /// ```swift
    /// let events = client.subscribe(
    ///     document: "subscription ($id: UUID!) { batchStatusUpdated(batchId: $id) { id status } }",
    ///     variables: ["id": .string(batchId)])
    /// for try await event in events {
    ///     print(event.jsonValue.jsonString())     // {"data":{"batchStatusUpdated":{"id":"…","status":"evaluate"}}}
    /// }
    /// ```
    ///
    /// An operation the server refuses (a syntax or validation error, an unknown batch) yields one response with
    /// its `errors` and ends. Throws only when there is no GraphQL response: the socket could not be kept open,
    /// or the credentials were refused.
    public func subscribe(document: String, variables: JSONObject? = nil, operationName: String? = nil)
        -> SubscriptionEvents<GraphQLResponse>
    {
        events(of: .success(GraphQLRequest(query: document, operationName: operationName, variables: variables))) { $0 }
    }

    private func events<Element: Sendable>(
        of request: Result<GraphQLRequest, GraphQLClientError>,
        _ element: @escaping @Sendable (GraphQLResponse) throws(GraphQLClientError) -> Element
    ) -> SubscriptionEvents<Element> {
        let socket = subscriptionSocket
        return SubscriptionEvents {
            let (stream, continuation) = AsyncThrowingStream.makeStream(of: Element.self)
            let end: @Sendable () -> Void = { continuation.finish() }
            do {
                let request = try request.get()
                guard let socket else {
                    throw GraphQLClientError.configuration(ConfigurationFailure(
                        problem: "This client's endpoint is not a GraphQL server reached over HTTP, so it has no "
                            + "WebSocket for subscriptions.",
                        fix: "Create the client with GraphQLClient(endpoint: URL, …) or GraphQLClient.flatfile(…)."))
                }
                if let problem = socket.insecureURLProblem { throw GraphQLClientError.configuration(problem) }
                let sink = SubscriptionSink(
                    deliver: { response in
                        do {
                            continuation.yield(try element(response))
                            return true
                        } catch {
                            continuation.finish(throwing: error)
                            return false
                        }
                    },
                    finish: { error in continuation.finish(throwing: error) })
                let id = UUID().uuidString
                let added = Task { await socket.add(id: id, request: request, sink: sink) }
                continuation.onTermination = { _ in
                    Task {
                        await added.value
                        await socket.remove(id: id)
                    }
                }
            } catch {
                continuation.finish(throwing: error)
            }
            return (stream, end)
        }
    }
}
