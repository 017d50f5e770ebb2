import Foundation
import FlatfileGraphQL

/// Finds the list of rows in a result and turns each row into flat columns, for `--output csv` and `ndjson`.
enum RowFormatting {
    /// The rows of `value`: the value itself when it is a list, else the one list of objects inside it
    /// (`{getBatches: {data: [...], pagination: {...}}}` → the `data` list; `getFinalDatabaseView.rows` likewise).
    ///
    /// - Throws: `CommandFailure.usage` when there is no such list or more than one, naming the candidates so the
    ///   user can pick one with `--select`.
    static func rows(in value: JSONValue, format: String) throws(CommandFailure) -> [JSONValue] {
        if case .array(let elements) = value { return elements }
        var found: [(path: String, rows: [JSONValue])] = []
        collectLists(in: value, path: "", into: &found)
        switch found.count {
        case 1: return found[0].rows
        case 0:
            throw .usage("--output \(format) needs a list of rows, and the result has none. Select one with --select, or use --output json.")
        default:
            let paths = found.map(\.path).joined(separator: ", ")
            throw .usage("--output \(format): the result has several lists (\(paths)); choose one with --select.")
        }
    }

    /// Lists of objects (or empty lists) reachable through objects, outermost first; lists inside rows are not
    /// rows themselves.
    private static func collectLists(in value: JSONValue, path: String, into found: inout [(path: String, rows: [JSONValue])]) {
        guard case .object(let object) = value else { return }
        for (key, member) in object {
            let memberPath = path.isEmpty ? key : "\(path).\(key)"
            switch member {
            case .array(let elements) where elements.allSatisfy({ $0.objectValue != nil || $0.isNull }):
                found.append((memberPath, elements))
            case .object:
                collectLists(in: member, path: memberPath, into: &found)
            default:
                continue
            }
        }
    }

    /// The columns of `row`: nested objects flattened to dotted names (`data.email`), in the row's order.
    static func flatten(_ row: JSONValue) -> [(column: String, value: JSONValue)] {
        var columns: [(column: String, value: JSONValue)] = []
        func walk(_ value: JSONValue, prefix: String) {
            if case .object(let object) = value, !object.isEmpty {
                for (key, member) in object { walk(member, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
            } else {
                columns.append((prefix.isEmpty ? "value" : prefix, value))
            }
        }
        walk(row, prefix: "")
        return columns
    }
}

/// Writes rows as RFC 4180 CSV: a header row, then one line per row, fields quoted when they need it.
///
/// The header is fixed by the first rows written (so output can stream page by page); a column that appears only
/// later is reported once through `onNewColumn` and left out, rather than shifting every line after it.
struct CSVWriter {
    private(set) var columns: [String] = []
    private var reportedColumns: Set<String> = []
    private var wroteHeader = false

    /// The CSV text for `rows`, with the header first when this is the first call.
    mutating func lines(for rows: [JSONValue], onNewColumn: (String) -> Void) -> String {
        let flattened = rows.map(RowFormatting.flatten)
        var output = ""
        if !wroteHeader {
            var seen: Set<String> = []
            for row in flattened {
                for (column, _) in row where seen.insert(column).inserted { columns.append(column) }
            }
            output += columns.map(Self.field).joined(separator: ",") + "\r\n"
            wroteHeader = true
        }
        let known = Set(columns)
        for row in flattened {
            var values: [String: JSONValue] = [:]
            for (column, value) in row {
                if known.contains(column) {
                    values[column] = value
                } else if reportedColumns.insert(column).inserted {
                    onNewColumn(column)
                }
            }
            output += columns.map { Self.field(values[$0].map(Self.text) ?? "") }.joined(separator: ",") + "\r\n"
        }
        return output
    }

    /// A cell's text: strings as they are, null as empty, lists and objects as compact JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let string): string
        case .bool(let bool): bool ? "true" : "false"
        default: value.jsonString()
        }
    }

    /// Quotes a field when it holds a comma, quote, or line break, doubling inner quotes (RFC 4180).
    static func field(_ text: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character and would match neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
