import Foundation
import GraphQL

/// A `.graphql` file read for running as it is (the CLI's `fgql run`), not for generating code: what operations it
/// holds, the variables each declares, and how each root field binds its arguments to variables.
///
/// Only the GraphQL specification's rules apply here; fgql's codegen rules (named operations, Swift name
/// collisions) do not, so an anonymous `{ getBatches(licenseKey: "…") { data { id } } }` runs fine.
///
/// ```swift
/// let document = RunnableDocument.load(path: "queries/getBatches.graphql", schemaPath: "queries/schema.graphqls")
/// document.diagnostics.forEach { print($0) }          // path:line:column: error: …
/// let operation = try document.operation(named: nil)  // the only operation
/// print(operation.requiredVariables.map(\.name))      // ["licenseKey"]
/// ```
public struct RunnableDocument: Sendable {
    /// The file's text, sent to the server as it is.
    public var text: String
    /// The operations in the file, in order.
    public var operations: [RunnableOperation]
    /// Problems found reading, parsing or validating the file (and the schema, when given).
    public var diagnostics: [Diagnostic]

    /// The largest document read, from a file or from standard input.
    public static let maximumBytes = InputFiles.maximumDocumentBytes

    /// Reads and parses `path`; when `schemaPath` is given, also validates the document against that schema.
    public static func load(path: String, schemaPath: String?) -> RunnableDocument {
        switch InputFiles.read(path) {
        case .failure(let diagnostic): RunnableDocument(text: "", operations: [], diagnostics: [diagnostic])
        case .success(let file): load(file, schemaPath: schemaPath)
        }
    }

    /// Parses `contents` (for example a document piped to standard input); `name` stands for the file in
    /// diagnostics. When `schemaPath` is given, also validates the document against that schema.
    public static func load(contents: Data, name: String, schemaPath: String?) -> RunnableDocument {
        switch InputFiles.decode(contents, path: name) {
        case .failure(let diagnostic): RunnableDocument(text: "", operations: [], diagnostics: [diagnostic])
        case .success(let file): load(file, schemaPath: schemaPath)
        }
    }

    private static func load(_ file: SourceFile, schemaPath: String?) -> RunnableDocument {
        let document: Document
        switch InputFiles.parseGraphQL(file, expecting: "operation") {
        case .failure(let diagnostic): return RunnableDocument(text: file.text, operations: [], diagnostics: [diagnostic])
        case .success(let parsed): document = parsed
        }
        var operations = document.definitions.compactMap { $0 as? OperationDefinition }.map(RunnableOperation.init)
        var diagnostics: [Diagnostic] = []
        if operations.isEmpty {
            diagnostics.append(.error("the file has no operation to run (only fragments); add a query or mutation", in: file, at: 0))
        }
        if let schemaPath {
            switch loadSchema(schemaPath) {
            case .failure(let errors): diagnostics += errors.diagnostics
            case .success(let schema):
                diagnostics += validate(document, in: file, against: schema)
                for index in operations.indices { operations[index].describeVariableTypes(in: schema.schema) }
            }
        }
        return RunnableDocument(text: file.text, operations: operations, diagnostics: diagnostics)
    }

    private static func loadSchema(_ schemaPath: String) -> Result<LoadedSchema, SchemaErrors> {
        switch InputFiles.read(schemaPath, as: .schema) {
        case .failure(let diagnostic): .failure(SchemaErrors(diagnostics: [diagnostic]))
        case .success(let schemaFile): SchemaLoader.load(schemaFile)
        }
    }

    private static func validate(_ document: Document, in file: SourceFile, against schema: LoadedSchema) -> [Diagnostic] {
        let documents = DocumentSet(files: [(file, document.definitions)], combined: document)
        return DocumentValidator.validate(documents, schema: schema.schema, for: .running)
    }

    /// The operation to run: the one named `name`, or the only one when `name` is `nil`.
    ///
    /// - Throws: `RunnableDocument.SelectionError` listing the operation names when the choice is missing or
    ///   ambiguous.
    public func operation(named name: String?) throws(SelectionError) -> RunnableOperation {
        let names = operations.map { $0.name ?? "(anonymous)" }
        if let name {
            guard let match = operations.first(where: { $0.name == name }) else {
                throw SelectionError(message: "there is no operation named \(name); the file has: \(names.joined(separator: ", "))")
            }
            return match
        }
        guard operations.count == 1 else {
            throw SelectionError(message: "the file has \(operations.count) operations (\(names.joined(separator: ", "))); choose one with --operation NAME")
        }
        return operations[0]
    }

    /// Why an operation could not be chosen.
    public struct SelectionError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}

/// One operation of a runnable document.
public struct RunnableOperation: Sendable, Hashable {
    /// The operation's name, `nil` for an anonymous one.
    public var name: String?
    /// `query`, `mutation` or `subscription`.
    public var kind: String
    /// The variables it declares, in order.
    public var variables: [RunnableVariable]
    /// Its root fields with the variables their arguments use.
    public var rootFields: [RootField]

    /// Variables the server needs a value for: non-null, with no default.
    public var requiredVariables: [RunnableVariable] { variables.filter(\.isRequired) }

    init(_ definition: OperationDefinition) {
        name = definition.name?.value
        kind = definition.operation.rawValue
        variables = definition.variableDefinitions.map { variable in
            RunnableVariable(
                name: variable.variable.name.value, type: Self.text(of: variable.type),
                isRequired: variable.type is NonNullType && variable.defaultValue == nil, namedTypeKind: nil)
        }
        rootFields = definition.selectionSet.selections.compactMap { $0 as? Field }.map { field in
            var bindings: [String: String] = [:]
            for argument in field.arguments {
                if let variable = argument.value as? Variable { bindings[argument.name.value] = variable.name.value }
            }
            return RootField(responseKey: field.alias?.value ?? field.name.value, name: field.name.value, argumentVariables: bindings)
        }
    }

    /// Fills in each variable's `namedTypeKind` from `schema`.
    mutating func describeVariableTypes(in schema: GraphQLSchema) {
        for index in variables.indices {
            let name = variables[index].namedType
            variables[index].namedTypeKind = switch schema.getType(name: name) {
            case is GraphQLInputObjectType: .inputObject
            case is GraphQLEnumType: .enumeration
            case is GraphQLScalarType: .scalar
            default: nil
            }
        }
    }

    private static func text(of type: any Type) -> String {
        switch type {
        case let named as NamedType: named.name.value
        case let list as ListType: "[\(text(of: list.type))]"
        case let nonNull as NonNullType: text(of: nonNull.type) + "!"
        default: "\(type)"
        }
    }
}

/// A variable an operation declares.
public struct RunnableVariable: Sendable, Hashable {
    public var name: String
    /// Its type as written, e.g. `String!` or `[ID!]`.
    public var type: String
    /// Non-null with no default: the caller must give a value.
    public var isRequired: Bool
    /// What its named type is in the schema; `nil` when the document was loaded without a schema (or the schema
    /// does not define the type).
    public var namedTypeKind: NamedTypeKind?

    /// The type's name without list brackets and `!`: `ID` for `[ID!]!`.
    public var namedType: String {
        String(type.unicodeScalars.filter { !"[]!".unicodeScalars.contains($0) })
    }

    /// The kinds of named type a variable can have.
    public enum NamedTypeKind: Sendable, Hashable {
        case scalar, enumeration, inputObject
    }
}

/// A root field of an operation and which variables its arguments take.
public struct RootField: Sendable, Hashable {
    /// The key of the field in `data` (its alias, else its name).
    public var responseKey: String
    /// The schema field's name.
    public var name: String
    /// Argument name → variable name, for arguments given as a variable (`skip: $skip`).
    public var argumentVariables: [String: String]
}
