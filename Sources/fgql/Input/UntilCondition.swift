import FlatfileGraphQL

/// `--until-select PATH=VALUE`: the subscription ends after the first event whose value at PATH is VALUE —
/// `data.batchStatusUpdated.status=submitted`. VALUE is compared with a string as text, with anything else as its
/// compact JSON (`=true`, `=3`, `=null`).
struct UntilCondition {
    var path: SelectPath
    var value: String

    init(parsing text: String) throws(CommandFailure) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw .usage("--until-select \(text): write PATH=VALUE, for example --until-select 'data.batchStatusUpdated.status=submitted'.")
        }
        path = try SelectPath(parsing: String(text[..<equals]))
        value = String(text[text.index(after: equals)...])
    }

    /// Whether `response` is the event to stop after; a path the event does not have is not a match.
    func isMet(by response: GraphQLResponse) -> Bool {
        guard let found = try? path.select(in: response.jsonValue) else { return false }
        if case .string(let text) = found { return text == value }
        return found.jsonString(.compact) == value
    }
}
