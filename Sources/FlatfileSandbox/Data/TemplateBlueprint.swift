/// A kind of template the seed creates, with how to make good and bad cell values for its fields.
struct TemplateBlueprint: Sendable {
    struct FieldBlueprint: Sendable {
        let field: TemplateField
        let value: @Sendable (inout SeededGenerator) -> CellValue
        /// Values that fail the field's checks (an error or a warning).
        let badValues: [CellValue]
    }

    let name: String
    let slug: String
    let fieldBlueprints: [FieldBlueprint]

    var fields: [TemplateField] { fieldBlueprints.map(\.field) }

    func cells(using generator: inout SeededGenerator) -> [String: CellValue] {
        var cells: [String: CellValue] = [:]
        cells.reserveCapacity(fieldBlueprints.count)
        for blueprint in fieldBlueprints {
            cells[blueprint.field.key] = blueprint.value(&generator)
        }
        return cells
    }

    /// Replaces one random field's value with a bad one.
    func corrupt(_ cells: inout [String: CellValue], using generator: inout SeededGenerator) {
        let candidates = fieldBlueprints.filter { !$0.badValues.isEmpty }
        guard let blueprint = candidates.randomElement(using: &generator),
            let bad = blueprint.badValues.randomElement(using: &generator)
        else { return }
        cells[blueprint.field.key] = bad
    }

    static let all: [TemplateBlueprint] = [contacts, products, employees]

    static let contacts = TemplateBlueprint(
        name: "Contacts",
        slug: "contacts",
        fieldBlueprints: [
            text("firstName", "First Name", required: true, from: Words.firstNames),
            text("lastName", "Last Name", required: false, from: Words.lastNames),
            FieldBlueprint(
                field: TemplateField(key: "email", label: "Email", kind: .string, format: .email, required: true),
                value: { generator in
                    let first = Words.firstNames.randomElement(using: &generator) ?? "demo"
                    let last = Words.lastNames.randomElement(using: &generator) ?? "user"
                    let domain = Words.domains.randomElement(using: &generator) ?? "example.com"
                    return .string("\(first).\(last)@\(domain)".lowercased())
                },
                badValues: [.string("not-an-email"), .string("jane@"), .null]
            ),
            FieldBlueprint(
                field: TemplateField(key: "phone", label: "Phone", kind: .string, format: .phone, required: false),
                value: { generator in
                    .string("(\(Int.random(in: 200...989, using: &generator))) 555-\(Int.random(in: 1000...9999, using: &generator))")
                },
                badValues: [.string("555-0100"), .string("+1 (415) 555-01999")]
            ),
            FieldBlueprint(
                field: TemplateField(key: "age", label: "Age", kind: .integer, format: nil, required: false),
                value: { .number(Double(Int.random(in: 18...90, using: &$0))) },
                badValues: [.string("thirty"), .number(27.5)]
            ),
            FieldBlueprint(
                field: TemplateField(key: "subscribed", label: "Subscribed", kind: .boolean, format: nil, required: false),
                value: { .bool(Bool.random(using: &$0)) },
                badValues: [.string("maybe")]
            ),
        ]
    )

    static let products = TemplateBlueprint(
        name: "Products",
        slug: "products",
        fieldBlueprints: [
            FieldBlueprint(
                field: TemplateField(key: "sku", label: "SKU", kind: .string, format: nil, required: true),
                value: { .string("SKU-\(Int.random(in: 10000...99999, using: &$0))") },
                badValues: [.null, .string("")]
            ),
            text("name", "Name", required: true, from: Words.productNames),
            FieldBlueprint(
                field: TemplateField(key: "price", label: "Price", kind: .number, format: nil, required: false),
                value: { .number(Double(Int.random(in: 100...99_999, using: &$0)) / 100) },
                badValues: [.string("$12,99"), .string("free")]
            ),
            FieldBlueprint(
                field: TemplateField(key: "quantity", label: "Quantity", kind: .integer, format: nil, required: false),
                value: { .number(Double(Int.random(in: 0...500, using: &$0))) },
                badValues: [.number(2.5), .string("a dozen")]
            ),
            text("category", "Category", required: false, from: Words.categories),
            FieldBlueprint(
                field: TemplateField(key: "inStock", label: "In Stock", kind: .boolean, format: nil, required: false),
                value: { .bool(Bool.random(using: &$0)) },
                badValues: [.string("yes")]
            ),
        ]
    )

    static let employees = TemplateBlueprint(
        name: "Employees",
        slug: "employees",
        fieldBlueprints: [
            FieldBlueprint(
                field: TemplateField(key: "employeeId", label: "Employee ID", kind: .string, format: nil, required: true),
                value: { .string("E\(Int.random(in: 1000...9999, using: &$0))") },
                badValues: [.null]
            ),
            FieldBlueprint(
                field: TemplateField(key: "fullName", label: "Full Name", kind: .string, format: nil, required: true),
                value: { generator in
                    let first = Words.firstNames.randomElement(using: &generator) ?? "Demo"
                    let last = Words.lastNames.randomElement(using: &generator) ?? "User"
                    return .string("\(first) \(last)")
                },
                badValues: [.string("")]
            ),
            text("department", "Department", required: false, from: Words.departments),
            FieldBlueprint(
                field: TemplateField(key: "startDate", label: "Start Date", kind: .string, format: .date, required: false),
                value: { generator in
                    let month = Int.random(in: 1...12, using: &generator)
                    let day = Int.random(in: 1...28, using: &generator)
                    let year = Int.random(in: 2015...2024, using: &generator)
                    return .string("\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)")
                },
                badValues: [.string("31/01/2024"), .string("last spring")]
            ),
            FieldBlueprint(
                field: TemplateField(key: "salary", label: "Salary", kind: .number, format: nil, required: false),
                value: { .number(Double(Int.random(in: 40...250, using: &$0) * 1000)) },
                badValues: [.string("80k")]
            ),
        ]
    )

    private static func text(_ key: String, _ label: String, required: Bool, from words: [String]) -> FieldBlueprint {
        FieldBlueprint(
            field: TemplateField(key: key, label: label, kind: .string, format: nil, required: required),
            value: { .string(words.randomElement(using: &$0) ?? key) },
            badValues: required ? [.null, .string("")] : []
        )
    }
}

/// Word lists for seeded cell values.
enum Words {
    static let firstNames = [
        "Ada", "Grace", "Alan", "Margaret", "Linus", "Barbara", "Dennis", "Frances", "Ken", "Radia",
        "Edsger", "Hedy", "Donald", "Katherine", "John", "Annie", "Tim", "Sophie", "Guido", "Mary",
    ]
    static let lastNames = [
        "Lovelace", "Hopper", "Turing", "Hamilton", "Torvalds", "Liskov", "Ritchie", "Allen", "Thompson", "Perlman",
        "Dijkstra", "Lamarr", "Knuth", "Johnson", "Backus", "Easley", "Berners-Lee", "Wilson", "Rossum", "Keller",
    ]
    static let domains = ["example.com", "example.org", "mail.example.net", "corp.example"]
    static let productNames = [
        "Desk Lamp", "Notebook", "Standing Desk", "Monitor Arm", "Keyboard", "Headphones", "Water Bottle",
        "Backpack", "Coffee Mug", "Webcam", "USB Hub", "Office Chair",
    ]
    static let categories = ["Office", "Electronics", "Furniture", "Kitchen", "Travel"]
    static let departments = ["Engineering", "Finance", "Sales", "Support", "Marketing", "Operations"]
}
