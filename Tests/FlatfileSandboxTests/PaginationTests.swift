import FlatfileSandbox
import Foundation
import Testing

@Suite("Paging arguments cut consistent pages")
struct PaginationTests {
    @Test func followingNextOffsetOfGetBatchesVisitsEveryBatchOnce() async throws {
        try await withSandbox { sandbox in
            let query = "query($skip: Int) { getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\", take: 7, skip: $skip) { data { id } pagination { totalCount limit offset onPage nextOffset previousOffset } } }"
            var ids: [String] = []
            var offset: Int? = 0
            var pages = 0
            while let skip = offset {
                let data = try await sandbox.data(query, variables: ["skip": skip])
                let pagination = try #require(value(data, "getBatches", "pagination") as? [String: Any])
                let page = (value(data, "getBatches", "data") as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(pagination["offset"] as? Int == skip)
                #expect(pagination["limit"] as? Int == 7)
                #expect(pagination["onPage"] as? Int == page.count)
                #expect(pagination["previousOffset"] as? Int == (skip == 0 ? nil : max(0, skip - 7)))
                ids += page
                offset = pagination["nextOffset"] as? Int
                pages += 1
            }
            let all = try await sandbox.data("{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\", take: 1000) { data { id } } }")
            #expect(ids == (value(all, "getBatches", "data") as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            #expect(ids.count == 48 && pages == 7)
        }
    }

    @Test func skipAndLimitPagesOfTheDatabaseViewAddUpToTotalRows() async throws {
        try await withSandbox { sandbox in
            let batch = try await QueryTests().firstBatch(sandbox)
            let query = "query($b: UUID, $skip: Int) { getFinalDatabaseView(batchId: $b, skip: $skip, limit: 100) { rows totalRows } }"
            var ids: [Int] = []
            var skip = 0
            var total = Int.max
            while skip < total {
                let data = try await sandbox.data(query, variables: ["b": batch["id"] ?? "", "skip": skip])
                total = try #require(value(data, "getFinalDatabaseView", "totalRows") as? Int)
                ids += (value(data, "getFinalDatabaseView", "rows") as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                skip += 100
            }
            #expect(ids.count == total)
            #expect(Set(ids).count == total, "no row appears on two pages")
            #expect(ids == ids.sorted())
        }
    }

    @Test func getSchemasAndGetEmbedsPageWithOffsetAndLimit() async throws {
        try await withSandbox { sandbox in
            let first = try await sandbox.data("{ getSchemas(teamId: 1001, limit: 5) { data { id } pagination { totalCount nextOffset } } }")
            let second = try await sandbox.data("{ getSchemas(teamId: 1001, offset: 5, limit: 100) { data { id } pagination { onPage nextOffset previousOffset } } }")
            let total = try #require(value(first, "getSchemas", "pagination", "totalCount") as? Int)
            #expect(value(first, "getSchemas", "pagination", "nextOffset") as? Int == 5)
            #expect(value(second, "getSchemas", "pagination", "onPage") as? Int == total - 5)
            #expect(value(second, "getSchemas", "pagination", "nextOffset") is NSNull)
            #expect(value(second, "getSchemas", "pagination", "previousOffset") as? Int == 0)
            let embeds = try await sandbox.data("{ getEmbeds(teamId: 1001, offset: 6, limit: 5) { data { id } pagination { totalCount onPage nextOffset } } }")
            #expect(value(embeds, "getEmbeds", "pagination", "onPage") as? Int == 1)
            #expect(value(embeds, "getEmbeds", "pagination", "nextOffset") is NSNull)
        }
    }

    @Test(arguments: [
        "{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\", take: -1) { data { id } } }",
        "{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\", take: 5000) { data { id } } }",
        "{ getFinalDatabaseView(skip: -10, limit: 5) { totalRows } }",
        "{ getSchemas(teamId: 1001, offset: -1) { data { id } } }",
    ])
    func outOfRangePagingIsAClearError(query: String) async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.graphQL(query)
            let error = try #require(value(try reply.json(), "errors", "0") as? [String: Any])
            #expect(value(error, "extensions", "code") as? String == "BAD_USER_INPUT")
            #expect((error["message"] as? String)?.contains("must be") == true)
        }
    }

    @Test func theSameSeedGivesTheSameDataAndAnotherSeedOtherData() async throws {
        let query = "{ getBatches(licenseKey: \"\(SandboxDemo.licenseKey)\", take: 5) { data { id status } } }"
        let first = try await withSandbox(SandboxConfiguration(seed: 7)) { try await $0.data(query) }
        let again = try await withSandbox(SandboxConfiguration(seed: 7)) { try await $0.data(query) }
        let other = try await withSandbox(SandboxConfiguration(seed: 8)) { try await $0.data(query) }
        #expect(NSDictionary(dictionary: first) == NSDictionary(dictionary: again))
        #expect(NSDictionary(dictionary: first) != NSDictionary(dictionary: other))
    }
}
