import Foundation
import Testing

import GraphQLCodegen

/// Fields that share a response key can be merged (spec §5.3.2): one field with one set of arguments, unless their
/// parents are distinct object types, and the same response shape always. Conflicts are reported as graphql-js
/// words and places them: once, at the first of the two fields.
@Suite struct OverlappingFieldsTests {
    static let schema = """
        type Query {
          media(id: ID!): Media
          book(id: ID!): Book
          search(term: String!): [SearchResult!]!
          shelf: Shelf
        }
        interface Media { id: ID! title: String creator: Person cover(size: Int): String }
        type Book implements Media {
          id: ID!
          title: String
          creator: Person
          cover(size: Int): String
          pages: Int
          isbn: String
          related: [Book!]
          tags: [String!]
          excerpt(length: Int, format: TextFormat = PLAIN): String
        }
        type Film implements Media {
          id: ID!
          title: String
          creator: Person
          cover(size: Int): String
          minutes: Int
          isbn: Int
          related: [Film!]
          tags: [String]
          rating: String!
        }
        union SearchResult = Book | Film | Person
        type Person { id: ID! name: String! age(unit: AgeUnit = YEARS): Float friends: [Person!]! }
        enum AgeUnit { YEARS MONTHS }
        enum TextFormat { PLAIN HTML }
        input Range { from: Int to: Int }
        type Shelf { books(range: Range, tags: [String!]): [Book!]! }
        """

    /// The errors for one document, `q.graphql`, against `schema`.
    static func errors(_ document: String, schema: String = schema) throws -> [String] {
        let workspace = try Workspace(["schema.graphqls": schema, "q.graphql": document])
        return workspace.diagnostics(documents: ["q.graphql"]).filter { $0.contains(": error: ") }
    }

    /// The printed diagnostic for a merge conflict of the fields named `key`, at `line:column` of `q.graphql`.
    static func conflict(_ position: String, _ key: String, because reason: String) -> String {
        "q.graphql:\(position): error: Fields \"\(key)\" conflict because \(reason). "
            + "Use different aliases on the fields to fetch both if this was intentional."
    }

    // MARK: Fields that merge

    @Test func uniqueFieldsMerge() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { id title pages } }"#) == [])
    }

    @Test func identicalFieldsMerge() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { title title } book(id: "1") { title } }"#) == [])
    }

    @Test func identicalArgumentsMergeInAnyOrder() throws {
        #expect(try Self.errors(#"""
            query Q($n: Int) {
              book(id: "1") {
                excerpt(length: 10, format: HTML)
                excerpt(format: HTML, length: 10)
                e: excerpt(length: $n)
                e: excerpt(length: $n)
              }
            }
            """#) == [])
    }

    @Test func inputObjectsCompareByValueInAnyFieldOrder() throws {
        #expect(try Self.errors(#"""
            query Q { shelf { books(range: {from: 1, to: 2}) { id } books(range: {to: 2, from: 1}) { id } } }
            """#) == [])
    }

    @Test func stringsCompareByContentHoweverTheyAreWritten() throws {
        // graphql-js compares printed values, so it tells a block string from a quoted one; the value is the same.
        #expect(try Self.errors(#"""
            query Q { shelf { books(tags: ["a"]) { id } books(tags: ["""a"""]) { id } } }
            """#) == [])
    }

    @Test func differentDirectivesMerge() throws {
        #expect(try Self.errors(#"""
            query Q($full: Boolean!) { book(id: "1") { title @include(if: $full) title @skip(if: $full) title } }
            """#) == [])
    }

    @Test func aliasesSeparateTheSameFieldWithDifferentArguments() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { short: excerpt(length: 10) long: excerpt(length: 90) } }"#) == [])
    }

    @Test func aRepeatedFragmentSpreadMerges() throws {
        #expect(try Self.errors(#"""
            query Q { book(id: "1") { ...Basics ...Basics x: title } shelf { books { ...Basics } } }
            fragment Basics on Book { x: title pages }
            """#) == [])
    }

    // MARK: Fields that do not

    @Test func differentFieldsWithTheSameAliasConflict() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { x: title x: isbn } }"#) == [
            Self.conflict("1:27", "x", because: #""title" and "isbn" are different fields"#)
        ])
    }

    @Test func anAliasMaskingAnotherFieldConflicts() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { title: isbn title } }"#) == [
            Self.conflict("1:27", "title", because: #""isbn" and "title" are different fields"#)
        ])
    }

    @Test func differingArgumentsConflict() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { excerpt(length: 10) excerpt(length: 20) } }"#) == [
            Self.conflict("1:27", "excerpt", because: "they have differing arguments")
        ])
    }

    @Test func argumentsAgainstNoneConflictEvenWhenTheyAreTheDefaults() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { excerpt excerpt(format: PLAIN) } }"#) == [
            Self.conflict("1:27", "excerpt", because: "they have differing arguments")
        ])
    }

    @Test func differentVariablesConflict() throws {
        #expect(try Self.errors(#"""
            query Q($a: Int, $b: Int) { book(id: "1") { excerpt(length: $a) excerpt(length: $b) } }
            """#) == [Self.conflict("1:45", "excerpt", because: "they have differing arguments")])
    }

    @Test func listArgumentsCompareInOrder() throws {
        #expect(try Self.errors(#"query Q { shelf { books(tags: ["a", "b"]) { id } books(tags: ["b", "a"]) { id } } }"#) == [
            Self.conflict("1:19", "books", because: "they have differing arguments")
        ])
    }

    @Test func aFieldConflictsWithAFragmentsField() throws {
        #expect(try Self.errors(#"""
            query Q { book(id: "1") { x: title ...Code } }
            fragment Code on Book { x: isbn }
            """#) == [Self.conflict("1:27", "x", because: #""title" and "isbn" are different fields"#)])
    }

    @Test func fragmentsConflictWithEachOtherAtTheFirstFragmentsField() throws {
        #expect(try Self.errors(#"""
            query Q { book(id: "1") { ...Title ...Code } }
            fragment Title on Book { x: title }
            fragment Code on Book { x: isbn }
            """#) == [Self.conflict("2:26", "x", because: #""title" and "isbn" are different fields"#)])
    }

    @Test func aConflictBetweenTwoFragmentsIsReportedOnce() throws {
        // Title against Code is found under `a` and not again under `b`; `c`'s own field conflicts with each.
        #expect(try Self.errors(#"""
            query Q {
              a: book(id: "1") { ...Title ...Code }
              b: book(id: "1") { ...Code ...Title }
              c: book(id: "1") { ...Title ...Code x: pages }
            }
            fragment Title on Book { x: title }
            fragment Code on Book { x: isbn }
            """#) == [
                Self.conflict("4:39", "x", because: #""pages" and "title" are different fields"#),
                Self.conflict("4:39", "x", because: #""pages" and "isbn" are different fields"#),
                Self.conflict("6:26", "x", because: #""title" and "isbn" are different fields"#),
            ])
    }

    @Test func everyPairIsComparedNotOnlyTheFirstField() throws {
        #expect(try Self.errors(#"""
            query Q { book(id: "1") { excerpt(length: 1) ...One ...Two } }
            fragment One on Book { excerpt(length: 1) }
            fragment Two on Book { excerpt(length: 2) }
            """#) == [
                Self.conflict("1:27", "excerpt", because: "they have differing arguments"),
                Self.conflict("2:24", "excerpt", because: "they have differing arguments"),
            ])
    }

    // MARK: Nested selections

    @Test func aSubfieldConflictIsReportedAtTheOuterFields() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { x: title } book(id: "1") { x: isbn } }"#) == [
            Self.conflict("1:11", "book", because: #"subfields "x" conflict because "title" and "isbn" are different fields"#)
        ])
    }

    @Test func severalSubfieldConflictsAreJoined() throws {
        #expect(try Self.errors(#"query Q { book(id: "1") { x: title y: isbn } book(id: "1") { x: isbn y: title } }"#) == [
            Self.conflict(
                "1:11", "book",
                because: #"subfields "x" conflict because "title" and "isbn" are different fields and "#
                    + #"subfields "y" conflict because "isbn" and "title" are different fields"#)
        ])
    }

    @Test func aDeepConflictNamesEveryLevel() throws {
        #expect(try Self.errors(#"""
            query Q { book(id: "1") { creator { x: name } } book(id: "1") { creator { x: id } } }
            """#) == [
                Self.conflict(
                    "1:11", "book",
                    because: #"subfields "creator" conflict because subfields "x" conflict because "name" and "id" are different fields"#)
            ])
    }

    @Test func aDeepConflictIsReportedOnceAtTheNearestCommonAncestor() throws {
        #expect(try Self.errors(#"""
            query Q {
              book(id: "1") { creator { x: name } creator { x: id } }
              book(id: "1") { creator { y: name } }
            }
            """#) == [
                Self.conflict("2:19", "creator", because: #"subfields "x" conflict because "name" and "id" are different fields"#)
            ])
    }

    // MARK: Mutually exclusive parents

    @Test func distinctObjectTypesMayUseDifferentFieldsAndArguments() throws {
        #expect(try Self.errors(#"""
            query Q {
              media(id: "1") {
                ... on Book { length: pages cover(size: 1) }
                ... on Film { length: minutes cover(size: 2) }
              }
            }
            """#) == [])
    }

    @Test func exclusivityHoldsForEverythingBelow() throws {
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "item.graphql": """
                query Item($id: ID!) {
                  media(id: $id) {
                    id
                    ... on Book { creator { name age(unit: YEARS) } }
                    ... on Film { creator { name age(unit: MONTHS) } }
                  }
                }
                """,
        ])
        let result = workspace.generate(documents: ["item.graphql"])
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.files.map(\.name).contains("item.graphql.swift"))
    }

    @Test func anInterfaceAndAnObjectTypeAreNotExclusive() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Media { cover(size: 1) } ... on Film { cover(size: 2) } } }
            """#) == [Self.conflict("1:43", "cover", because: "they have differing arguments")])
    }

    @Test func theSameObjectTypeTwiceIsNotExclusive() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Film { x: title } ... on Film { x: rating } } }
            """#) == [Self.conflict("1:42", "x", because: #""title" and "rating" are different fields"#)])
    }

    @Test func fieldsOfAUnionsMembersAreExclusive() throws {
        #expect(try Self.errors(#"""
            query Q { search(term: "x") { ... on Book { label: title } ... on Person { label: name } } }
            """#) == [Self.conflict("1:45", "label", because: #"they return conflicting types "String" and "String!""#)])
    }

    // MARK: Response shapes, which exclusive parents must still agree on

    @Test func differentLeafTypesConflict() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Book { code: isbn } ... on Film { code: isbn } } }
            """#) == [Self.conflict("1:42", "code", because: #"they return conflicting types "String" and "Int""#)])
    }

    @Test func nullableAndNonNullConflict() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Book { label: title } ... on Film { label: rating } } }
            """#) == [Self.conflict("1:42", "label", because: #"they return conflicting types "String" and "String!""#)])
    }

    @Test func aListAndASingleValueConflict() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Book { more: creator { id } } ... on Film { more: related { id } } } }
            """#) == [Self.conflict("1:42", "more", because: #"they return conflicting types "Person" and "[Film!]""#)])
    }

    @Test func listElementsMustAgreeOnNullability() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Book { tags } ... on Film { tags } } }
            """#) == [Self.conflict("1:42", "tags", because: #"they return conflicting types "[String!]" and "[String]""#)])
    }

    @Test func aScalarAndAnObjectConflict() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Book { x: title } ... on Film { x: creator { name } } } }
            """#) == [Self.conflict("1:42", "x", because: #"they return conflicting types "String" and "Person""#)])
    }

    @Test func differentObjectTypesOfTheSameShapeMerge() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Book { related { id } } ... on Film { related { id } } } }
            """#) == [])
    }

    @Test func shapesAreComparedBelowExclusiveParents() throws {
        #expect(try Self.errors(#"""
            query Q { media(id: "1") { ... on Book { creator { x: name } } ... on Film { creator { x: age } } } }
            """#) == [
                Self.conflict(
                    "1:42", "creator",
                    because: #"subfields "x" conflict because they return conflicting types "String!" and "Float""#)
            ])
    }

    // MARK: The document as a whole

    @Test func theFirstFieldOfAKeyIsNotTheOnlyOneCompared() throws {
        let schema = """
            type Query { item(id: ID!): Product }
            interface Product { id: ID! }
            type Book implements Product { id: ID! price(currency: Currency = USD): Float }
            type Film implements Product { id: ID! price(currency: Currency = USD): Float }
            enum Currency { USD EUR }
            """
        #expect(try Self.errors(#"""
            query Price($id: ID!) {
              item(id: $id) {
                ... on Book { price(currency: USD) }
                ...FilmPriceUSD
                ...FilmPriceEUR
              }
            }
            fragment FilmPriceUSD on Film { price(currency: USD) }
            fragment FilmPriceEUR on Film { price(currency: EUR) }
            """#, schema: schema) == [Self.conflict("8:33", "price", because: "they have differing arguments")])
    }

    @Test func fragmentCyclesAreReportedWithoutHanging() throws {
        let errors = try Self.errors(#"""
            query Q { book(id: "1") { ...Loop ...Other } }
            fragment Loop on Book { x: title ...Again related { ...Loop } }
            fragment Again on Book { x: isbn ...Loop }
            fragment Other on Book { ...Other x: pages }
            """#)
        #expect(errors.filter { $0.contains("Cannot spread") } == [
            #"q.graphql:2:34: error: Cannot spread fragment "Loop" within itself via "Again"."#,
            #"q.graphql:2:53: error: Cannot spread fragment "Loop" within itself."#,
            #"q.graphql:4:26: error: Cannot spread fragment "Other" within itself."#,
        ])
        // Within Loop, its `x` meets Again's (and Again's meets Loop's); each meets Other's where Q spreads them.
        #expect(errors.filter { $0.contains("conflict") } == [
            Self.conflict("2:25", "x", because: #""title" and "pages" are different fields"#),
            Self.conflict("2:25", "x", because: #""title" and "isbn" are different fields"#),
            Self.conflict("3:26", "x", because: #""isbn" and "pages" are different fields"#),
            Self.conflict("3:26", "x", because: #""isbn" and "title" are different fields"#),
        ])
    }

    @Test(.timeLimit(.minutes(1)))
    func manyFragmentsSpreadInManyOperationsAreComparedOnce() throws {
        let fragmentCount = 120
        let fragments = (0..<fragmentCount).map { "fragment F\($0) on Book { id title creator { name friends { id } } }" }
        let spreads = (0..<fragmentCount).map { "...F\($0)" }.joined(separator: " ")
        let operations = (0..<20).map { #"query Q\#($0) { book(id: "1") { \#(spreads) } }"# }
        #expect(try Self.errors((operations + fragments).joined(separator: "\n")) == [])
    }

    @Test func documentsRunAsTheyAreAreJudgedByTheSameRule() throws {
        // `fgql run` validates with the specification's rules only (anonymous operations are fine there).
        let workspace = try Workspace([
            "schema.graphqls": Self.schema,
            "q.graphql": #"{ book(id: "1") { title: isbn title } }"#,
        ])
        let document = RunnableDocument.load(path: workspace.path("q.graphql"), schemaPath: workspace.path("schema.graphqls"))
        #expect(document.diagnostics.map { $0.description.replacingOccurrences(of: workspace.directory.path + "/", with: "") } == [
            Self.conflict("1:19", "title", because: #""isbn" and "title" are different fields"#)
        ])
    }
}
