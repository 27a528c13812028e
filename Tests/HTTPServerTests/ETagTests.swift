import Testing
import HTTPServer

@Suite struct ETagTests {
    @Test func makeIsQuotedStableAndDistinct() {
        let tag = ETag.make("book-uuid", "A/Paris")
        #expect(tag.count == 18)
        #expect(tag.first == "\"" && tag.last == "\"")
        #expect(tag == ETag.make("book-uuid", "A/Paris"))
        #expect(tag != ETag.make("book-uuid", "A/Lyon"))
        #expect(ETag.make("ab", "c") != ETag.make("a", "bc"))
        // FNV-1a 64 of the empty input is its offset basis.
        #expect(ETag.make("") == "\"cbf29ce484222325\"")
    }

    @Test func weakComparison() {
        #expect(ETag.matches([#""abc""#], #""abc""#))
        #expect(ETag.matches([#"W/"abc""#], #""abc""#))
        #expect(ETag.matches([#""abc""#], #"W/"abc""#))
        #expect(ETag.matches([#""x""#, #""abc""#], #""abc""#))
        #expect(!ETag.matches([#""abd""#], #""abc""#))
        #expect(!ETag.matches([], #""abc""#))
    }

    @Test func starMatchesAnything() {
        #expect(ETag.matches(["*"], #""anything""#))
    }
}
