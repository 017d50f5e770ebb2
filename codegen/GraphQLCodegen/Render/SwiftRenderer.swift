/// Turns a `CodegenPlan` into Swift source text. Output depends only on the plan: no dates, no unordered iteration.
struct SwiftRenderer {
    let plan: CodegenPlan

    private var access: String {
        switch plan.accessLevel {
        case .public: "public "
        case .package: "package "
        case .internal: ""
        }
    }

    /// File name → content, for every `.graphql` file and the shared schema-types file.
    func render() -> [(name: String, content: String)] {
        plan.files.map { ($0.outputFileName, render($0)) } + [(plan.schemaTypes.outputFileName, renderSchemaTypes())]
    }

    private func header(_ source: String, _ writer: inout SwiftWriter) {
        writer.line("\(OutputWriter.generatedHeader) from \(source). Do not edit: the next build overwrites changes.")
        writer.line()
        writer.line("import \(plan.runtimeModule)")
        if plan.importsFoundation { writer.line("import Foundation") }
    }

    private func render(_ file: FilePlan) -> String {
        var writer = SwiftWriter()
        header(file.outputFileName.replacingOccurrences(of: ".swift", with: ""), &writer)
        for definition in file.definitions {
            writer.line()
            switch definition {
            case .operation(let operation): render(operation, &writer)
            case .fragment(let fragment): renderResponseStruct(fragment.selection, &writer)
            }
        }
        return writer.text
    }

    // MARK: Operations

    private func render(_ operation: OperationPlan, _ writer: inout SwiftWriter) {
        let conformance = "GraphQL" + SwiftName.upperFirst(operation.kind)
        writer.documentation(operation.documentation)
        writer.block("\(access)struct \(operation.swiftName): \(conformance)") { writer in
            writer.line("\(access)static let operationName: String = \(SwiftWriter.stringLiteral(operation.name))")
            writer.multilineStringLiteral("\(access)static let document: String = ", operation.document)
            writer.line("\(access)static let operationIdentifier: String = \"\(operation.identifier)\"")
            writer.line()
            if operation.variables.isEmpty {
                writer.line("\(access)typealias Variables = NoVariables")
                writer.line()
                writer.line("\(access)init() {}")
            } else {
                writer.line("\(access)var variables: Variables")
                writer.line()
                writer.block("\(access)init(\(parameters(operation.variables)))") { writer in
                    let arguments = operation.variables.map { "\(SwiftName.escaped($0.name)): \(argument($0.name))" }
                    writer.line("self.variables = Variables(\(arguments.joined(separator: ", ")))")
                }
                writer.line()
                writer.line("/// The variables sent with the document.")
                renderInputStruct("Variables", operation.variables, &writer)
            }
            writer.line()
            writer.line("/// The `data` of a response.")
            renderResponseStruct(operation.data, &writer)
        }
    }

    private func parameters(_ fields: [InputFieldPlan]) -> String {
        fields.map { field in
            let defaultValue: String
            switch field.type {
            case .nullable: defaultValue = " = .absent"
            case .optional: defaultValue = " = nil"
            default: defaultValue = ""
            }
            let label = SwiftName.escaped(field.name)
            let name = argument(field.name)
            return "\(label == name ? label : label + " " + name): \(field.type.spelling)\(defaultValue)"
        }.joined(separator: ", ")
    }

    /// The name a parameter is used by inside the initializer: `self` would mean the instance, so it gets another.
    private func argument(_ name: String) -> String { name == "self" ? "self_" : SwiftName.escaped(name) }

    // MARK: Inputs

    private func renderInputStruct(_ name: String, _ fields: [InputFieldPlan], _ writer: inout SwiftWriter) {
        writer.block("\(access)struct \(name): Encodable, Sendable, Hashable") { writer in
            for field in fields {
                let property = SwiftName.escaped(field.name)
                writer.documentation(field.documentation)
                if field.isIndirect || field.deprecationReason != nil {
                    deprecation(field.deprecationReason, &writer)
                    writer.block("\(access)var \(property): \(field.type.spelling)") { writer in
                        writer.line(field.isIndirect ? "get { _\(field.name).value }" : "get { _\(field.name) }")
                        writer.line(field.isIndirect ? "set { _\(field.name) = IndirectInput(newValue) }" : "set { _\(field.name) = newValue }")
                    }
                    writer.line("private var _\(field.name): \(storageType(field))")
                } else {
                    writer.line("\(access)var \(property): \(field.type.spelling)")
                }
            }
            writer.line()
            writer.block("\(access)init(\(parameters(fields)))") { writer in
                for field in fields {
                    let value = argument(field.name)
                    if field.isIndirect {
                        writer.line("self._\(field.name) = IndirectInput(\(value))")
                    } else if field.deprecationReason != nil {
                        writer.line("self._\(field.name) = \(value)")
                    } else {
                        writer.line("self.\(SwiftName.escaped(field.name)) = \(value)")
                    }
                }
            }
            writer.line()
            codingKeys(fields.map(\.name), &writer)
            writer.line()
            writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
                writer.line("var container = encoder.container(keyedBy: CodingKeys.self)")
                for field in fields {
                    // Always through `self.`: a property named `self` would otherwise mean the instance.
                    let stored = "self." + (field.isIndirect ? "_\(field.name).value" : field.deprecationReason != nil ? "_\(field.name)" : SwiftName.escaped(field.name))
                    let method = if case .optional = field.type { "encodeIfPresent" } else { "encode" }
                    writer.line("try container.\(method)(\(FormattedScalars.encodable(stored, field.type, format: field.format)), forKey: .\(SwiftName.escaped(field.name)))")
                }
            }
        }
    }

    /// A `@oneOf` input object: exactly one member is given and it is not null, so only valid values compile.
    /// It encodes as an object with that one key.
    private func renderOneOfEnum(_ input: InputObjectPlan, _ writer: inout SwiftWriter) {
        // A member that can hold the enum itself needs `indirect`, as a struct field needs a box.
        let indirect = input.fields.contains(where: \.isIndirect) ? "indirect " : ""
        writer.block("\(access)\(indirect)enum \(input.swiftName): Encodable, Sendable, Hashable") { writer in
            for field in input.fields {
                writer.documentation(field.documentation)
                // `@available(deprecated)` on a case would make the encoder's own switch warn; the doc says it.
                if let reason = field.deprecationReason { writer.line("/// - Deprecated: \(reason)") }
                writer.line("case \(SwiftName.escaped(field.name))(\(field.type.spelling))")
            }
            writer.line()
            codingKeys(input.fields.map(\.name), &writer)
            writer.line()
            writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
                writer.line("var container = encoder.container(keyedBy: CodingKeys.self)")
                writer.line("switch self {")
                for field in input.fields {
                    let name = SwiftName.escaped(field.name)
                    writer.line("case .\(name)(let value): try container.encode(\(FormattedScalars.encodable("value", field.type, format: field.format)), forKey: .\(name))")
                }
                writer.line("}")
            }
        }
    }

    private func storageType(_ field: InputFieldPlan) -> String {
        field.isIndirect ? "IndirectInput<\(field.type.spelling)>" : field.type.spelling
    }

    private func deprecation(_ reason: String?, _ writer: inout SwiftWriter) {
        guard let reason else { return }
        writer.line("@available(*, deprecated, message: \(SwiftWriter.stringLiteral(reason)))")
    }

    private func codingKeys(_ keys: [String], _ writer: inout SwiftWriter) {
        writer.block("private enum CodingKeys: String, CodingKey") { writer in
            for key in keys { writer.line("case \(SwiftName.escaped(key))") }
        }
    }

    // MARK: Responses

    private func renderResponseStruct(_ selection: SelectionSetPlan, _ writer: inout SwiftWriter) {
        writer.documentation(selection.documentation)
        writer.block("\(access)struct \(selection.swiftName): Codable, Sendable, Hashable") { writer in
            let fields = selection.members.compactMap { member -> FieldPlan? in
                if case .field(let field) = member { return field }
                return nil
            }
            for member in selection.members {
                switch member {
                case .field(let field):
                    let property = SwiftName.escaped(field.responseKey)
                    writer.documentation(field.documentation)
                    if let reason = field.deprecationReason {
                        deprecation(reason, &writer)
                        writer.line("\(access)var \(property): \(field.type.spelling) { _\(field.responseKey) }")
                        writer.line("private let _\(field.responseKey): \(field.type.spelling)")
                    } else {
                        writer.line("\(access)let \(property): \(field.type.spelling)")
                    }
                case .fragment(let fragment):
                    writer.line("\(access)let \(SwiftName.escaped(fragment.propertyName)): \(fragment.fragmentSwiftName)\(fragment.presence.isOptional ? "?" : "")")
                case .typeCase(let typeCase):
                    writer.line("\(access)let \(typeCase.propertyName): \(typeCase.selection.swiftName)?")
                }
            }
            renderForwardedFields(selection.forwardedFields, &writer)
            writer.line()
            renderMemberwiseInit(selection, &writer)
            writer.line()
            writer.block("\(access)init(from decoder: any Decoder) throws") { writer in
                if !fields.isEmpty { writer.line("let container = try decoder.container(keyedBy: CodingKeys.self)") }
                for member in selection.members {
                    switch member {
                    case .field(let field):
                        let target = field.deprecationReason != nil ? "self._\(field.responseKey)" : "self.\(SwiftName.escaped(field.responseKey))"
                        writer.line("\(target) = \(FormattedScalars.decodeExpression(field.type, format: field.format, key: SwiftName.escaped(field.responseKey)))")
                    case .fragment(let fragment):
                        writer.line("self.\(SwiftName.escaped(fragment.propertyName)) = \(decodeExpression(fragment.fragmentSwiftName, fragment.presence))")
                    case .typeCase(let typeCase):
                        writer.line("self.\(typeCase.propertyName) = \(decodeExpression(typeCase.selection.swiftName, typeCase.presence))")
                    }
                }
            }
            writer.line()
            writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
                if !fields.isEmpty { writer.line("var container = encoder.container(keyedBy: CodingKeys.self)") }
                for member in selection.members {
                    switch member {
                    case .field(let field):
                        let stored = "self." + (field.deprecationReason != nil ? "_\(field.responseKey)" : SwiftName.escaped(field.responseKey))
                        writer.line("try container.\(field.isConditional ? "encodeIfPresent" : "encode")(\(FormattedScalars.encodable(stored, field.type, format: field.format)), forKey: .\(SwiftName.escaped(field.responseKey)))")
                    case .fragment(let fragment):
                        writer.line("try self.\(SwiftName.escaped(fragment.propertyName))\(fragment.presence.isOptional ? "?" : "").encode(to: encoder)")
                    case .typeCase(let typeCase):
                        writer.line("try self.\(typeCase.propertyName)?.encode(to: encoder)")
                    }
                }
            }
            if !fields.isEmpty {
                writer.line()
                codingKeys(fields.map(\.responseKey), &writer)
            }
            for nested in selection.nestedTypes {
                writer.line()
                renderResponseStruct(nested, &writer)
            }
        }
    }

    /// Fragment fields read on the parent, from the fragment view's storage (nothing is stored twice).
    private func renderForwardedFields(_ fields: [ForwardedFieldPlan], _ writer: inout SwiftWriter) {
        guard !fields.isEmpty else { return }
        writer.line()
        for field in fields {
            writer.documentation(field.documentation)
            deprecation(field.deprecationReason, &writer)
            let view = SwiftName.escaped(field.fragmentProperty) + (field.isThroughOptional ? "?." : ".")
            writer.line("\(access)var \(SwiftName.escaped(field.responseKey)): \(field.type.spelling) { \(view)\(SwiftName.escaped(field.responseKey)) }")
        }
    }

    /// Lets apps build response values themselves (previews, tests, caches); optional members default to nil.
    private func renderMemberwiseInit(_ selection: SelectionSetPlan, _ writer: inout SwiftWriter) {
        let members = selection.members.map { member -> (label: String, type: String, isOptional: Bool, stored: String) in
            switch member {
            case .field(let field):
                let isOptional = if case .optional = field.type { true } else { false }
                let stored = field.deprecationReason != nil ? "_\(field.responseKey)" : SwiftName.escaped(field.responseKey)
                return (field.responseKey, field.type.spelling, isOptional, stored)
            case .fragment(let fragment):
                let isOptional = fragment.presence.isOptional
                let type = fragment.fragmentSwiftName + (isOptional ? "?" : "")
                return (fragment.propertyName, type, isOptional, SwiftName.escaped(fragment.propertyName))
            case .typeCase(let typeCase):
                return (typeCase.propertyName, typeCase.selection.swiftName + "?", true, typeCase.propertyName)
            }
        }
        let parameters = members.map { member in
            let label = SwiftName.escaped(member.label)
            let name = argument(member.label)
            return "\(label == name ? label : label + " " + name): \(member.type)\(member.isOptional ? " = nil" : "")"
        }
        writer.block("\(access)init(\(parameters.joined(separator: ", ")))") { writer in
            for member in members { writer.line("self.\(member.stored) = \(argument(member.label))") }
        }
    }

    /// Decodes an embedded fragment or type case from the same decoder when the response contains it: its
    /// `__typename` matches and, under `@include`/`@skip`, one of its keys is there. Once present it must decode:
    /// bad data throws with its path rather than becoming `nil`.
    private func decodeExpression(_ type: String, _ presence: Presence) -> String {
        var tests: [String] = []
        if let typenames = presence.typenames {
            tests.append(typenames.count == 1
                ? "self.__typename == \(SwiftWriter.stringLiteral(typenames[0]))"
                : "[\(typenames.map(SwiftWriter.stringLiteral).joined(separator: ", "))].contains(self.__typename)")
        }
        if presence.isConditional, !presence.evidenceKeys.isEmpty {
            let keys = presence.evidenceKeys.map(SwiftWriter.stringLiteral).joined(separator: ", ")
            tests.append("decoder.containsAnyGraphQLKey([\(keys)])")
        }
        guard !tests.isEmpty else { return "try \(type)(from: decoder)" }
        return "try \(tests.joined(separator: " && ")) ? \(type)(from: decoder) : nil"
    }

    // MARK: Schema types

    private func renderSchemaTypes() -> String {
        let types = plan.schemaTypes
        var writer = SwiftWriter()
        header("the schema", &writer)
        writer.line()
        writer.line("/// The schema's enums and input objects that this target's operations use.")
        writer.block("\(access)enum \(types.namespace)") { writer in
            var first = true
            func separate(_ writer: inout SwiftWriter) {
                if !first { writer.line() }
                first = false
            }
            for enumPlan in types.enums {
                separate(&writer)
                writer.documentation(enumPlan.documentation)
                writer.block("\(access)enum \(enumPlan.swiftName): String, CaseIterable, Codable, Sendable, Hashable") { writer in
                    for enumCase in enumPlan.cases {
                        writer.documentation(enumCase.documentation)
                        deprecation(enumCase.deprecationReason, &writer)
                        let raw = enumCase.swiftName == enumCase.rawValue ? "" : " = \(SwiftWriter.stringLiteral(enumCase.rawValue))"
                        writer.line("case \(SwiftName.escaped(enumCase.swiftName))\(raw)")
                    }
                    if enumPlan.cases.contains(where: { $0.deprecationReason != nil }) {
                        // Swift does not synthesize allCases when a case is deprecated; building it from raw values
                        // avoids naming the deprecated cases (which would warn).
                        let raws = enumPlan.cases.map { SwiftWriter.stringLiteral($0.rawValue) }.joined(separator: ", ")
                        writer.line()
                        writer.line("\(access)static var allCases: [\(enumPlan.swiftName)] { [\(raws)].compactMap(\(enumPlan.swiftName).init(rawValue:)) }")
                    }
                }
            }
            for input in types.inputObjects {
                separate(&writer)
                writer.documentation(input.documentation)
                if input.isOneOf {
                    renderOneOfEnum(input, &writer)
                } else {
                    renderInputStruct(input.swiftName, input.fields, &writer)
                }
            }
            if types.needsIndirectBox {
                separate(&writer)
                writer.line("/// Heap storage that lets an input object contain itself (a struct cannot hold itself directly).")
                writer.block("\(access)final class IndirectInput<Value: Hashable & Sendable>: Hashable, Sendable") { writer in
                    writer.line("\(access)let value: Value")
                    writer.line("\(access)init(_ value: Value) { self.value = value }")
                    writer.line("\(access)static func == (lhs: IndirectInput, rhs: IndirectInput) -> Bool { lhs.value == rhs.value }")
                    writer.line("\(access)func hash(into hasher: inout Hasher) { hasher.combine(value) }")
                }
            }
        }
        return writer.text
    }
}
