import FlatfileGraphQL
import Foundation
import GraphQLCodegen

/// Where `fgql run` takes an operation's variables from, lowest precedence first:
/// Flatfile defaults from the environment, the sidecar `NAME.variables.json`, `--variables FILE|-`, `--var k=v`.
///
/// Only variables the operation declares are sent. A name it does not declare in `--variables` or `--var` is a
/// mistake the user just made (exit 2, with the closest declared name); in the sidecar, which may serve several
/// versions of a query, it is skipped with a warning.
struct VariableSources {
    /// `queries/getBatches.graphql` → `queries/getBatches.variables.json`.
    static func sidecar(for document: URL) -> URL {
        document.deletingPathExtension().appendingPathExtension("variables.json")
    }

    /// Flatfile's well-known variables and the environment variables they default from.
    static let environmentDefaults: [(variable: String, environmentVariable: String)] = [
        ("licenseKey", "FLATFILE_LICENSE_KEY"),
        ("environmentId", "FLATFILE_ENVIRONMENT_ID"),
    ]

    /// The document's file, whose sidecar is read; `nil` for a document from standard input.
    var document: URL?
    var variablesFile: String?
    var assignments: [String]
    var environment: [String: String]
    var readStandardInput: () throws(CommandFailure) -> Data = { () throws(CommandFailure) in try StandardInput.read("--variables -") }

    /// The merged variables for `operation`, `--var` values coerced to their declared types.
    func merged(for operation: RunnableOperation, log: StandardError) throws(CommandFailure) -> JSONObject {
        let declared = Dictionary(operation.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var variables = JSONObject()
        for (variable, environmentVariable) in Self.environmentDefaults where declared[variable] != nil {
            if let value = environment[environmentVariable], !value.isEmpty { variables[variable] = .string(value) }
        }
        if let sidecar = document.map(Self.sidecar), FileManager.default.fileExists(atPath: sidecar.path) {
            let object = try Self.object(from: try read(sidecar), source: sidecar.path)
            let undeclared = object.map(\.key).filter { declared[$0] == nil }
            if !undeclared.isEmpty {
                log.warning(
                    "\(sidecar.path): skipped \(undeclared.map { "\"\($0)\"" }.joined(separator: ", ")), which the operation does not declare (it declares \(Self.list(operation)))")
            }
            for (key, value) in object where declared[key] != nil { variables[key] = value }
        }
        if let variablesFile {
            let source = variablesFile == "-" ? "standard input" : variablesFile
            let data = variablesFile == "-" ? try readStandardInput() : try read(URL(fileURLWithPath: variablesFile))
            for (key, value) in try Self.object(from: data, source: source) {
                guard declared[key] != nil else { throw Self.undeclared(key, given: "--variables \(variablesFile)", operation) }
                variables[key] = value
            }
        }
        for assignment in assignments {
            let (name, text) = try Self.assignment(assignment)
            guard let variable = declared[name] else { throw Self.undeclared(name, given: "--var \(name)", operation) }
            variables[name] = try VariableCoercion.value(text, for: variable)
        }
        return variables
    }

    /// `name=value`, split at the first `=`.
    static func assignment(_ text: String) throws(CommandFailure) -> (name: String, value: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw .usage("--var \(text): expected name=value, for example --var take=50 or --var search=acme.")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    private static func undeclared(_ name: String, given source: String, _ operation: RunnableOperation) -> CommandFailure {
        let suggestion = NameSuggestion.closest(to: name, in: operation.variables.map(\.name)).map { " Did you mean $\($0)?" } ?? ""
        return .usage("\(source): the operation declares no variable $\(name).\(suggestion) It declares \(list(operation)); nothing was sent.")
    }

    /// `$licenseKey: String!, $take: Int`, or `no variables`.
    private static func list(_ operation: RunnableOperation) -> String {
        operation.variables.isEmpty ? "no variables" : operation.variables.map { "$\($0.name): \($0.type)" }.joined(separator: ", ")
    }

    private func read(_ url: URL) throws(CommandFailure) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .usage("cannot read variables file \(url.path): \(error.localizedDescription)")
        }
    }

    private static func object(from data: Data, source: String) throws(CommandFailure) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw .usage("variables in \(source) are not valid JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw .usage("variables in \(source) must be a JSON object like {\"take\": 50}, not \(value.kindName).")
        }
        return object
    }
}
