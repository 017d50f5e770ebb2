import GraphQL
import OrderedCollections

/// One field of a template, read from its JSON-Schema-like definition, with the checks Flatfile runs on its cells.
struct TemplateField: Sendable, Equatable {
    enum Kind: String, Sendable {
        case string, number, integer, boolean
    }

    enum Format: String, Sendable {
        case email, phone, date
    }

    let key: String
    let label: String
    let kind: Kind
    let format: Format?
    let required: Bool

    /// Reads the fields of a template definition:
    /// `{type: "object", properties: {key: {type, label, format?}}, required: [key]}`.
    static func fields(from definition: Map) throws(SandboxDataError) -> [TemplateField] {
        guard let properties = definition["properties"].dictionary, !properties.isEmpty else {
            throw .badInput(
                "jsonSchema.schema.properties must be a non-empty object with one entry per field, "
                    + "e.g. {\"email\": {\"type\": \"string\", \"label\": \"Email\"}}")
        }
        let requiredKeys = Set((definition["required"].array ?? []).compactMap(\.string))
        return try properties.map { key, property throws(SandboxDataError) in
            let typeName = property["type"].string ?? "string"
            guard let kind = Kind(rawValue: typeName) else {
                throw .badInput(
                    "Field \"\(key)\" has type \"\(typeName)\"; use string, number, integer or boolean")
            }
            return TemplateField(
                key: key,
                label: property["label"].string ?? key,
                kind: kind,
                format: property["format"].string.flatMap(Format.init(rawValue:)),
                required: requiredKeys.contains(key)
            )
        }
    }

    /// The definition a list of fields comes from (the inverse of `fields(from:)`).
    static func definition(of fields: [TemplateField]) -> Map {
        var properties: OrderedDictionary<String, Map> = [:]
        for field in fields {
            var property: OrderedDictionary<String, Map> = ["type": .string(field.kind.rawValue), "label": .string(field.label)]
            if let format = field.format {
                property["format"] = .string(format.rawValue)
            }
            properties[field.key] = .dictionary(property)
        }
        return .dictionary([
            "type": "object",
            "properties": .dictionary(properties),
            "required": .array(fields.filter(\.required).map { .string($0.key) }),
        ])
    }

    /// The error and warning messages for one cell (info messages are notes, not checks).
    func check(_ value: CellValue) -> RowMessage? {
        switch value {
        case .null:
            return required ? RowMessage(level: .error, key: key, message: "\(label) is required") : nil
        case .string(let text) where text.isEmpty:
            return required ? RowMessage(level: .error, key: key, message: "\(label) is required") : nil
        case .string(let text):
            return checkText(text)
        case .number(let number):
            if kind == .boolean || kind == .string && format != nil {
                return mismatch()
            }
            if kind == .integer && number.rounded() != number {
                return RowMessage(level: .error, key: key, message: "\(label) must be a whole number")
            }
            return nil
        case .bool:
            return kind == .boolean || kind == .string && format == nil ? nil : mismatch()
        }
    }

    private func checkText(_ text: String) -> RowMessage? {
        switch kind {
        case .number, .integer, .boolean:
            return mismatch()
        case .string:
            break
        }
        switch format {
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            return valid ? nil : RowMessage(level: .error, key: key, message: "\(label) must be an email address")
        case .phone:
            let digits = text.filter(\.isNumber).count
            return digits == 10
                ? nil : RowMessage(level: .warn, key: key, message: "\(label) should have 10 digits, it has \(digits)")
        case .date:
            let parts = text.split(separator: "-")
            let valid = parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
            return valid ? nil : RowMessage(level: .error, key: key, message: "\(label) must be a date like 2024-01-31")
        case nil:
            return nil
        }
    }

    private func mismatch() -> RowMessage {
        let expected: String
        switch (kind, format) {
        case (.integer, _): expected = "a whole number"
        case (.number, _): expected = "a number"
        case (.boolean, _): expected = "true or false"
        case (.string, let format?): expected = "a \(format.rawValue) text"
        case (.string, nil): expected = "text"
        }
        return RowMessage(level: .error, key: key, message: "\(label) must be \(expected)")
    }
}

extension [TemplateField] {
    /// Re-checks a row: replaces its error and warning messages, keeps its info notes.
    func messages(for cells: [String: CellValue], keepingNotesOf previous: [RowMessage] = []) -> [RowMessage] {
        let notes = previous.filter { $0.level == .info }
        return compactMap { $0.check(cells[$0.key] ?? .null) } + notes
    }
}
