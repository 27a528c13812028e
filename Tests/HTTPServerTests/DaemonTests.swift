#if canImport(Glibc)
@testable import HTTPTestSupport
import Glibc
#endif
import Synchronization
import Testing
@testable import HTTPServer

/// Integration tests: a real daemon on 127.0.0.1 (port 0) and a raw-socket client. Bodies.
@Suite struct DaemonTests {
    @Test func servesBodyAndStandardHeaders() throws {
        let daemon = try startDaemon { request in
            var response = Response.text(
                "path=\(request.path ?? "nil") q=\(request.query["q"] ?? "") from=\(request.remoteAddress ?? "?")")
            response.headers.add("X-Target", request.target)
            return response
        }
        defer { daemon.stop() }
        let reply = try fetch(daemon.port, "/A/Caf%C3%A9?q=caf%C3%A9+au+lait&x=%26")
        #expect(reply.status == 200)
        #expect(reply.text == "path=/A/Café q=café au lait from=127.0.0.1")
        #expect(reply.headers["X-Target"] == "/A/Caf%C3%A9?q=caf%C3%A9+au+lait&x=%26")
        #expect(reply.headers["X-Content-Type-Options"] == "nosniff")
        #expect(reply.headers["Content-Length"] == String(reply.body.count))
        #expect(reply.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(reply.headers["Date"] != nil)
    }

    @Test func headKeepsContentLengthAndSendsNoBody() throws {
        let daemon = try startDaemon { request in
            .text(request.method == .head ? "0123456789" : "abcdefghij")
        }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("HEAD /x HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try client.readResponse(bodyless: true)
        #expect(head.status == 200)
        #expect(head.headers["Content-Length"] == "10")
        // If any body byte had been sent, it would corrupt the next response on this connection.
        try client.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
        let get = try client.readResponse()
        #expect(get.status == 200)
        #expect(get.text == "abcdefghij")
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        let counter = Counter()
        let daemon = try startDaemon { request in
            .text("n=\(counter.increment()) \(request.path ?? "")")
        }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n")
        let first = try client.readResponse()
        try client.send("GET /two HTTP/1.1\r\nHost: t\r\n\r\n")
        let second = try client.readResponse()
        #expect(first.text == "n=1 /one")
        #expect(second.text == "n=2 /two")
        #expect(first.headers["Connection"]?.lowercased() != "close")
        // Pipelined requests work too.
        try client.send("GET /3 HTTP/1.1\r\nHost: t\r\n\r\nGET /4 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "n=3 /3")
        #expect(try client.readResponse().text == "n=4 /4")
    }

    @Test func borrowedBodyIsSentAndOwnerReleasedAfterwards() throws {
        let released = Counter()
        let daemon = try startDaemon { _ in
            let owner = BlobOwner(bytes: Array("borrowed bytes, no copy".utf8), released: released)
            return Response(status: 200, body: .borrowed(pointer: UnsafeRawPointer(owner.pointer), count: owner.count, owner: owner))
        }
        defer { daemon.stop() }
        let reply = try fetch(daemon.port, "/blob")
        #expect(reply.text == "borrowed bytes, no copy")
        #expect(eventually { released.value == 1 })
    }

    @Test func fileBodyRegionAndRanges() throws {
        let content = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = try temporaryFile(content)
        defer { unlink(path) }
        let daemon = try startDaemon { request in
            switch request.path {
            case "/missing": return Response(status: 200, body: .file(path: path + ".nope", offset: 0, count: 1))
            case "/directory": return Response(status: 200, body: .file(path: "/tmp", offset: 0, count: 1))
            case "/pastEnd": return Response(status: 200, body: .file(path: path, offset: 4000, count: 1001))
            case "/ranged":
                let response = Response(status: 200, headers: ["ETag": ETag.make(path)],
                                        body: .file(path: path, offset: 0, count: 5000))
                return ConditionalResponder.apply(to: response, for: request)
            default: return Response(status: 200, body: .file(path: path, offset: 100, count: 1000))
            }
        }
        defer { daemon.stop() }
        let region = try fetch(daemon.port, "/region")
        #expect(region.status == 200)
        #expect(region.body == Array(content[100..<1100]))
        let ranged = try fetch(daemon.port, "/ranged", headers: ["Range: bytes=4990-"])
        #expect(ranged.status == 206)
        #expect(ranged.headers["Content-Range"] == "bytes 4990-4999/5000")
        #expect(ranged.body == Array(content[4990...]))
        let unsatisfiable = try fetch(daemon.port, "/ranged", headers: ["Range: bytes=6000-"])
        #expect(unsatisfiable.status == 416)
        #expect(unsatisfiable.headers["Content-Range"] == "bytes */5000")
        #expect(try fetch(daemon.port, "/missing").status == 404)
        #expect(try fetch(daemon.port, "/directory").status == 404)
        #expect(try fetch(daemon.port, "/pastEnd").status == 500)
    }

    @Test func fiveMegabyteStreamArrivesIntact() throws {
        let size = 5_000_000
        let daemon = try startDaemon { _ in
            Response(status: 200, body: .stream(count: UInt64(size), chunkSize: 64 * 1024) { offset, maxCount in
                (0..<maxCount).map { pattern(offset + UInt64($0)) }
            })
        }
        defer { daemon.stop() }
        let reply = try fetch(daemon.port, "/big")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Length"] == String(size))
        #expect(reply.body.count == size)
        #expect(reply.body == (0..<UInt64(size)).map(pattern))
    }

    @Test func streamErrorAbortsConnectionButServerSurvives() throws {
        let daemon = try startDaemon { request in
            if request.path == "/ok" { return .text("ok") }
            return Response(status: 200, body: .stream(count: 1_000_000, chunkSize: 4096) { offset, maxCount in
                offset < 100_000 ? [UInt8](repeating: 1, count: maxCount) : nil
            })
        }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("GET /broken HTTP/1.1\r\nHost: t\r\n\r\n")
        let reply = try client.readResponse()
        #expect(reply.body.count < 1_000_000)
        #expect(try fetch(daemon.port, "/ok").text == "ok")
    }

    @Test func postBodyReachesHandler() throws {
        let daemon = try startDaemon(maxBodySize: 200_000) { request in
            Response(status: 200, headers: ["X-Method": request.method.rawValue], body: .bytes(request.body.reversed()))
        }
        defer { daemon.stop() }
        let body = (0..<150_000).map { UInt8(truncatingIfNeeded: $0) }
        let reply = try fetch(daemon.port, "/echo", method: "POST", body: body)
        #expect(reply.status == 200)
        #expect(reply.headers["X-Method"] == "POST")
        #expect(reply.body == body.reversed())
    }
}
