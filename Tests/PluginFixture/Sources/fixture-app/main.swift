import FixtureQueries
import Foundation

// Decodes a response the way an app does after `client.fetch(BooksQuery(genre: .value(.fiction)))`.
let response = #"{"books": [{"id": "1", "title": "Dune", "genre": "FICTION", "author": {"name": "Frank Herbert"}}]}"#
let data = try JSONDecoder().decode(BooksQuery.Data.self, from: Data(response.utf8))
let query = BooksQuery(genre: .value(.fiction))
let variables = String(decoding: try JSONEncoder().encode(query.variables), as: UTF8.self)
for book in data.books {
    print("\(BooksQuery.operationName): \(book.title) by \(book.author.name) [\(book.genre?.rawValue ?? "-")] \(variables)")
}
