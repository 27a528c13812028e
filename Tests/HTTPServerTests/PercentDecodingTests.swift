import Testing
@testable import HTTPServer

@Suite struct PercentDecodingTests {
    @Test func accentsDecode() {
        let request = Request(method: .get, target: "/content/wiki/Caf%C3%A9_cr%C3%A8me")
        #expect(request.path == "/content/wiki/Café_crème")
        #expect(request.pathSegments == ["content", "wiki", "Café_crème"])
        #expect(request.rawPath == "/content/wiki/Caf%C3%A9_cr%C3%A8me")
    }

    @Test(arguments: [
        ("/A/C%23", "/A/C#"), ("/A/Why%3F", "/A/Why?"), ("/A/Q%26A", "/A/Q&A"),
        ("/A/50%25", "/A/50%"), ("/A/a+b", "/A/a+b"), ("/A/%e2%82%ac", "/A/€"),
    ])
    func reservedCharactersDecodeInPath(raw: String, decoded: String) {
        #expect(Request(method: .get, target: raw).path == decoded)
    }

    @Test func encodedQuestionMarkAndHashStayInPath() {
        let request = Request(method: .get, target: "/A/Why%3F?x=1")
        #expect(request.path == "/A/Why?")
        #expect(request.query["x"] == "1")
        #expect(Request(method: .get, target: "/A/C%23").query.isEmpty)
    }

    @Test func encodedSlashStaysInsideSegment() {
        let request = Request(method: .get, target: "/content/book/AC%2FDC")
        #expect(request.pathSegments == ["content", "book", "AC/DC"])
        #expect(request.path == "/content/book/AC/DC")
    }

    @Test(arguments: ["/A/%zz", "/A/%C3%28", "/A/%00", "/A/x%00y", "/A/%", "/A/%4", "/A/%C3", "/A/%FF"])
    func invalidEncodingGivesNilPath(raw: String) {
        let request = Request(method: .get, target: raw)
        #expect(request.path == nil)
        #expect(request.pathSegments == nil)
    }

    @Test func segmentsEdgeCases() {
        #expect(Request(method: .get, target: "/").pathSegments == [])
        #expect(Request(method: .get, target: "/a/").pathSegments == ["a", ""])
        #expect(Request(method: .get, target: "/a//b").pathSegments == ["a", "", "b"])
    }

    @Test func absoluteFormIsReducedToPath() {
        let request = Request(method: .get, target: "http://Example.org:8080/wiki/X?y=1")
        #expect(request.rawPath == "/wiki/X")
        #expect(request.query["y"] == "1")
        #expect(Request(method: .get, target: "http://example.org").rawPath == "/")
    }

    @Test func lenientDecodingKeepsMalformedEscapes() {
        #expect(PercentDecoding.decodeLenient("100%zz", plusAsSpace: true) == "100%zz")
        #expect(PercentDecoding.decodeLenient("a+b%2Bc", plusAsSpace: true) == "a b+c")
        #expect(PercentDecoding.decodeLenient("%C3%28", plusAsSpace: false) == "\u{FFFD}(")
        #expect(PercentDecoding.decodeLenient("a%00b", plusAsSpace: false) == "a\u{FFFD}b")
    }
}
