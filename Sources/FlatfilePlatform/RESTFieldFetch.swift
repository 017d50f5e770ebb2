import Foundation
import GraphQL

/// Makes the REST calls of one field and returns its value: chooses the binding whose prefix matches, walks
/// pages, fans out over `each`, and applies `pick`, `distinctBy` and `typename`.
struct RESTFieldFetch: Sendable {
    let session: RESTSession
    let scope: TemplateScope

    func value(of bindings: [RESTBinding]) async throws -> Map {
        for binding in bindings {
            if let embedded = binding.embedded, case let value = scope.parent.value(at: embedded),
               !value.isNullish {
                return value
            }
            if let each = binding.each {
                guard let listRequest = RESTRequest(pathAndQuery: each, scope: scope) else { return .null }
                return try await fanOut(binding, over: listRequest)
            }
            guard let request = RESTRequest(
                path: binding.path, query: binding.query, requirePrefix: binding.requirePrefix, scope: scope)
            else { continue }
            return try await finish(binding, fetch(binding, request, arguments: scope.arguments))
        }
        return .null
    }

    /// Applies what comes after the calls: `pick`, `distinctBy`, `typename`.
    private func finish(_ binding: RESTBinding, _ value: Map) -> Map {
        var value = value
        if let pick = binding.pick, let equals = pick.firstIndex(of: "=") {
            let key = String(pick[..<equals])
            let wanted = scope.reference(String(pick[pick.index(after: equals)...].dropFirst()))
            value = value.arrayItems.first { $0.value(at: key) == wanted } ?? .null
        }
        if let key = binding.distinctBy {
            var seen = Set<String>()
            value = .array(value.arrayItems.filter { item in
                guard let id = item.value(at: key).queryText else { return true }
                return seen.insert(id).inserted
            })
        }
        if let typename = binding.typename, case .dictionary(var members) = value {
            members["__typename"] = .string(typename)
            value = .dictionary(members)
        }
        return value
    }

    /// The field's call once per item of the `each` list (all its pages), concatenated in list order.
    private func fanOut(_ binding: RESTBinding, over listRequest: RESTRequest) async throws -> Map {
        let listBinding = RESTBinding(
            path: listRequest.path, query: [], unwrap: "data", paging: .counted, pageSize: binding.pageSize,
            notFoundIsNull: false)
        let items = try await fetch(listBinding, listRequest, arguments: [:]).arrayItems
        let results = try await withThrowingTaskGroup(of: (Int, [Map]).self) { group in
            for (index, item) in items.enumerated() {
                var itemScope = scope
                itemScope.each = item
                guard let request = RESTRequest(path: binding.path, query: binding.query, scope: itemScope) else {
                    continue
                }
                group.addTask {
                    (index, try await fetch(binding, request, arguments: scope.arguments).arrayItems)
                }
            }
            var results = [[Map]](repeating: [], count: items.count)
            for try await (index, values) in group { results[index] = values }
            return results
        }
        return finish(binding, .array(results.flatMap { $0 }))
    }

    /// The value of one call, or of a walk over its pages.
    private func fetch(_ binding: RESTBinding, _ request: RESTRequest, arguments: Map) async throws -> Map {
        if binding.paging == .none {
            let body: Map
            do {
                body = try await session.body(request)
            } catch {
                if error.isNotFound && binding.notFoundIsNull { return .null }
                throw error
            }
            return body.value(atUnwrap: binding.unwrap)
        }
        let first = arguments.value(at: "first").int
        let explicitSize = arguments.value(at: "pageSize").int
        let size = max(1, explicitSize ?? min(binding.pageSize, first ?? binding.pageSize))
        if let number = arguments.value(at: "pageNumber").int {
            return .array(try await page(number, of: request, size: size, unwrap: binding.unwrap).items)
        }
        return .array(try await walk(request, paging: binding.paging, size: size, limit: first, unwrap: binding.unwrap))
    }

    /// Pages from 1 until the last counted page (or an empty one), a short page, or `limit` items. A counted walk
    /// fetches the pages after the first concurrently, since the first page says how many there are.
    private func walk(
        _ request: RESTRequest, paging: RESTBinding.Paging, size: Int, limit: Int?, unwrap: String
    ) async throws -> [Map] {
        let limit = limit ?? Int.max
        guard limit > 0 else { return [] }
        let pagesWanted = limit == Int.max ? Int.max : (limit + size - 1) / size
        let firstPage = try await page(1, of: request, size: size, unwrap: unwrap)
        var items = firstPage.items
        if paging == .counted, let pageCount = firstPage.pageCount {
            let last = min(pageCount, pagesWanted)
            if last >= 2 { items += try await pages(2...last, of: request, size: size, unwrap: unwrap) }
        } else {
            var number = 1
            var lastCount = firstPage.items.count
            while lastCount == size, number < pagesWanted {
                number += 1
                let next = try await page(number, of: request, size: size, unwrap: unwrap).items
                items += next
                lastCount = next.count
            }
        }
        return Array(items.prefix(limit))
    }

    /// How many pages of a counted walk are requested ahead of the ones already answered.
    static let pagesInFlight = 16

    /// The items of pages `numbers`, in page order, fetched concurrently but at most `pagesInFlight` ahead, and
    /// no further than the first empty page: `pageCount` is the server's word, and a wrong one (a huge number,
    /// or pages that emptied during the walk) must cost neither unbounded tasks nor requests for nothing.
    private func pages(
        _ numbers: ClosedRange<Int>, of request: RESTRequest, size: Int, unwrap: String
    ) async throws -> [Map] {
        try await withThrowingTaskGroup(of: (Int, [Map]).self) { group in
            var answered: [Int: [Map]] = [:]
            var end = numbers.upperBound
            var next = numbers.lowerBound
            let load: @Sendable (Int) async throws -> (Int, [Map]) = { number in
                (number, try await page(number, of: request, size: size, unwrap: unwrap).items)
            }
            while next <= end, next - numbers.lowerBound < Self.pagesInFlight {
                group.addTask { [next] in try await load(next) }
                next += 1
            }
            while let (number, pageItems) = try await group.next() {
                if pageItems.isEmpty { end = min(end, number - 1) } else { answered[number] = pageItems }
                if next <= end {
                    group.addTask { [next] in try await load(next) }
                    next += 1
                }
            }
            guard end >= numbers.lowerBound else { return [] }
            return (numbers.lowerBound...end).flatMap { answered[$0] ?? [] }
        }
    }

    private func page(
        _ number: Int, of request: RESTRequest, size: Int, unwrap: String
    ) async throws -> (items: [Map], pageCount: Int?) {
        let body = try await session.body(request.page(number, size: size))
        return (body.value(atUnwrap: unwrap).arrayItems, body.value(at: "pagination.pageCount").int)
    }
}

extension Map {
    /// The items of an array; `[]` for null or anything else.
    var arrayItems: [Map] {
        if case .array(let items) = self { return items }
        return []
    }

    var isNullish: Bool {
        switch self {
        case .undefined, .null: true
        default: false
        }
    }
}

extension Map {
    /// `unwrap` paths: `$` is the whole body, otherwise a dotted key path.
    func value(atUnwrap path: String) -> Map { path == "$" ? self : value(at: path) }
}
