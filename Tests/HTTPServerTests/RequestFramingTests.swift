@testable import HTTPTestSupport
import Testing
@testable import HTTPServer

/// The framing ambiguities request smuggling relies on are refused before the body is read.
@Suite struct RequestFramingTests {
    func problem(_ pairs: [(String, String)]) -> String? {
        RequestFraming.problem(HTTPHeaders(pairs))
    }

    @Test func plainFramingsPass() {
        #expect(problem([]) == nil)
        #expect(problem([("Content-Length", "12")]) == nil)
        #expect(problem([("Content-Length", "12"), ("Content-Length", "12")]) == nil, "identical repeats are allowed (RFC 9112 §6.3)")
        #expect(problem([("Content-Length", "12, 12")]) == nil)
        #expect(problem([("Transfer-Encoding", "chunked")]) == nil)
        #expect(problem([("transfer-encoding", " Chunked ")]) == nil)
    }

    @Test func ambiguousFramingsAreRefused() {
        #expect(problem([("Content-Length", "4"), ("Transfer-Encoding", "chunked")]) != nil)
        #expect(problem([("Transfer-Encoding", "chunked"), ("Content-Length", "0")]) != nil)
        #expect(problem([("Content-Length", "0"), ("Content-Length", "5")]) != nil)
        #expect(problem([("Content-Length", "0, 5")]) != nil)
        #expect(problem([("Content-Length", "-1")]) != nil)
        #expect(problem([("Content-Length", "")]) != nil)
        #expect(problem([("Content-Length", "1e3")]) != nil)
        #expect(problem([("Content-Length", "99999999999999999999999")]) != nil)
        #expect(problem([("Transfer-Encoding", "gzip, chunked")]) != nil)
        #expect(problem([("Transfer-Encoding", "xchunked")]) != nil)
        #expect(problem([("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "chunked")]) != nil)
        #expect(problem([("Content-Length", "4"), ("Transfer-Encoding ", "chunked")]) != nil, "a space before the colon")
    }

    @Test func refusalClosesTheConnection() {
        let response = RequestFraming.rejection()
        #expect(response.status == 400)
        #expect(response.headers["Connection"] == "close")
    }

    @Test func liveDaemonClosesAfterRefusingASmuggledRequest() throws {
        let calls = Counter()
        let daemon = try startDaemon { _ in
            calls.increment()
            return .text("fine")
        }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                        + "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n")
        let reply = try client.readResponse()
        #expect(reply.status == 400)
        #expect(try client.waitForClose(seconds: 5), "the connection is closed: the smuggled request is never read")
        #expect(calls.value == 0)
        #expect(try fetch(daemon.port, "/").text == "fine")
    }

    @Test func http11WithoutHostIsRefused() throws {
        let daemon = try startDaemon { _ in .text("fine") }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("GET / HTTP/1.1\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        let old = try RawHTTPClient(port: daemon.port)
        try old.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try old.readResponse().text == "fine", "HTTP/1.0 needs no Host")
    }
}
