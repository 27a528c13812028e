import Testing
import HTTPServer

@Suite struct ConditionalResponderTests {
    private let etag = ETag.make("book", "A/Paris")
    private var body: [UInt8] { Array(0..<100).map { UInt8($0) } }

    private func resource() -> Response {
        Response(status: 200,
                 headers: ["Content-Type": "text/html", "ETag": etag, "Cache-Control": "max-age=3600"],
                 body: .bytes(body))
    }

    private func bytes(of body: Response.Body) -> [UInt8]? {
        switch body {
        case .bytes(let bytes): bytes
        case .stream(let count, _, let read): read(0, Int(count))
        default: nil
        }
    }

    @Test func notModifiedKeepsETagAndHasEmptyBody() {
        let request = Request(method: .get, target: "/", headers: ["If-None-Match": "W/\(etag)"])
        let response = ConditionalResponder.apply(to: resource(), for: request)
        #expect(response.status == 304)
        #expect(response.headers["ETag"] == etag)
        #expect(response.headers["Cache-Control"] == "max-age=3600")
        #expect(response.headers["Content-Type"] == nil)
        #expect(response.body.count == 0)
    }

    @Test func notModifiedForStar() {
        let request = Request(method: .head, target: "/", headers: ["If-None-Match": "*"])
        #expect(ConditionalResponder.apply(to: resource(), for: request).status == 304)
    }

    @Test func otherTagGivesFullResponse() {
        let request = Request(method: .get, target: "/", headers: ["If-None-Match": #""other""#])
        let response = ConditionalResponder.apply(to: resource(), for: request)
        #expect(response.status == 200)
        #expect(response.headers["Accept-Ranges"] == "bytes")
        #expect(bytes(of: response.body) == body)
    }

    @Test func partialContent() {
        let request = Request(method: .get, target: "/", headers: ["Range": "bytes=10-19"])
        let response = ConditionalResponder.apply(to: resource(), for: request)
        #expect(response.status == 206)
        #expect(response.headers["Content-Range"] == "bytes 10-19/100")
        #expect(bytes(of: response.body) == Array(body[10..<20]))
    }

    @Test func partialContentOfStream() {
        let source = body
        var original = resource()
        original.body = .stream(count: 100, chunkSize: 10) { offset, max in
            Array(source[Int(offset)..<min(100, Int(offset) + max)])
        }
        let request = Request(method: .get, target: "/", headers: ["Range": "bytes=-5"])
        let response = ConditionalResponder.apply(to: original, for: request)
        #expect(response.status == 206)
        #expect(response.headers["Content-Range"] == "bytes 95-99/100")
        #expect(response.body.count == 5)
        #expect(bytes(of: response.body) == Array(body[95..<100]))
    }

    @Test func unsatisfiableRange() {
        let request = Request(method: .get, target: "/", headers: ["Range": "bytes=500-"])
        let response = ConditionalResponder.apply(to: resource(), for: request)
        #expect(response.status == 416)
        #expect(response.headers["Content-Range"] == "bytes */100")
        #expect(response.body.count == 0)
    }

    @Test func ifRangeMismatchServesFull() {
        let request = Request(method: .get, target: "/", headers: ["Range": "bytes=0-1", "If-Range": #""old""#])
        #expect(ConditionalResponder.apply(to: resource(), for: request).status == 200)
        let matching = Request(method: .get, target: "/", headers: ["Range": "bytes=0-1", "If-Range": etag])
        #expect(ConditionalResponder.apply(to: resource(), for: matching).status == 206)
    }

    @Test func encodedBodiesIgnoreRange() {
        var encoded = resource()
        encoded.headers.set("Content-Encoding", "gzip")
        let request = Request(method: .get, target: "/", headers: ["Range": "bytes=0-1"])
        let response = ConditionalResponder.apply(to: encoded, for: request)
        #expect(response.status == 200)
        #expect(response.headers["Accept-Ranges"] == nil)
    }

    @Test func nonGetAndNonOKAreLeftAsTheyAre() {
        let post = Request(method: .post, target: "/", headers: ["Range": "bytes=0-1"])
        let response = ConditionalResponder.apply(to: resource(), for: post)
        #expect(response.status == 200)
        let notFound = ConditionalResponder.apply(to: .text("no", status: 404), for: Request(method: .get, target: "/"))
        #expect(notFound.status == 404)
        #expect(notFound.headers["Accept-Ranges"] == nil)
    }

    @Test func factories() {
        let notAllowed = Response.methodNotAllowed(allow: [.get, .head])
        #expect(notAllowed.status == 405)
        #expect(notAllowed.headers["Allow"] == "GET, HEAD")
        let redirect = Response.redirect(to: "/content/x/")
        #expect(redirect.status == 302 && redirect.headers["Location"] == "/content/x/")
        #expect(Response.html("<p>").headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(Response.json(Array("{}".utf8)).headers["content-type"] == "application/json")
    }
}
