import GraphQL

/// `Subscription.batchStatusUpdated(batchId:)`: the source stream is the store's feed of that batch's status
/// changes; each event is the batch as it was right after its change, resolved through the schema's `Batch`
/// type like any query result.
enum SubscriptionResolvers {
    static func attach(to type: GraphQLObjectType?) throws {
        guard let type else { return }
        let fields = try type.fields()
        for (name, field) in fields {
            field.subscribe = { _, arguments, context, _ in
                guard let context = context as? ResolverContext else { return nil }
                guard name == "batchStatusUpdated" else {
                    throw SandboxDataError.badInput("The sandbox has no events for \(type.name).\(name)")
                }
                let batchId = try Arguments(arguments).requiredString("batchId")
                // The caller must be able to see the batch, as with getBatch; the error is the same.
                _ = try context.store.snapshot().visibleBatchIndex(batchId, in: context.scope)
                return context.store.batchStatusFeed.updates(of: batchId)
            }
            field.resolve = { source, _, _, _ in source as? BatchStatusFeed.Snapshot }
        }
        type.fields = { fields }
    }
}
