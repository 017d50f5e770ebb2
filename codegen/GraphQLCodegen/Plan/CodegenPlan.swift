/// The intermediate representation between validation and rendering: every decision about what Swift to emit
/// (names, types, decoding conditions, document text) is made while building these values, so rendering is a plain
/// walk that cannot fail.
struct CodegenPlan: Hashable {
    var files: [FilePlan]
    var schemaTypes: SchemaTypesPlan
    var accessLevel: Configuration.AccessLevel
    var runtimeModule: String
    /// Whether files `import Foundation`: a scalar maps to a Foundation (or an app's own) type.
    var importsFoundation = false
}

/// The Swift file generated for one `.graphql` file.
struct FilePlan: Hashable {
    /// The `.graphql` file's path as given; its last component names the output file.
    var sourcePath: String
    var outputFileName: String
    var definitions: [DefinitionPlan]
}

enum DefinitionPlan: Hashable {
    case operation(OperationPlan)
    case fragment(FragmentPlan)
}

/// A Swift type as generated code spells it.
indirect enum SwiftType: Hashable {
    case named(String)
    case optional(SwiftType)
    case list(SwiftType)
    /// `GraphQLNullable<…>`: a nullable input, which can also be absent.
    case nullable(SwiftType)

    var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// The same type with the nested struct `name` spelled as `owner.name`, as code outside `owner` must.
    func qualifying(_ name: String, with owner: String) -> SwiftType {
        switch self {
        case .named(let named): named == name ? .named(owner + "." + name) : self
        case .optional(let wrapped): .optional(wrapped.qualifying(name, with: owner))
        case .list(let element): .list(element.qualifying(name, with: owner))
        case .nullable(let wrapped): .nullable(wrapped.qualifying(name, with: owner))
        }
    }

    var spelling: String {
        switch self {
        case .named(let name): name
        case .optional(let wrapped): wrapped.spelling + "?"
        case .list(let element): "[" + element.spelling + "]"
        case .nullable(let wrapped): "GraphQLNullable<" + wrapped.spelling + ">"
        }
    }
}

struct OperationPlan: Hashable {
    var name: String
    var swiftName: String
    /// `query`, `mutation` or `subscription`.
    var kind: String
    var document: String
    var identifier: String
    var variables: [InputFieldPlan]
    var data: SelectionSetPlan
    var documentation: [String]
}

struct FragmentPlan: Hashable {
    var name: String
    var selection: SelectionSetPlan
    var documentation: [String]
}

/// One response struct: the fields, fragments and type cases selected on one GraphQL type.
struct SelectionSetPlan: Hashable {
    var swiftName: String
    var graphQLType: String
    var members: [Member]
    /// Fields of embedded fragments readable on this struct too, computed from the fragment's storage.
    var forwardedFields: [ForwardedFieldPlan] = []
    var documentation: [String] = []

    var nestedTypes: [SelectionSetPlan] {
        members.compactMap { member in
            switch member {
            case .field(let field): field.selection
            case .typeCase(let typeCase): typeCase.selection
            case .fragment: nil
            }
        }
    }
}

enum Member: Hashable {
    case field(FieldPlan)
    /// A named fragment decoded from the same JSON object.
    case fragment(FragmentUsePlan)
    /// An inline fragment on a narrower type (`asBatch`), decoded from the same JSON object.
    case typeCase(TypeCasePlan)
}

struct FieldPlan: Hashable {
    var responseKey: String
    var type: SwiftType
    var selection: SelectionSetPlan?
    /// Under `@include`/`@skip`: the key may be missing.
    var isConditional: Bool
    var deprecationReason: String?
    var documentation: [String]
    /// The `GraphQLScalarFormat` type a formatted custom scalar (a `Date`) is coded through.
    var format: String? = nil
}

/// When an embedded fragment or type case is present in a response.
struct Presence: Hashable {
    /// The `__typename` values for which it is present; `nil` when the parent's type always matches.
    var typenames: [String]?
    /// Under `@include`/`@skip`: the part is there only when the condition held.
    var isConditional: Bool
    /// For a conditional part: the response keys any of which shows it was included (then it must decode, or the
    /// response is wrong); empty when every member is optional, so it always decodes.
    var evidenceKeys: [String] = []

    var isOptional: Bool { typenames != nil || isConditional }
}

/// A field of an embedded fragment, readable on the parent (`batch.id` for `batch.batchFields.id`).
struct ForwardedFieldPlan: Hashable {
    var responseKey: String
    /// As the parent spells it: optional when the fragment view is.
    var type: SwiftType
    /// The fragment view's property on the parent.
    var fragmentProperty: String
    /// Whether the fragment view is optional (read with `?.`).
    var isThroughOptional: Bool
    var deprecationReason: String?
    var documentation: [String]
}

struct FragmentUsePlan: Hashable {
    var propertyName: String
    var fragmentSwiftName: String
    var presence: Presence
}

struct TypeCasePlan: Hashable {
    var propertyName: String
    var selection: SelectionSetPlan
    var presence: Presence
}

/// A variable of an operation or a field of an input object.
struct InputFieldPlan: Hashable {
    var name: String
    var type: SwiftType
    /// Stored behind a heap box so an input object can contain itself.
    var isIndirect: Bool
    var deprecationReason: String?
    var documentation: [String]
    /// The `GraphQLScalarFormat` type a formatted custom scalar (a `Date`) is coded through.
    var format: String? = nil
}

struct EnumPlan: Hashable {
    struct Case: Hashable {
        var swiftName: String
        var rawValue: String
        var deprecationReason: String?
        var documentation: [String]
    }

    var swiftName: String
    var cases: [Case]
    var documentation: [String]
}

struct InputObjectPlan: Hashable {
    var swiftName: String
    var fields: [InputFieldPlan]
    /// `@oneOf`: exactly one field is given, so it becomes an enum with a case per field.
    var isOneOf: Bool
    var documentation: [String]
}

/// The schema types the operations use, emitted once in a namespace enum.
struct SchemaTypesPlan: Hashable {
    var namespace: String
    var enums: [EnumPlan]
    var inputObjects: [InputObjectPlan]
    var outputFileName: String

    /// A `@oneOf` enum is `indirect` instead; only structs box their fields.
    var needsIndirectBox: Bool { inputObjects.contains { !$0.isOneOf && $0.fields.contains(where: \.isIndirect) } }
}
