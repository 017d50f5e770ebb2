import Foundation
import GraphQLCodegen

/// Standard input, read with the same bound as a file: an endless pipe (`yes | fgql run -`) is an error once it
/// passes the bound, not a process that grows until the machine runs out of memory.
enum StandardInput {
    /// Everything on standard input, or a usage failure naming the bound once more than `limit` bytes arrive.
    static func read(
        _ what: String, limit: Int = RunnableDocument.maximumBytes, from handle: FileHandle = .standardInput
    ) throws(CommandFailure) -> Data {
        var data = Data()
        while true {
            let chunk = (try? handle.read(upToCount: 1 << 16)) ?? nil
            guard let chunk, !chunk.isEmpty else { return data }
            data.append(chunk)
            if data.count > limit {
                throw .usage("\(what) on standard input is larger than \(limit >> 20) MiB; pass a file instead, or check what is piped in.")
            }
        }
    }
}
