import Foundation
import GraphQL
import GraphQLExecution

/// The executable schema: the SDL of `queries/schema.graphqls` (the file the codegen reads) with the sandbox's
/// resolvers and scalar checks attached. Built once per server.
enum SandboxSchema {
    /// The text of the bundled Flatfile schema, `queries/schema.graphqls`, compiled into the module (the target's
    /// `GraphQL/schema.graphqls` links to it).
    static func bundledSDL() -> String { String(decoding: PackageResources.schema_graphqls, as: UTF8.self) }

    /// Builds and validates the schema, then attaches resolvers to every root field.
    static func build(sdl: String) throws(SandboxError) -> GraphQLSchema {
        if let tooDeep = NestingDepth.error(in: sdl) { throw .invalidSchema([describe(tooDeep)]) }
        let schema: GraphQLSchema
        do {
            schema = try buildSchema(source: sdl)
        } catch let error as GraphQLError {
            throw .invalidSchema([describe(error)])
        } catch {
            throw .invalidSchema(["\(error)"])
        }
        let problems = validateSchema(schema: schema)
        guard problems.isEmpty else { throw .invalidSchema(problems.map { describe($0) }) }
        do {
            try attach(Resolvers.query, to: schema.queryType)
            try attach(Resolvers.mutation, to: schema.mutationType)
            try SubscriptionResolvers.attach(to: schema.subscriptionType)
        } catch {
            throw .invalidSchema(["\(error)"])
        }
        installScalarChecks(in: schema)
        return schema
    }

    /// Sets every field's resolver; a field the sandbox has no data for answers with an error that says so.
    private static func attach(_ resolvers: [String: RootResolver], to type: GraphQLObjectType?) throws {
        guard let type else { return }
        let fields = try type.fields()
        for (name, field) in fields {
            let resolver = resolvers[name]
            field.resolve = { _, arguments, context, _ in
                guard let context = context as? ResolverContext else { return nil }
                guard let resolver else {
                    throw SandboxDataError.badInput("The sandbox has no data for \(type.name).\(name)")
                }
                return try await resolver(Arguments(arguments), context)
            }
        }
        type.fields = { fields }
    }

    /// UUID arguments must look like UUIDs, as Flatfile's server checks them.
    private static func installScalarChecks(in schema: GraphQLSchema) {
        guard let uuid = schema.getType(name: "UUID") as? GraphQLScalarType else { return }
        uuid.parseValue = { value in
            guard let text = value.string, isUUID(text) else {
                throw GraphQLError(message: "Expected a UUID such as \"\(SandboxDemo.licenseKey)\", got \(value)")
            }
            return value
        }
        uuid.parseLiteral = { literal in
            guard let string = literal as? StringValue, isUUID(string.value) else {
                throw GraphQLError(message: "Expected a UUID string such as \"\(SandboxDemo.licenseKey)\"")
            }
            return .string(string.value)
        }
    }

    static func isUUID(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        guard characters.count == 36 else { return false }
        return characters.enumerated().allSatisfy { index, character in
            [8, 13, 18, 23].contains(index) ? character == UInt8(ascii: "-") : character.isHexDigit
        }
    }

    private static func describe(_ error: GraphQLError) -> String {
        guard let location = error.sourceLocations.first else { return error.message }
        return "line \(location.line), column \(location.column): \(error.message)"
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
