import ArgumentParser
import FlatfileGraphQL
import Foundation

/// What `fgql run` prints on stdout.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// The response's `data` (or the `--select`ed part) as JSON.
    case json
    /// The whole response: `data`, `errors`, `extensions`.
    case raw
    /// One compact JSON row per line.
    case ndjson
    /// Rows as CSV with a header row.
    case csv
}

/// Turns responses and pages into the text written to stdout, in the chosen format.
struct ResultPrinter {
    let format: OutputFormat
    let style: JSONOutputStyle
    let colour: Bool
    /// `--raw-output`: a string is printed as its bare text, anything else as compact JSON (as `jq -r` does).
    let rawStrings: Bool
    /// Whether text that is not JSON (CSV cells, `--raw-output` strings) has its control characters escaped, as
    /// it must be on a terminal; JSON escapes them in strings already.
    let escapesControlCharacters: Bool
    private var csv = CSVWriter()
    private var itemsWritten = 0

    init(
        format: OutputFormat, style: JSONOutputStyle, colour: Bool, rawStrings: Bool = false,
        escapesControlCharacters: Bool = false
    ) {
        self.format = format
        self.style = style
        self.colour = colour
        self.rawStrings = rawStrings
        self.escapesControlCharacters = escapesControlCharacters
    }

    /// The text for one whole response.
    mutating func text(for response: GraphQLResponse, select: SelectPath?, log: StandardError) throws(CommandFailure) -> String {
        let value = try self.value(of: response, select: select)
        switch format {
        case .json, .raw:
            if rawStrings, case .string(let text) = value { return forDisplay(text) + "\n" }
            return (rawStrings ? value.jsonString(.compact) : json(value)) + "\n"
        case .ndjson, .csv: return try rowsText(RowFormatting.rows(in: value, format: format.rawValue), log: log)
        }
    }

    /// What is printed of `response`: its `data` (the whole response for `raw`), or the part at `select` — from the
    /// response's root when the path starts there (`data.…`, `errors…`), else from `data`.
    func value(of response: GraphQLResponse, select: SelectPath?) throws(CommandFailure) -> JSONValue {
        let value = format == .raw ? response.jsonValue : (response.data ?? .null)
        guard let select else { return value }
        let root = select.components.first.map { component in
            if case .key(let key) = component { return ["data", "errors", "extensions"].contains(key) }
            return false
        } ?? false
        return try select.select(in: root ? response.jsonValue : value)
    }

    /// The opening text of a streamed list of items (`--all-pages`).
    func beginItems() -> String {
        format == .json ? "[" : ""
    }

    /// The text for the next items of a streamed list.
    mutating func text(forItems items: [JSONValue], log: StandardError) -> String {
        switch format {
        case .json:
            var text = ""
            for item in items {
                text += itemsWritten == 0 ? "" : ","
                text += style == .pretty ? "\n" + indented(json(item)) : json(item)
                itemsWritten += 1
            }
            return text
        case .raw, .ndjson, .csv:
            return rowsText(items, log: log)
        }
    }

    /// The closing text of a streamed list.
    func endItems() -> String {
        guard format == .json else { return "" }
        return (style == .pretty && itemsWritten > 0 ? "\n]" : "]") + "\n"
    }

    private mutating func rowsText(_ rows: [JSONValue], log: StandardError) -> String {
        switch format {
        case .csv:
            return forDisplay(csv.lines(for: rows) { column in
                log.warning("column \(column) first appears after the CSV header was written; its values are left out")
            })
        default:
            return rows.map { $0.jsonString(.compact) + "\n" }.joined()
        }
    }

    private func forDisplay(_ text: String) -> String {
        escapesControlCharacters ? TerminalText.escaped(text) : text
    }

    private func json(_ value: JSONValue) -> String {
        let text = value.jsonString(style)
        return colour ? JSONHighlighter.highlight(text) : text
    }

    private func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}

/// Data on stdout, written as it comes so a pipe sees pages while later ones are still being fetched.
struct StandardOutput {
    let isTerminal = isatty(STDOUT_FILENO) == 1

    /// A reader that goes away (`fgql run … | head -3`) must end the command quietly, not kill it with SIGPIPE
    /// or trap in `FileHandle.write(_:)`.
    private static let ignoresBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init() {
        Self.ignoresBrokenPipes
    }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            // The reader closed the pipe: nobody wants the rest, which is success from the pipeline's view.
            exit(0)
        }
    }
}
