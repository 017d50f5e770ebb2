import Foundation
import FlatfileGraphQL

/// Where `fgql run` takes an operation's variables from, lowest precedence first:
/// Flatfile defaults from the environment, the sidecar `NAME.variables.json`, `--variables FILE|-`, `--var k=v`.
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

    var document: URL
    var variablesFile: String?
    var assignments: [String]
    var environment: [String: String]
    var readStandardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }

    /// The merged variables for an operation that declares `declared` variables.
    ///
    /// Environment defaults apply only to variables the operation declares, so a query without `$licenseKey` is
    /// never sent one.
    func merged(declared: Set<String>) throws(CommandFailure) -> JSONObject {
        var variables = JSONObject()
        for (variable, environmentVariable) in Self.environmentDefaults where declared.contains(variable) {
            if let value = environment[environmentVariable], !value.isEmpty { variables[variable] = .string(value) }
        }
        let sidecar = Self.sidecar(for: document)
        if FileManager.default.fileExists(atPath: sidecar.path) {
            try merge(try Self.object(from: try read(sidecar), source: sidecar.path), into: &variables)
        }
        if let variablesFile {
            let source = variablesFile == "-" ? "standard input" : variablesFile
            let data = variablesFile == "-" ? readStandardInput() : try read(URL(fileURLWithPath: variablesFile))
            try merge(try Self.object(from: data, source: source), into: &variables)
        }
        for assignment in assignments {
            let (name, value) = try Self.assignment(assignment)
            variables[name] = value
        }
        return variables
    }

    /// `name=value`: the value is JSON when it parses as JSON (`50`, `true`, `["a"]`, `"x"`), else the text.
    static func assignment(_ text: String) throws(CommandFailure) -> (String, JSONValue) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw .usage("--var \(text): expected name=value, for example --var take=50 or --var search=acme.")
        }
        let name = String(text[..<equals])
        let rawValue = String(text[text.index(after: equals)...])
        let value = (try? JSONValue(parsing: rawValue)) ?? .string(rawValue)
        return (name, value)
    }

    private func merge(_ object: JSONObject, into variables: inout JSONObject) throws(CommandFailure) {
        for (key, value) in object { variables[key] = value }
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

/// A `-H 'Name: value'` header, split on the first colon only so values may contain colons (URLs, times).
struct HeaderArgument: Equatable {
    var name: String
    var value: String

    init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    init(parsing text: String) throws(CommandFailure) {
        guard let colon = text.firstIndex(of: ":") else {
            // The argument is not echoed: a header without its colon is most likely a bare secret.
            throw .usage("-H takes 'Name: value' and this one has no colon, for example -H 'X-Api-Key: …'.")
        }
        name = text[..<colon].trimmingCharacters(in: .whitespaces)
        value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
            throw .usage("-H: \"\(name)\" is not a valid header name (letters, digits and -, no spaces).")
        }
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && scalar.value > 32 && scalar.value < 127 && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(scalar)
    }
}
