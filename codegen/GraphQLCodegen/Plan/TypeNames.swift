import GraphQL

/// The rules for the names generated code declares: operation and fragment types at the top level, properties and
/// nested types inside response structs. A name that would not compile or would clash is reported with the fix.
struct TypeNames {
    let context: PlanningContext
    /// Names a nested type or a schema type must not take (it would hide a type the generated code refers to).
    let reservedNestedNames: Set<String>

    /// Names a generated top-level type must not take: the runtime's and the Swift/Foundation types users use.
    static let reservedTopLevelNames: Set<String> = [
        "GraphQLOperation", "GraphQLQuery", "GraphQLMutation", "GraphQLSubscription", "GraphQLOperationType",
        "GraphQLFetchableOperation", "GraphQLEnum", "GraphQLNullable", "NoVariables", "JSONValue", "String", "Int",
        "Double", "Bool", "Optional", "Array", "Dictionary", "Data", "Date", "URL", "UUID", "Decimal", "Error",
        "Variables",
    ]

    init(context: PlanningContext) {
        self.context = context
        let configuration = context.configuration
        let scalarTypes = configuration.scalars.values.compactMap { $0.split(separator: ".").first.map(String.init) }
        reservedNestedNames = Set(
            ["Type", "Protocol", "Self", "Any", "CodingKeys", "String", "Int", "Double", "Bool", "Optional", "Array",
             "GraphQLEnum", "GraphQLNullable", "JSONValue", "Decoder", "Encoder", "Swift", "IndirectInput", "Data",
             configuration.namespace] + scalarTypes)
    }

    /// `getBatches.graphql` → `getBatches.graphql.swift`.
    static func outputFileName(for path: String) -> String {
        (path.split(separator: "/").last.map(String.init) ?? path) + ".swift"
    }

    /// `getBatches` + query → `GetBatchesQuery` (a name that already ends in its kind keeps it once).
    static func operationTypeName(_ name: String, kind: OperationType) -> String {
        let suffix = SwiftName.upperFirst(kind.rawValue)
        let base = SwiftName.upperFirst(name)
        return base.hasSuffix(suffix) ? base : base + suffix
    }

    /// A schema type's Swift name inside the namespace: a reserved name or keyword gets a trailing `_`.
    func schemaTypeName(_ name: String) -> String {
        var swiftName = name
        while reservedNestedNames.contains(swiftName) || SwiftName.keywords.contains(swiftName) { swiftName += "_" }
        return swiftName
    }

    /// Output files and top-level types must be distinct and must not hide the runtime's or Swift's types.
    func checkTopLevelNames(_ documents: DocumentSet) {
        var outputs: [String: String] = [:]
        for entry in documents.files {
            let output = Self.outputFileName(for: entry.file.path)
            if let other = outputs[output.lowercased()] {
                context.report(.error("generates \(output) like \(other) does; rename one of the files (Swift needs distinct file names in a module)", in: entry.file))
            }
            outputs[output.lowercased()] = entry.file.path
        }
        var taken: [String: String] = [:]
        for definition in documents.combined.definitions {
            let swiftName: String
            let what: String
            let nameNode: Name
            switch definition {
            case let operation as OperationDefinition:
                guard let name = operation.name else { continue }
                swiftName = Self.operationTypeName(name.value, kind: operation.operation)
                what = "\(operation.operation.rawValue) \"\(name.value)\""
                nameNode = name
            case let fragment as FragmentDefinition:
                swiftName = SwiftName.upperFirst(fragment.name.value)
                what = "fragment \"\(fragment.name.value)\""
                nameNode = fragment.name
            default:
                continue
            }
            if let other = taken[swiftName] {
                if other != what {  // same-name duplicates are already reported by the spec rules
                    context.report("\(what) generates the Swift type \(swiftName), as \(other) does; rename one of them", nameNode)
                }
            } else if Self.reservedTopLevelNames.contains(swiftName) || swiftName == context.configuration.namespace {
                context.report("\(what) would generate the Swift type \(swiftName), which would hide the runtime's, Swift's or the schema namespace's type of that name; rename it", nameNode)
            } else if SwiftName.keywords.contains(swiftName) {
                context.report("\(what) would generate the Swift type \(swiftName), a Swift keyword; rename it", nameNode)
            }
            taken[swiftName] = taken[swiftName] ?? what
        }
    }

    /// Reports a property name Swift reserves or one that two members would both take.
    func checkPropertyNames(_ properties: [(name: String, node: Node?)], owner: String) {
        var seen: Set<String> = []
        for property in properties {
            if property.name == "hashValue" {
                context.report("\(owner) would generate a property named \"\(property.name)\", which Swift reserves; alias it", property.node)
            } else if !seen.insert(property.name).inserted {
                context.report("\(owner) would generate two properties named \"\(property.name)\" (a field and a fragment spread or type case); alias the field", property.node)
            }
        }
    }

    /// A nested type name for `base` that hides nothing the code refers to and no property: a trailing `_` if needed.
    func nestedTypeName(_ base: String, avoiding propertyNames: Set<String>) -> String {
        var name = SwiftName.upperFirst(base)
        while reservedNestedNames.contains(name) || propertyNames.contains(name) { name += "_" }
        return name
    }
}
