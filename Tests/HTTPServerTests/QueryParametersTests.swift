import Testing
import HTTPServer

@Suite struct QueryParametersTests {
    @Test func decodesPlusAndPercent() {
        let query = QueryParameters.parse("pattern=caf%C3%A9+au+lait&books.name=wiki_fr&x=%26%3D%2B")
        #expect(query["pattern"] == "café au lait")
        #expect(query["books.name"] == "wiki_fr")
        #expect(query["x"] == "&=+")
    }

    @Test func repeatedKeysKeptInOrder() {
        let query = QueryParameters.parse("b=1&a=x&b=2&b=3")
        #expect(query["b"] == "1")
        #expect(query.all("b") == ["1", "2", "3"])
        #expect(query.items.map(\.name) == ["b", "a", "b", "b"])
    }

    @Test func keysWithoutValuesAndEmptyPieces() {
        let query = QueryParameters.parse("flag&&empty=&=v")
        #expect(query["flag"] == "")
        #expect(query["empty"] == "")
        #expect(query[""] == "v")
        #expect(query.items.count == 3)
        #expect(query["missing"] == nil)
    }

    @Test func requestSplitsQueryOnce() {
        let request = Request(method: .get, target: "/search?q=a%3Fb?c&b=%20")
        #expect(request.rawPath == "/search")
        #expect(request.rawQuery == "q=a%3Fb?c&b=%20")
        #expect(request.query["q"] == "a?b?c")
        #expect(request.query["b"] == " ")
    }

    @Test func noQuery() {
        let request = Request(method: .get, target: "/x")
        #expect(request.rawQuery == nil)
        #expect(request.query.isEmpty)
    }
}
