import FlatfileQueries
import FlatfileSandbox
import Testing

/// `client.rows(of:)`, `client.items(of:)` and `client.pages(of:)` read every page of a saved query, one request
/// per page, in order.
@Suite("Typed pagination")
struct TypedPaginationTests {
    @Test("client.rows() reads all 25,000 sandbox records once each, in id order, 2,000 per request")
    func allRows() async throws {
        try await withSandboxClient { client, sandbox in
            var count = 0
            var previous = 0
            var ids = Set<Int>()
            var statuses = Set<GraphQLEnum<FlatfileRecordStatus>>()
            for try await row in client.rows(pageSize: 2000) {
                count += 1
                #expect(row.id > previous, "records arrive in id order")
                previous = row.id
                ids.insert(row.id)
                statuses.insert(row.status)
            }
            #expect(count == Seeded.totalRowCount)
            #expect(ids.count == Seeded.totalRowCount)
            #expect(ids.min() == 1 && ids.max() == Seeded.totalRowCount)
            #expect(statuses == Set(FlatfileRecordStatus.allCases.map(GraphQLEnum.init)))
            // One request per page: 12 full pages and a last one of 1,000 — never the whole list at once.
            #expect(sandbox.statistics.graphQLRequests == 13)
        }
    }

    @Test("client.rows(of:status:) reads one batch's records in one review state")
    func rowsOfBatch() async throws {
        try await withSandboxClient { client, _ in
            var submitted: [FlatfileRow] = []
            for try await row in client.rows(of: Seeded.newestBatchId, status: .submitted, pageSize: 50) {
                submitted.append(row)
            }
            let page = try await client.fetch(
                GetFinalDatabaseViewQuery(batchId: .value(Seeded.newestBatchId), limit: 1000, status: "submitted"))
            #expect(submitted == (try page.getFinalDatabaseView?.decodedRows() ?? []))
            #expect(submitted.count > 50, "more than one page")
            #expect(submitted.allSatisfy { $0.status == .submitted })
        }
    }

    @Test("client.pages(of:) yields typed pages at increasing offsets with the list's total")
    func typedPages() async throws {
        try await withSandboxClient { client, sandbox in
            var offsets: [Int] = []
            var ids: [String] = []
            for try await page in client.pages(of: GetBatchesQuery(licenseKey: SandboxDemo.licenseKey, take: 10)) {
                offsets.append(page.offset)
                #expect(page.total == Seeded.licenseKeyBatchCount)
                ids += page.data.getBatches?.data?.map(\.id) ?? []
            }
            #expect(offsets == [0, 10, 20, 30, 40])
            #expect(ids.count == Seeded.licenseKeyBatchCount && Set(ids).count == ids.count)
            #expect(ids.first == Seeded.newestBatchId)
            #expect(sandbox.statistics.graphQLRequests == 5)
        }
    }

    @Test("client.items(of:) starts at the query's own offset and follows pagination.nextOffset to the end")
    func itemsFromOffset() async throws {
        try await withSandboxClient { client, _ in
            var names: [String] = []
            for try await schema in client.items(of: GetSchemasQuery(
                teamId: SandboxDemo.teamId, environmentId: .value(SandboxDemo.environmentId), offset: 2, limit: 4)) {
                names.append(schema.name ?? "")
            }
            #expect(names.count == 10)
            #expect(names.first == "Employees" && names.last == "Employees v4")
        }
    }

    @Test("A page that fails throws the server's GraphQL error and ends the sequence after one request")
    func failingPage() async throws {
        try await withSandboxClient { client, sandbox in
            var iterator = client.rows(of: "00000000-0000-4000-8000-000000000000").makeAsyncIterator()
            do throws(GraphQLClientError) {
                _ = try await iterator.next()
                Issue.record("a batch that does not exist must fail")
            } catch .graphQL(let failure) {
                #expect(failure.operationName == "GetFinalDatabaseView")
                #expect(failure.errors.first?.message.contains("not found") == true)
            }
            #expect(try await iterator.next() == nil)
            #expect(sandbox.statistics.graphQLRequests == 1)
        }
    }

    @Test("pages(of:paging:) pages a query that does not declare its paging, with the paging given at the call")
    func explicitPaging() async throws {
        try await withSandboxClient { client, _ in
            let paging = OffsetPaging(rootField: "getEmbeds", offsetVariable: "offset", limitVariable: "limit")
            var counts: [Int] = []
            for try await page in client.pages(
                of: GetEmbedsQuery(teamId: SandboxDemo.teamId, environmentId: .value(SandboxDemo.environmentId), limit: 2),
                paging: paging) {
                counts.append(page.data.getEmbeds?.data?.count ?? 0)
            }
            #expect(counts == [2, 2, 1])
        }
    }
}
