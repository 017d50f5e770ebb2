import ArgumentParser
import FlatfileGraphQL
import FlatfilePlatform
import Foundation
import GraphQLCodegen

/// `fgql run FILE.graphql`: runs a saved operation and prints the result.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operation in a .graphql file and print its data.",
        discussion: """
            The file may be a path, a saved query's name without .graphql (getBatches: looked for in the current \
            folder, then in queries/), or - to read the document from standard input; a piped document has no \
            sidecar and no schema beside it, so pass --schema to have it validated.

            Variables, lowest precedence first: FLATFILE_LICENSE_KEY / FLATFILE_ENVIRONMENT_ID for $licenseKey and \
            $environmentId, the sidecar FILE.variables.json, --variables, --var. Only declared variables are sent: \
            a name the operation does not declare is an error in --var and --variables, and skipped with a warning \
            in the sidecar. A --var value is read as its declared type: String, ID, enums and custom scalars as the \
            text itself (--var name=2024 is the string "2024"), Int a whole number, Float a number, Boolean true or \
            false, lists and input objects as JSON.

            The document is checked against the schema beside it (schema.graphqls, schema.graphql or schema.json) \
            before anything is sent; without one it is sent unchecked, with a warning saying how to fetch a schema.

            Credentials come from the environment, then the nearest .env (in the current folder, else in its \
            parents up to the project root: the nearest folder with .git or Package.swift).

            A subscription prints each event as it arrives (one JSON document per line when piped; --output ndjson \
            or csv, one row per event) until the server ends it, --max-events N, --until-select PATH=VALUE, or \
            Ctrl-C (exit status 130).

            Exit status: 0 ok, 1 GraphQL errors, 2 usage or validation error (bad flags and arguments too), \
            3 authentication failed, 4 network or HTTP failure (also when a platform query's REST calls get no \
            answer, a request runs past --timeout, or retries run out). "data": null with no errors exits 0 with a \
            warning. When --all-pages fails on a later page, stderr says how many items were written: the output \
            is incomplete.

            Examples:
              fgql run queries/getBatches.graphql --sandbox
              fgql run queries/getFinalDatabaseView.graphql --var batchId=… --all-pages --output csv > rows.csv
              fgql run queries/getBatches.graphql --select data.getBatches.data --compact | jq length
              fgql run getBatches --select data.getBatches.data[0].id --raw-output
              echo '{ getBatches(licenseKey: "…") { data { id } } }' | fgql run - --schema queries/schema.graphqls
              fgql run queries/platform/auditLog.graphql --sandbox --var since=2025-03-01T00:00:00Z
              fgql run viewer.graphql --endpoint https://api.github.com/graphql -H "Authorization: Bearer $TOKEN"
              fgql run batchStatusUpdated --var batchId=… --until-select data.batchStatusUpdated.status=submitted

            Operations whose schema folder has an fgql.json with "endpoint": "flatfile-platform" (queries/platform/) \
            run against Flatfile's platform REST API (FLATFILE_PLATFORM_URL) with a Personal Access Token, secret \
            key, client id/secret or email/password; fgql executes their GraphQL in this process. --api platform or \
            --api graphql says which API to use whatever fgql.json says; the API decides which credential in the \
            environment wins (the platform API takes FLATFILE_API_KEY first, the GraphQL API the access key pair).
            """
    )

    @Argument(help: ArgumentHelp(
        "The .graphql file holding the operation, a saved query's name (getBatches), or - for standard input.",
        valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Which operation to run when the file holds several.", valueName: "name"))
    var operation: String?

    @Option(help: ArgumentHelp("A JSON file of variables, or - to read them from stdin.", valueName: "file"))
    var variables: String?

    @Option(
        name: .customLong("var"),
        help: ArgumentHelp(
            "A variable as name=value, the value read as the variable's declared type (repeatable).", valueName: "name=value"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("The schema to validate against instead of the one beside the file.", valueName: "file"))
    var schema: String?

    @Flag(help: "Send the document without validating it first.")
    var noValidate = false

    @Option(help: ArgumentHelp("json (data), raw (the whole response), ndjson or csv (rows).", valueName: "format"))
    var output: OutputFormat = .json

    @Flag(help: "Compact JSON even on a terminal.")
    var compact = false

    @Flag(help: "Indented JSON even when piped.")
    var pretty = false

    @Option(help: ArgumentHelp("Print only this part of the result, e.g. data.getBatches.data.", valueName: "path"))
    var select: String?

    @Flag(name: [.customShort("r"), .long], help: "Print a string result as bare text, not as a JSON string (as jq -r).")
    var rawOutput = false

    @Flag(help: "Follow offset paging (skip/limit, offset/limit or skip/take) to the last page, streaming the items.")
    var allPages = false

    @Option(help: ArgumentHelp("A subscription: stop after this many events.", valueName: "n"))
    var maxEvents: Int?

    @Option(help: ArgumentHelp(
        "A subscription: stop after the first event whose value at PATH is VALUE, e.g. data.batchStatusUpdated.status=submitted.",
        valueName: "path=value"))
    var untilSelect: String?

    @Option(help: APIChoice.help)
    var api: APIChoice = .auto

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if api != .auto && connection.endpoint != nil {
            throw ValidationError("--api \(api.rawValue) chooses one of Flatfile's APIs, and --endpoint names another GraphQL server; use one of them.")
        }
        if compact && pretty { throw ValidationError("--compact and --pretty contradict each other; use one.") }
        if allPages && select != nil {
            throw ValidationError("--select does not combine with --all-pages, which prints the paged items themselves.")
        }
        if rawOutput && (allPages || output == .ndjson || output == .csv) {
            throw ValidationError("--raw-output prints one result; it does not combine with --all-pages, --output ndjson or --output csv.")
        }
        if rawOutput && pretty {
            throw ValidationError("--raw-output prints anything but a string as compact JSON; drop --pretty (or pipe to jq).")
        }
        if let maxEvents, maxEvents < 1 {
            throw ValidationError("--max-events \(maxEvents) must be at least 1.")
        }
        if file == DocumentSource.standardInputArgument && variables == DocumentSource.standardInputArgument {
            throw ValidationError("the document and --variables cannot both come from standard input; put the variables in a file or use --var.")
        }
    }

    mutating func run() async throws {
        let log = StandardError()
        do {
            try await execute(log: log)
        } catch {
            log.error(error.description)
            throw error.exitCode
        }
    }

    private func execute(log: StandardError) async throws(CommandFailure) {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let source = try DocumentSource.locate(file, in: workingDirectory)
        let document = try loadDocument(source, log: log)
        let chosen: RunnableOperation
        do {
            chosen = try document.operation(named: operation)
        } catch {
            throw .usage("\(source.label): \(error)")
        }
        let isSubscription = chosen.kind == "subscription"
        if isSubscription && allPages {
            throw .usage("\(source.label): --all-pages pages a query; a subscription streams its events by itself (stop it with --max-events or --until-select).")
        }
        if !isSubscription && (maxEvents != nil || untilSelect != nil) {
            throw .usage("\(source.label): --max-events and --until-select stop a subscription; \(chosen.name ?? "this operation") is a \(chosen.kind).")
        }
        let selectPath = try select.map { text throws(CommandFailure) in try SelectPath(parsing: text) }
        let until = try untilSelect.map { text throws(CommandFailure) in try UntilCondition(parsing: text) }
        let paging = try allPages ? Self.paging(for: chosen) : nil

        let connection = try await Connection.open(
            self.connection, api: try APIRouting.api(api, forSchemaOf: source, schema: schema, log: log),
            workingDirectory: workingDirectory, log: log)
        do {
            try await send(document, from: source, chosen, selectPath, paging, until, over: connection, log: log)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    private func send(
        _ document: RunnableDocument, from source: DocumentSource, _ chosen: RunnableOperation,
        _ selectPath: SelectPath?, _ paging: OffsetPaging?, _ until: UntilCondition?, over connection: Connection,
        log: StandardError
    ) async throws(CommandFailure) {
        let sources = VariableSources(
            document: source.path.map { URL(fileURLWithPath: $0) }, variablesFile: variables, assignments: assignments,
            environment: connection.environment)
        let variables = try sources.merged(for: chosen, log: log)
        try Self.checkRequiredVariables(of: chosen, in: variables, source: source)

        let stdout = StandardOutput()
        let style: JSONOutputStyle = pretty || (stdout.isTerminal && !compact) ? .pretty : .compact
        let colour = stdout.isTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        var printer = ResultPrinter(
            format: output, style: style, colour: colour && !rawOutput, rawStrings: rawOutput,
            escapesControlCharacters: stdout.isTerminal)
        do {
            if chosen.kind == "subscription" {
                try await streamEvents(connection.client, document.text, chosen, variables, selectPath, until, &printer, stdout, log)
            } else if let paging {
                try await runPages(connection.client, document.text, chosen, variables, paging, &printer, stdout, log)
            } else {
                let response = try await connection.client.execute(
                    document: document.text, variables: variables, operationName: chosen.name)
                let hasData = response.data.map { !$0.isNull } ?? false
                if !hasData && response.errors.isEmpty {
                    // Not an error by the exit codes' rules, but an empty stdout must not look like success unsaid.
                    log.warning(#"the server returned "data": null and no errors"#)
                }
                if hasData || output == .raw {
                    do {
                        stdout.write(try printer.text(for: response, select: selectPath, log: log))
                    } catch {
                        // Partial data may lack what --select or --output asked for; then the errors say why.
                        if response.errors.isEmpty { throw error }
                    }
                }
                try Self.check(response)
            }
        } catch {
            throw CommandFailure(caught: error)
        }
    }

    private func runPages(
        _ client: GraphQLClient, _ text: String, _ operation: RunnableOperation, _ variables: JSONObject,
        _ paging: OffsetPaging, _ printer: inout ResultPrinter, _ stdout: StandardOutput, _ log: StandardError
    ) async throws(CommandFailure) {
        stdout.write(printer.beginItems())
        var count = 0
        var total: Int?
        var closed = false
        do {
            for try await page in client.pages(document: text, operationName: operation.name, variables: variables, paging: paging) {
                // Each write is whole lines (a page's rows, or its response as one line), so a failure between
                // pages never leaves half a record on stdout.
                if output == .raw {
                    stdout.write(page.response.jsonValue.jsonString(.compact) + "\n")
                } else {
                    stdout.write(printer.text(forItems: page.items, log: log))
                }
                count += page.items.count
                total = page.total ?? total
                log.progress("fetched \(count)\(total.map { " of \($0)" } ?? "") items")
                if !page.response.errors.isEmpty {
                    log.endProgress()
                    stdout.write(printer.endItems())
                    closed = true
                    try Self.check(page.response)
                }
            }
        } catch {
            log.endProgress()
            // A JSON list stays unclosed, so no parser takes it for the whole list, but its last line is ended.
            if output == .json && count > 0 && !closed { stdout.write("\n") }
            let failure = CommandFailure(caught: error)
            guard count > 0 else { throw failure }
            // The rows on stdout look like a finished result; only this line says they are not.
            let unit = output == .ndjson || output == .csv ? "rows" : "items"
            throw failure.adding(
                "\(Self.grouped(count))\(total.map { " of \(Self.grouped($0))" } ?? "") \(unit) were written before the failure: the output is incomplete.")
        }
        log.endProgress()
        stdout.write(printer.endItems())
    }

    /// Prints each event of a subscription as it arrives — JSON one document per event (one line when piped),
    /// `ndjson`/`csv` one row per event (the `--select`ed value, else the one root field's) — until the server
    /// completes it, `--max-events` or `--until-select` is reached, or the user presses Ctrl-C.
    private func streamEvents(
        _ client: GraphQLClient, _ text: String, _ operation: RunnableOperation, _ variables: JSONObject,
        _ selectPath: SelectPath?, _ until: UntilCondition?, _ printer: inout ResultPrinter, _ stdout: StandardOutput,
        _ log: StandardError
    ) async throws(CommandFailure) {
        // A row is the event's one root field unless --select says otherwise.
        let rowPath = selectPath ?? operation.rootFields.first.map { SelectPath(components: [.key($0.responseKey)]) }
        var count = 0
        do {
            for try await response in client.subscribe(document: text, variables: variables, operationName: operation.name) {
                count += 1
                if response.data.map({ !$0.isNull }) ?? false {
                    switch output {
                    case .json, .raw:
                        stdout.write(try printer.text(for: response, select: selectPath, log: log))
                    case .ndjson, .csv:
                        stdout.write(printer.text(forItems: [try printer.value(of: response, select: rowPath)], log: log))
                    }
                }
                try Self.check(response)
                if let maxEvents, count >= maxEvents { break }
                if let until, until.isMet(by: response) { break }
            }
        } catch {
            throw CommandFailure(caught: error)
        }
        if count == 0 { log.warning("the server ended the subscription before any event") }
    }

    /// A count with thousands separators, as in `4,000 of 25,000 rows`, whatever the locale.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// Reads the document, validates it against the schema unless told not to, and prints every diagnostic.
    private func loadDocument(_ source: DocumentSource, log: StandardError) throws(CommandFailure) -> RunnableDocument {
        if let schema, !noValidate, !FileManager.default.fileExists(atPath: schema) {
            throw .usage("--schema \(schema): no such file.")
        }
        let schemaPath = noValidate ? nil : (schema ?? source.path.flatMap(Self.schemaBeside))
        if !noValidate && schemaPath == nil { log.warning(Self.notValidatedWarning(for: source)) }
        let document = switch source {
        case .file(let path): RunnableDocument.load(path: path, schemaPath: schemaPath, cache: .user())
        case .standardInput:
            RunnableDocument.load(
                contents: try StandardInput.read("the document"), name: "<stdin>", schemaPath: schemaPath,
                cache: .user())
        }
        document.diagnostics.forEach { log.write("\($0)\n") }
        if document.diagnostics.containsErrors {
            let count = document.diagnostics.filter(\.isError).count
            throw .usage("\(source.label) has \(count) error(s); nothing was sent\(noValidate ? "" : " (--no-validate sends it anyway)").")
        }
        return document
    }

    /// Why nothing was checked, and how to have it checked next time.
    static func notValidatedWarning(for source: DocumentSource) -> String {
        guard let path = source.path else {
            return "the document from standard input was not validated: pass --schema FILE to check it before it is sent (fgql schema fetch --output schema.graphqls downloads one)."
        }
        let folder = (path as NSString).deletingLastPathComponent
        let schemaFile = folder.isEmpty ? "schema.graphqls" : folder + "/schema.graphqls"
        return "\(path) was not validated: there is no schema.graphqls, schema.graphql or schema.json beside it and no --schema. Fetch one with fgql schema fetch --output \(schemaFile) (or pass --no-validate to send it unchecked without this warning)."
    }

    /// `schema.graphqls`, `schema.graphql` or `schema.json` in the document's folder.
    static func schemaBeside(_ file: String) -> String? {
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        return ["schema.graphqls", "schema.graphql", "schema.json"]
            .map { directory.appendingPathComponent($0).path }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    static func checkRequiredVariables(of operation: RunnableOperation, in variables: JSONObject, source: DocumentSource) throws(CommandFailure) {
        let missing = operation.requiredVariables.filter { variables[$0.name] == nil || variables[$0.name]?.isNull == true }
        guard !missing.isEmpty else { return }
        let list = missing.map { "$\($0.name): \($0.type)" }.joined(separator: ", ")
        let example = missing[0].name
        let environmentHint = VariableSources.environmentDefaults.first { $0.variable == example }.map { ", or set \($0.environmentVariable)" } ?? ""
        let sidecarHint = source.path.map { ", add it to \(VariableSources.sidecar(for: URL(fileURLWithPath: $0)).lastPathComponent)" } ?? ""
        throw .usage(
            "missing required variable\(missing.count == 1 ? "" : "s") \(list). Pass --var \(example)=…\(sidecarHint)\(environmentHint).")
    }

    /// How `--all-pages` pages this operation: its one root field's offset and size arguments, bound to variables.
    static func paging(for operation: RunnableOperation) throws(CommandFailure) -> OffsetPaging {
        guard operation.rootFields.count == 1, let field = operation.rootFields.first else {
            throw .usage("--all-pages needs an operation with exactly one root field, which is the list to page through.")
        }
        let offset = ["skip", "offset"].lazy.compactMap { field.argumentVariables[$0] }.first
        let limit = ["limit", "take"].lazy.compactMap { field.argumentVariables[$0] }.first
        guard let offset, let limit else {
            throw .usage(
                "--all-pages needs \(field.name)'s offset and page-size arguments to be variables, e.g. \(field.name)(skip: $skip, limit: $limit).")
        }
        return OffsetPaging(rootField: field.responseKey, offsetVariable: offset, limitVariable: limit)
    }

    /// Exit status 1 with the server's messages when the response carries GraphQL errors; 4 when one of them is
    /// a platform REST call that got no answer, which is the network's failure rather than the API's.
    static func check(_ response: GraphQLResponse) throws(CommandFailure) {
        guard !response.errors.isEmpty else { return }
        let messages = response.errors.map { error in
            let path = error.path.isEmpty ? "" : " (at \(error.path.map(\.description).joined(separator: ".")))"
            // One line per error: a line break in the server's message must not start a line of fgql's own.
            return TerminalText.escaped("\(error.message)\(path)", keepingLineBreaks: false)
        }
        let list = "\n  " + messages.joined(separator: "\n  ")
        let unreachable = response.errors.contains {
            $0.extensions?["code"]?.stringValue == FlatfilePlatformEndpoint.unreachableErrorCode
        }
        if unreachable { throw .network("the server could not be reached for part of the result:" + list) }
        throw .graphQL("the server returned \(messages.count) error(s):" + list)
    }
}
