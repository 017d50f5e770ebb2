import Foundation

/// One GraphQL request: the document, the operation to run, and its variables.
///
/// ```swift
/// let request = GraphQLRequest(query: "query Me { me { id } }", operationName: "Me")
/// let response = try await endpoint.send(request)
/// ```
public struct GraphQLRequest: Sendable, Hashable {
    /// The document text.
    public var query: String
    /// Which operation of the document to run; required when the document has several.
    public var operationName: String?
    /// The variables, or `nil` to send none.
    public var variables: JSONObject?
    /// Protocol extensions (for example persisted-query hashes), or `nil`.
    public var extensions: JSONObject?
    /// What kind of operation runs, which decides whether transient failures may be retried. `nil` when the
    /// document does not say (it is then never retried).
    public var operationType: GraphQLOperationType?

    /// A request for `query`. When `operationType` is not given it is read from the document: the operation named
    /// `operationName`, or the document's only operation.
    public init(
        query: String, operationName: String? = nil, variables: JSONObject? = nil, extensions: JSONObject? = nil,
        operationType: GraphQLOperationType? = nil
    ) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
        self.extensions = extensions
        self.operationType = operationType
            ?? GraphQLDocumentScanner.operationType(in: query, operationName: operationName)
    }

    /// The request for a generated operation, its variables encoded to JSON.
    ///
    /// - Throws: `GraphQLClientError.encoding` when the variables cannot be encoded (for example a non-finite
    ///   `Double`).
    public init<Operation: GraphQLOperation>(_ operation: Operation) throws(GraphQLClientError) {
        let variables: JSONObject
        do {
            variables = try JSONValueEncoder().encode(operation.variables).objectValue ?? JSONObject()
        } catch {
            throw .encoding(EncodingFailure(operationName: Operation.operationName, message: "\(error)"))
        }
        self.init(
            query: Operation.document, operationName: Operation.operationName,
            variables: variables.isEmpty ? nil : variables, operationType: Operation.operationType)
    }

    /// The request as the JSON object sent over HTTP: `{"query", "operationName"?, "variables"?, "extensions"?}`.
    public var jsonValue: JSONValue {
        var body: JSONObject = ["query": .string(query)]
        if let operationName { body["operationName"] = .string(operationName) }
        if let variables { body["variables"] = .object(variables) }
        if let extensions { body["extensions"] = .object(extensions) }
        return .object(body)
    }
}

/// Reads just enough of a GraphQL document to tell which kinds of operations it defines. It skips strings,
/// block strings and comments and looks only at top-level definitions; it does not validate anything.
enum GraphQLDocumentScanner {
    struct Definition: Equatable {
        var type: GraphQLOperationType
        var name: String?
    }

    /// The type of the operation `operationName`, or of the only operation; `nil` when that is ambiguous.
    static func operationType(in document: String, operationName: String?) -> GraphQLOperationType? {
        let operations = definitions(in: document)
        if let operationName {
            return operations.first { $0.name == operationName }?.type
        }
        return operations.count == 1 ? operations[0].type : nil
    }

    private enum Token: Equatable {
        case name(String)
        case selectionSet
    }

    static func definitions(in document: String) -> [Definition] {
        let tokens = topLevelTokens(of: document)
        var definitions: [Definition] = []
        var index = 0
        while index < tokens.count {
            if case .name(let keyword) = tokens[index], let type = GraphQLOperationType(rawValue: keyword) {
                var name: String?
                if index + 1 < tokens.count, case .name(let operationName) = tokens[index + 1] { name = operationName }
                definitions.append(Definition(type: type, name: name))
            } else if tokens[index] == .selectionSet {
                // `{ … }` alone is an anonymous query.
                definitions.append(Definition(type: .query, name: nil))
                index += 1
                continue
            }
            // Skip the rest of this definition: everything up to and including its selection set.
            while index < tokens.count, tokens[index] != .selectionSet { index += 1 }
            index += 1
        }
        return definitions
    }

    /// Names outside any braces or parentheses (not directive names), and one token per top-level `{ … }`.
    private static func topLevelTokens(of document: String) -> [Token] {
        let scalars = Array(document.unicodeScalars)
        var tokens: [Token] = []
        var braces = 0
        var parentheses = 0
        var afterAt = false
        var index = 0

        func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || (scalar >= "A" && scalar <= "Z") || (scalar >= "a" && scalar <= "z")
        }
        func isNameContinue(_ scalar: Unicode.Scalar) -> Bool {
            isNameStart(scalar) || (scalar >= "0" && scalar <= "9")
        }
        func startsBlockString(at position: Int) -> Bool {
            position + 2 < scalars.count && scalars[position] == "\"" && scalars[position + 1] == "\""
                && scalars[position + 2] == "\""
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "#" {
                while index < scalars.count, scalars[index] != "\n", scalars[index] != "\r" { index += 1 }
            } else if startsBlockString(at: index) {
                index += 3
                while index < scalars.count, !startsBlockString(at: index) {
                    index += scalars[index] == "\\" ? 2 : 1
                }
                index += 2
            } else if scalar == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"", scalars[index] != "\n" {
                    index += scalars[index] == "\\" ? 2 : 1
                }
            } else if scalar == "{" {
                if braces == 0 && parentheses == 0 { tokens.append(.selectionSet) }
                braces += 1
            } else if scalar == "}" {
                braces = max(0, braces - 1)
            } else if scalar == "(" {
                parentheses += 1
            } else if scalar == ")" {
                parentheses = max(0, parentheses - 1)
            } else if scalar == "@" {
                afterAt = true
            } else if isNameStart(scalar) {
                let start = index
                while index + 1 < scalars.count, isNameContinue(scalars[index + 1]) { index += 1 }
                if braces == 0 && parentheses == 0 && !afterAt {
                    tokens.append(.name(String(String.UnicodeScalarView(scalars[start...index]))))
                }
                afterAt = false
            }
            index += 1
        }
        return tokens
    }
}
