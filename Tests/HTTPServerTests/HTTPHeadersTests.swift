import Testing
import HTTPServer

@Suite struct HTTPHeadersTests {
    @Test func lookupIsCaseInsensitive() {
        let headers = HTTPHeaders([("Content-Type", "text/html"), ("X-A", "1"), ("x-a", "2")])
        #expect(headers["content-type"] == "text/html")
        #expect(headers["CONTENT-TYPE"] == "text/html")
        #expect(headers.values("X-a") == ["1", "2"])
        #expect(headers["missing"] == nil)
    }

    /// Names of the same length that differ are never taken for each other, whatever the case;
    /// only ASCII letters fold ('@' is not '`', '-' is not '_').
    @Test func namesOfTheSameLengthAreToldApart() {
        let headers = HTTPHeaders([("ETag", "\"1\""), ("Vary", "Accept-Encoding"), ("X-A@", "1")])
        #expect(headers["vary"] == "Accept-Encoding" && headers["etag"] == "\"1\"")
        #expect(!headers.contains("Etaa") && !headers.contains("X_A@") && !headers.contains("x-a`"))
        #expect(headers.contains("x-a@"))
    }

    @Test func setReplacesAllAndKeepsPosition() {
        var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3"]
        headers.set("a", "9")
        #expect(headers.pairs.map(\.name) == ["A", "B"])
        #expect(headers.values("A") == ["9"])
        headers.set("C", "new")
        #expect(headers.pairs.last?.value == "new")
    }

    @Test func addAndRemove() {
        var headers = HTTPHeaders()
        headers.add("Vary", "Accept-Encoding")
        headers.add("vary", "Accept-Language")
        #expect(headers.values("VARY") == ["Accept-Encoding", "Accept-Language"])
        headers.remove("Vary")
        #expect(headers.pairs.isEmpty)
    }

    @Test func iteratesInOrder() {
        let headers: HTTPHeaders = ["One": "1", "Two": "2"]
        #expect(headers.map(\.value) == ["1", "2"])
    }

    @Test func methods() {
        #expect(HTTPMethod("GET") == .get)
        #expect(HTTPMethod("HEAD") == .head)
        #expect(HTTPMethod("get") == .other("get"))
        #expect(HTTPMethod("PROPFIND").rawValue == "PROPFIND")
        #expect(HTTPMethod.post.rawValue == "POST")
    }
}
