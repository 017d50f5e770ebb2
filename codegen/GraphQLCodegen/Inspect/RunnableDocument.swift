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
    /// How the document was checked against the schema; `nil` without a schema.
    public var validation: Validation? = nil

    /// How much of the schema a document's validation needed, which the schema cache decides.
    public enum Validation: Sendable, Hashable {
        /// The document passed against this schema before: neither was parsed for validation.
        case cachedDocument
        /// The schema passed its checks before: the document was validated against the part it reaches.
        case schemaSubset
        /// The schema was checked in full and the document validated against all of it.
        case fullSchema
    }

    /// The largest document read, from a file or from standard input.
    public static let maximumBytes = InputFiles.maximumDocumentBytes

    /// Reads and parses `path`; when `schemaPath` is given, also validates the document against that schema.
    ///
    /// With a `cache`, a schema is checked in full only the first time it is seen, and a document that passed
    /// against it before is not validated again (the schema is then not even parsed): see `SchemaCache`.
    public static func load(path: String, schemaPath: String?, cache: SchemaCache? = nil) -> RunnableDocument {
        switch InputFiles.read(path) {
        case .failure(let diagnostic): RunnableDocument(text: "", operations: [], diagnostics: [diagnostic])
        case .success(let file): load(file, schemaPath: schemaPath, cache: cache)
        }
    }

    /// Parses `contents` (for example a document piped to standard input); `name` stands for the file in
    /// diagnostics. When `schemaPath` is given, also validates the document against that schema, with `cache`
    /// as for `load(path:schemaPath:cache:)`.
    public static func load(contents: Data, name: String, schemaPath: String?, cache: SchemaCache? = nil) -> RunnableDocument {
        switch InputFiles.decode(contents, path: name) {
        case .failure(let diagnostic): RunnableDocument(text: "", operations: [], diagnostics: [diagnostic])
        case .success(let file): load(file, schemaPath: schemaPath, cache: cache)
        }
    }

    private static func load(_ file: SourceFile, schemaPath: String?, cache: SchemaCache?) -> RunnableDocument {
        let document: Document
        switch InputFiles.parseGraphQL(file, expecting: "operation") {
        case .failure(let diagnostic): return RunnableDocument(text: file.text, operations: [], diagnostics: [diagnostic])
        case .success(let parsed): document = parsed
        }
        var operations = document.definitions.compactMap { $0 as? OperationDefinition }.map(RunnableOperation.init)
        var diagnostics: [Diagnostic] = []
        var validation: Validation?
        if operations.isEmpty {
            diagnostics.append(.error("the file has no operation to run (only fragments); add a query or mutation", in: file, at: 0))
        }
        if let schemaPath {
            let known = cache.flatMap { KnownSchema(path: schemaPath, cache: $0) }
            if let cache, let known, let kinds = cache.validatedDocument(file.text, for: .running, schemaDigest: known.digest) {
                // Seen before against this schema: neither is parsed, and an unchanged schema file is not even read.
                validation = .cachedDocument
                for index in operations.indices { operations[index].describeVariableTypes(kinds) }
            } else {
                let schemaFile = known?.file.map(Result.success) ?? InputFiles.read(schemaPath, as: .schema)
                switch schemaFile {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let schemaFile):
                    let documents = DocumentSet(files: [(file, document.definitions)], combined: document)
                    // `known` is nil only without a cache (or for a file that cannot be read, which stops above).
                    let checked = check(documents, text: file.text, against: schemaFile, digest: known?.digest, cache: cache)
                    diagnostics += checked.diagnostics
                    validation = checked.validation
                    for index in operations.indices { operations[index].describeVariableTypes(checked.variableKinds) }
                }
            }
        }
        return RunnableDocument(text: file.text, operations: operations, diagnostics: diagnostics, validation: validation)
    }

    /// Validates `documents` against the schema, the cheapest way the cache allows: not at all when the document
    /// passed before; against the part of the schema it reaches when the schema passed its checks before; else
    /// against the whole schema, checked in full. Any diagnostic comes from the whole schema, so its position and
    /// wording are the same whatever the cache held.
    private static func check(
        _ documents: DocumentSet, text: String, against schemaFile: SourceFile, digest: String?, cache: SchemaCache?
    ) -> (diagnostics: [Diagnostic], variableKinds: [String: RunnableVariable.NamedTypeKind], validation: Validation) {
        if let cache, let digest {
            if let kinds = cache.validatedDocument(text, for: .running, schemaDigest: digest) {
                return ([], kinds, .cachedDocument)
            }
            if cache.isKnownValid(digest), let subset = SchemaLoader.loadSubset(of: schemaFile, reachedBy: documents),
               DocumentValidator.validate(documents, schema: subset.schema, for: .running).isEmpty
            {
                let kinds = RunnableVariable.kinds(of: documents, in: subset.schema)
                cache.recordValidatedDocument(text, for: .running, schemaDigest: digest, variableKinds: kinds)
                return ([], kinds, .schemaSubset)
            }
        }
        switch SchemaLoader.load(schemaFile) {
        case .failure(let errors): return (errors.diagnostics, [:], .fullSchema)
        case .success(let schema):
            if let digest { cache?.recordValid(digest) }
            let diagnostics = DocumentValidator.validate(documents, schema: schema.schema, for: .running)
            let kinds = RunnableVariable.kinds(of: documents, in: schema.schema)
            if diagnostics.isEmpty, let digest {
                cache?.recordValidatedDocument(text, for: .running, schemaDigest: digest, variableKinds: kinds)
            }
            return (diagnostics, kinds, .fullSchema)
        }
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

    /// Fills in each variable's `namedTypeKind` from `kinds` (named type → kind).
    mutating func describeVariableTypes(_ kinds: [String: RunnableVariable.NamedTypeKind]) {
        for index in variables.indices {
            variables[index].namedTypeKind = kinds[variables[index].namedType]
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

    /// The kind of every named type that a variable of `documents` declares, as `schema` defines it (types the
    /// schema does not define are left out: validation reports them).
    static func kinds(of documents: DocumentSet, in schema: GraphQLSchema) -> [String: NamedTypeKind] {
        var kinds: [String: NamedTypeKind] = [:]
        for case let operation as OperationDefinition in documents.combined.definitions {
            for variable in RunnableOperation(operation).variables {
                let name = variable.namedType
                kinds[name] = switch schema.getType(name: name) {
                case is GraphQLInputObjectType: .inputObject
                case is GraphQLEnumType: .enumeration
                case is GraphQLScalarType: .scalar
                default: nil
                }
            }
        }
        return kinds
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
