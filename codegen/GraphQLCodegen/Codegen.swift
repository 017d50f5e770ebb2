import Foundation

/// The generator's entry points: `.graphql` files + a schema → Swift files, or diagnostics only.
///
/// The pipeline has one folder per stage — Load → Validate → Plan → Render — each a function over plain values.
///
/// ```swift
/// let result = Codegen.generate(
///     schemaFile: "queries/schema.graphqls", documentFiles: ["queries/getBatches.graphql"],
///     configuration: Configuration(namespace: "FlatfileSchema"))
/// result.diagnostics.forEach { print($0) }
/// if result.succeeded { _ = try result.write(to: "Generated") }
/// ```
public enum Codegen {
    /// The file that holds the schema types (namespace enum) next to one `<name>.graphql.swift` per input file.
    public static let schemaTypesFileName = "GraphQLSchemaTypes.swift"

    /// The generated file's name for a `.graphql` file: `getBatches.graphql` → `getBatches.graphql.swift`.
    public static func outputFileName(forDocument path: String) -> String { Planner.outputFileName(for: path) }

    /// Loads, validates, plans and renders. On any error `files` is empty: no partial output.
    public static func generate(
        schemaFile: String, documentFiles: [String], configuration: Configuration = Configuration()
    ) -> CodegenResult {
        var timings = CodegenTimings()
        return generate(schemaFile: schemaFile, documentFiles: documentFiles, configuration: configuration, timings: &timings)
    }

    /// Like `generate`, adding how long each stage took to `timings`.
    ///
    /// With a `schemaCacheDirectory` (the build plugin passes its work directory), a schema that passed every check
    /// in an earlier run is not checked again: only the part the operations reach is built (see `SchemaSubset`).
    /// The output is the same either way; any error sends the run through the full checks for its diagnostics.
    public static func generate(
        schemaFile: String, documentFiles: [String], configuration: Configuration = Configuration(),
        schemaCacheDirectory: String? = nil, timings: inout CodegenTimings
    ) -> CodegenResult {
        var (plan, diagnostics) = makePlan(
            schemaFile: schemaFile, documentFiles: documentFiles, configuration: configuration,
            cache: schemaCacheDirectory.map(SchemaCache.init(directory:)), timings: &timings)
        guard var plan, !diagnostics.containsErrors else { return CodegenResult(files: [], diagnostics: sorted(diagnostics)) }
        plan.importsFoundation = configuration.needsFoundation
        let files = timings.measure(\.render) {
            SwiftRenderer(plan: plan).render().map { GeneratedFile(name: $0.name, contents: $0.content) }
        }
        diagnostics = sorted(diagnostics)
        let operations = plan.files.flatMap(\.definitions).compactMap { definition -> GeneratedOperation? in
            guard case .operation(let operation) = definition else { return nil }
            return GeneratedOperation(id: operation.identifier, body: operation.document, name: operation.name, type: operation.kind)
        }
        return CodegenResult(files: files, diagnostics: diagnostics, operations: operations)
    }

    /// Like `generate`, reading the configuration from `configurationFile` (an `fgql.json`) when given.
    public static func generate(
        schemaFile: String, documentFiles: [String], configurationFile: String?, schemaCacheDirectory: String? = nil
    ) -> CodegenResult {
        let (configuration, problems) = loadConfiguration(configurationFile)
        if problems.containsErrors { return CodegenResult(files: [], diagnostics: problems) }
        var timings = CodegenTimings()
        var result = generate(
            schemaFile: schemaFile, documentFiles: documentFiles, configuration: configuration,
            schemaCacheDirectory: schemaCacheDirectory, timings: &timings)
        result.diagnostics = problems + result.diagnostics
        return result
    }

    /// Every diagnostic `generate` would report, without rendering. With a `schemaCacheDirectory`, a schema that
    /// passed every check before is not checked again, as for `generate`.
    public static func validate(
        schemaFile: String, documentFiles: [String], configuration: Configuration = Configuration(),
        schemaCacheDirectory: String? = nil
    ) -> [Diagnostic] {
        var timings = CodegenTimings()
        return sorted(makePlan(
            schemaFile: schemaFile, documentFiles: documentFiles, configuration: configuration,
            cache: schemaCacheDirectory.map(SchemaCache.init(directory:)), timings: &timings).1)
    }

    /// Reads an `fgql.json`; `nil` gives the defaults.
    public static func loadConfiguration(_ path: String?) -> (Configuration, [Diagnostic]) {
        guard let path else { return (Configuration(), []) }
        switch InputFiles.read(path) {
        case .failure(let diagnostic): return (Configuration(), [diagnostic])
        case .success(let file): return Configuration.load(file)
        }
    }

    private static func makePlan(
        schemaFile: String, documentFiles: [String], configuration: Configuration, cache: SchemaCache?,
        timings: inout CodegenTimings
    ) -> (CodegenPlan?, [Diagnostic]) {
        if let cache, let (plan, warnings) = planAgainstSubset(
            schemaFile: schemaFile, documentFiles: documentFiles, configuration: configuration, cache: cache,
            timings: &timings)
        {
            return (plan, deduplicated(warnings))
        }
        var diagnostics: [Diagnostic] = []
        var schema: LoadedSchema?
        timings.measure(\.schemaLoad) {
            switch InputFiles.read(schemaFile, as: .schema) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let file):
                switch SchemaLoader.load(file) {
                case .failure(let errors): diagnostics += errors.diagnostics
                case .success(let loaded):
                    schema = loaded
                    cache?.recordValid(SchemaText(file).digest)
                }
            }
        }
        let (documents, parseErrors) = timings.measure(\.documentParse) {
            var sources: [SourceFile] = []
            for path in documentFiles {
                switch InputFiles.read(path) {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let file): sources.append(file)
                }
            }
            return DocumentSet.load(sources)
        }
        diagnostics += parseErrors
        guard let schema, !diagnostics.containsErrors else { return (nil, deduplicated(diagnostics)) }
        guard let documents else {
            // No operation files: only the (empty) schema namespace.
            let plan = CodegenPlan(
                files: [],
                schemaTypes: SchemaTypesPlan(namespace: configuration.namespace, enums: [], inputObjects: [], outputFileName: schemaTypesFileName),
                accessLevel: configuration.accessLevel, runtimeModule: configuration.runtimeModule)
            return (plan, diagnostics)
        }
        diagnostics += timings.measure(\.validation) { DocumentValidator.validate(documents, schema: schema.schema) }
        if diagnostics.containsErrors { return (nil, deduplicated(diagnostics)) }
        let planner = Planner(schema: schema.schema, schemaFile: schema.file, documents: documents, configuration: configuration)
        let plan = timings.measure(\.plan) { planner.plan() }
        diagnostics += planner.diagnostics
        return (diagnostics.containsErrors ? nil : plan, deduplicated(diagnostics))
    }

    /// The plan built against the part of a known-valid schema the operations reach, with the validation warnings
    /// (deprecated fields, unused fragments: about the operations, so the same as against the whole schema);
    /// `nil` whenever that path cannot give exactly the full path's answer (unknown schema, a JSON schema, errors).
    private static func planAgainstSubset(
        schemaFile: String, documentFiles: [String], configuration: Configuration, cache: SchemaCache,
        timings: inout CodegenTimings
    ) -> (CodegenPlan, [Diagnostic])? {
        guard let schema = timings.measure(\.schemaLoad, { KnownSchema(path: schemaFile, cache: cache) }),
              cache.isKnownValid(schema.digest)
        else { return nil }
        let parsed: (DocumentSet?, [Diagnostic]) = timings.measure(\.documentParse) {
            let sources = documentFiles.compactMap { try? InputFiles.read($0).get() }
            guard sources.count == documentFiles.count else { return (nil, []) }
            return DocumentSet.load(sources)
        }
        guard let documents = parsed.0, parsed.1.isEmpty else { return nil }
        let texts = documents.files.map(\.file.text)
        let loaded: LoadedSchema? = timings.measure(\.schemaLoad) {
            if let cached = cache.subset(reachedBy: texts, schemaDigest: schema.digest, path: schemaFile) { return cached }
            guard let file = schema.file ?? (try? InputFiles.read(schemaFile, as: .schema).get()),
                  let subset = SchemaLoader.loadSubset(of: file, reachedBy: documents)
            else { return nil }
            cache.recordSubset(subset, reachedBy: texts, schemaDigest: schema.digest)
            return subset
        }
        guard let subset = loaded else { return nil }
        let problems = timings.measure(\.validation) { DocumentValidator.validate(documents, schema: subset.schema) }
        guard !problems.containsErrors else { return nil }
        let planner = Planner(schema: subset.schema, schemaFile: subset.file, documents: documents, configuration: configuration)
        let plan = timings.measure(\.plan) { planner.plan() }
        guard let warnings = subset.relocated(planner.diagnostics, to: schemaFile) else { return nil }
        return (plan, problems + warnings)
    }

    private static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }

    /// Sorted by file and position so output is stable and reads top to bottom.
    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        deduplicated(diagnostics).enumerated().sorted { left, right in
            let a = left.element
            let b = right.element
            if (a.path ?? "") != (b.path ?? "") { return (a.path ?? "") < (b.path ?? "") }
            if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
            if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
            return left.offset < right.offset
        }.map(\.element)
    }
}

/// One generated Swift file.
public struct GeneratedFile: Sendable, Hashable {
    public var name: String
    public var contents: String
}

/// What a generator run produced: the files (none when there are errors) and every diagnostic.
public struct CodegenResult: Sendable, Hashable {
    public var files: [GeneratedFile]
    public var diagnostics: [Diagnostic]
    /// Every operation generated, with the exact document it sends: what `OperationManifest` lists.
    public var operations: [GeneratedOperation] = []

    /// Whether generation finished without errors (warnings allowed).
    public var succeeded: Bool { !diagnostics.containsErrors }

    /// Writes each file into `directory` (created if needed), only when its content changed, so unchanged outputs
    /// keep their timestamps and the build stays incremental; removes files generated earlier for inputs that are
    /// gone. All or nothing: the changed files are written beside the folder's files first and moved into place
    /// only when every one was written. A file in `directory` that fgql did not generate is never overwritten
    /// (the run then writes nothing). Returns the names written or removed.
    ///
    /// - Throws: an error whose description says what stopped it and that nothing was changed.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try OutputWriter.write(files, to: directory)
    }
}
