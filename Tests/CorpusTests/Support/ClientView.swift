import FlatfileGraphQL
import Foundation
import GraphQL

/// The part of a newer server's response that a client generated from the older schema can account for.
///
/// A response from a newer server may hold members the client cannot place: when a value's `__typename` is a type
/// the client has never seen, the client cannot tell which of its type conditions the value meets (the server
/// may have made the new type implement `Media`, but the client's schema does not say so). Such a value keeps
/// only what is selected without a condition, or under a condition on the field's own type or on an interface
/// that type implements. Everything else is what the server's executor would send to this client, member for
/// member, so for a response with only known types the view is the response itself.
///
/// This is the reference the tests hold the generated types to: decoding and encoding back gives exactly this.
struct ClientView {
    static let clientSchema: GraphQLSchema = {
        do {
            return try buildSchema(source: NewerServer.clientSDL)
        } catch {
            preconditionFailure("the client schema does not build: \(error)")
        }
    }()

    let fragments: [String: FragmentDefinition]
    let operation: OperationDefinition
    let variables: [String: Map]

    init(document: String, operationName: String, variables: [String: Map]) throws {
        let ast = try parse(source: Source(body: document))
        var fragments: [String: FragmentDefinition] = [:]
        var operation: OperationDefinition?
        for definition in ast.definitions {
            if let fragment = definition as? FragmentDefinition { fragments[fragment.name.value] = fragment }
            if let candidate = definition as? OperationDefinition, candidate.name?.value == operationName {
                operation = candidate
            }
        }
        guard let operation else { throw ClientViewError("no operation \(operationName) in the document") }
        self.fragments = fragments
        self.operation = operation
        self.variables = variables
    }

    /// The view of a response's `data`.
    func project(_ data: JSONValue) throws -> JSONValue {
        let root: GraphQLObjectType? =
            switch operation.operation {
            case .query: Self.clientSchema.queryType
            case .mutation: Self.clientSchema.mutationType
            case .subscription: Self.clientSchema.subscriptionType
            }
        guard let root else { throw ClientViewError("the client schema has no \(operation.operation) type") }
        return try project(data, selections: operation.selectionSet.selections, type: root)
    }

    private func project(_ value: JSONValue, selections: [Selection], type: GraphQLType) throws -> JSONValue {
        if let nonNull = type as? GraphQLNonNull { return try project(value, selections: selections, type: nonNull.ofType) }
        if case .null = value { return .null }
        if let list = type as? GraphQLList {
            guard case .array(let items) = value else { throw ClientViewError("expected a list, got \(value)") }
            return .array(try items.map { try project($0, selections: selections, type: list.ofType) })
        }
        guard let composite = type as? GraphQLNamedType, composite is GraphQLCompositeType else { return value }
        guard case .object(let object) = value else { throw ClientViewError("expected an object, got \(value)") }

        let runtimeName = object["__typename"]?.stringValue ?? composite.name
        let runtime = Self.clientSchema.getType(name: runtimeName) as? GraphQLObjectType
        var fields: [(key: String, fields: [Field])] = []
        collect(selections, runtimeName: runtimeName, runtime: runtime, staticType: composite, into: &fields)

        var members: [(String, JSONValue)] = []
        for (key, asked) in fields {
            guard let member = object[key] else { continue }
            let name = asked[0].name.value
            if name == "__typename" {
                members.append((key, member))
                continue
            }
            let fieldType = try Self.fieldType(name, on: runtime ?? composite)
            let subselections = asked.flatMap { $0.selectionSet?.selections ?? [] }
            members.append((key, try project(member, selections: subselections, type: fieldType)))
        }
        return .object(JSONObject(members))
    }

    /// The executor's CollectFields, except that a condition on a type the client does not know the value to be
    /// (an unknown `__typename`) is not met.
    private func collect(
        _ selections: [Selection], runtimeName: String, runtime: GraphQLObjectType?, staticType: GraphQLNamedType,
        into fields: inout [(key: String, fields: [Field])]
    ) {
        for selection in selections {
            switch selection {
            case let field as Field:
                guard included(field.directives) else { continue }
                let key = field.alias?.value ?? field.name.value
                if let index = fields.firstIndex(where: { $0.key == key }) {
                    fields[index].fields.append(field)
                } else {
                    fields.append((key, [field]))
                }
            case let inline as InlineFragment:
                guard included(inline.directives),
                    inline.typeCondition.map({ applies($0.name.value, runtime: runtime, staticType: staticType) }) ?? true
                else { continue }
                collect(inline.selectionSet.selections, runtimeName: runtimeName, runtime: runtime, staticType: staticType, into: &fields)
            case let spread as FragmentSpread:
                guard included(spread.directives), let fragment = fragments[spread.name.value],
                    applies(fragment.typeCondition.name.value, runtime: runtime, staticType: staticType)
                else { continue }
                collect(fragment.selectionSet.selections, runtimeName: runtimeName, runtime: runtime, staticType: staticType, into: &fields)
            default:
                continue
            }
        }
    }

    private func applies(_ condition: String, runtime: GraphQLObjectType?, staticType: GraphQLNamedType) -> Bool {
        if condition == staticType.name { return true }
        let schema = Self.clientSchema
        if let runtime {
            if condition == runtime.name { return true }
            guard let abstract = schema.getType(name: condition) as? GraphQLAbstractType else { return false }
            return schema.isSubType(abstractType: abstract, maybeSubType: runtime)
        }
        // An unknown type: only what every possible type of the field's type meets.
        guard let interface = schema.getType(name: condition) as? GraphQLInterfaceType else { return false }
        return schema.isSubType(abstractType: interface, maybeSubType: staticType)
    }

    private func included(_ directives: [Directive]) -> Bool {
        for directive in directives {
            guard let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
            let condition = booleanValue(argument.value)
            if directive.name.value == "skip", condition { return false }
            if directive.name.value == "include", !condition { return false }
        }
        return true
    }

    private func booleanValue(_ value: Value) -> Bool {
        if let literal = value as? BooleanValue { return literal.value }
        guard let variable = value as? Variable else { return false }
        if case .bool(let given)? = variables[variable.name.value] { return given }
        let definition = operation.variableDefinitions.first { $0.variable.name.value == variable.name.value }
        return (definition?.defaultValue as? BooleanValue)?.value ?? false
    }

    private static func fieldType(_ name: String, on type: GraphQLNamedType) throws -> GraphQLOutputType {
        let fields: GraphQLFieldMap
        switch type {
        case let object as GraphQLObjectType: fields = try object.fields()
        case let interface as GraphQLInterfaceType: fields = try interface.fields()
        default: throw ClientViewError("\(type.name) has no field \(name)")
        }
        guard let field = fields[name] else { throw ClientViewError("\(type.name) has no field \(name)") }
        return field.type
    }
}

struct ClientViewError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
