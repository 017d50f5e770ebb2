/// How long each stage of one generator run took: what `fgql-bench` reports, and where to look first when code
/// generation makes a build slow.
///
/// ```swift
/// var timings = CodegenTimings()
/// let result = Codegen.generate(schemaFile: "schema.graphqls", documentFiles: files, timings: &timings)
/// print("schema \(timings.schemaLoad), total \(timings.total)")
/// ```
public struct CodegenTimings: Sendable, Hashable {
    /// Reading the schema file and turning it into a checked schema (parse, SDL checks, build, schema validation).
    public var schemaLoad: Duration = .zero
    /// Reading and parsing the `.graphql` files.
    public var documentParse: Duration = .zero
    /// Checking the operations against the schema.
    public var validation: Duration = .zero
    /// Naming and shaping the Swift types.
    public var plan: Duration = .zero
    /// Writing the Swift source text.
    public var render: Duration = .zero

    public init() {}

    /// Every stage together.
    public var total: Duration { schemaLoad + documentParse + validation + plan + render }

    /// Runs `body` and adds its duration to `stage`.
    mutating func measure<T>(_ stage: WritableKeyPath<CodegenTimings, Duration>, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { self[keyPath: stage] += clock.now - start }
        return try body()
    }
}
