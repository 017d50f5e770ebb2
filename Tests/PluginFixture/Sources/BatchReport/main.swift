import FlatfileGraphQL
import Foundation

// Credentials and servers come from the environment, as `fgql run` reads them: FLATFILE_ACCESS_KEY_ID and
// FLATFILE_SECRET_ACCESS_KEY (or FLATFILE_API_KEY, …), FLATFILE_API_URL, and FLATFILE_LICENSE_KEY for the query.
do {
    let client = GraphQLClient.flatfile(try FlatfileConfiguration.fromEnvironment())
    let licenseKey = ProcessInfo.processInfo.environment["FLATFILE_LICENSE_KEY"] ?? ""
    let recent = try await client.fetch(RecentBatchesQuery(licenseKey: licenseKey, take: 3))
    for batch in recent.getBatches?.data ?? [] {
        print(batch.id, batch.status ?? "-")
    }
} catch {
    // GraphQLClientError says what went wrong and how to fix it, with every secret redacted.
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
