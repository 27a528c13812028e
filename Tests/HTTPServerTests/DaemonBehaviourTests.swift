#if canImport(Glibc)
@testable import HTTPTestSupport
import Glibc
#endif
import Synchronization
import Testing
import HTTPServer

/// More integration tests: conditional requests, HEAD on every body kind, limits, logging, IPv6.
@Suite struct DaemonBehaviourTests {
    @Test func notModifiedThroughTheDaemonKeepsTheConnectionUsable() throws {
        let etag = ETag.make("x")
        let daemon = try startDaemon { request in
            let response = Response(status: 200, headers: ["ETag": etag, "Content-Type": "text/plain"],
                                    body: .bytes(Array("content".utf8)))
            return ConditionalResponder.apply(to: response, for: request)
        }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        try client.send("GET /x HTTP/1.1\r\nHost: t\r\nIf-None-Match: \(etag)\r\n\r\n")
        let notModified = try client.readResponse()
        #expect(notModified.status == 304)
        #expect(notModified.headers["ETag"] == etag)
        try client.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
        let full = try client.readResponse()
        #expect(full.status == 200)
        #expect(full.text == "content")
        #expect(full.headers["Accept-Ranges"] == "bytes")
    }

    @Test func headOnEveryBodyKindSendsLengthButNoBody() throws {
        let path = try temporaryFile(Array(repeating: 65, count: 3000))
        defer { unlink(path) }
        let streamCalls = Counter()
        let daemon = try startDaemon { request in
            switch request.path {
            case "/file": Response(status: 200, body: .file(path: path, offset: 0, count: 3000))
            case "/stream":
                Response(status: 200, body: .stream(count: 4000, chunkSize: 1024) { _, maxCount in
                    streamCalls.increment()
                    return [UInt8](repeating: 66, count: maxCount)
                })
            default: .text(String(repeating: "c", count: 2000))
            }
        }
        defer { daemon.stop() }
        let client = try RawHTTPClient(port: daemon.port)
        for (target, length) in [("/file", 3000), ("/stream", 4000), ("/bytes", 2000)] {
            try client.send("HEAD \(target) HTTP/1.1\r\nHost: t\r\n\r\n")
            let reply = try client.readResponse(bodyless: true)
            #expect(reply.status == 200)
            #expect(reply.headers["Content-Length"] == String(length), "\(target)")
        }
        // Same connection: had any body byte been sent, this response would not parse.
        try client.send("GET /bytes HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().body.count == 2000)
        #expect(streamCalls.value == 0)
    }

    @Test func perIPConnectionLimit() throws {
        var configuration = Daemon.Configuration()
        configuration.address = "localhost"
        configuration.port = 0
        configuration.threads = 1
        configuration.perIPConnectionLimit = 2
        let daemon = try Daemon(configuration: configuration, handler: ClosureHandler { _ in .text("ok") })
        defer { daemon.stop() }
        let first = try RawHTTPClient(port: daemon.port)
        let second = try RawHTTPClient(port: daemon.port)
        try first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        try second.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try first.readResponse().text == "ok")
        #expect(try second.readResponse().text == "ok")
        let third = try RawHTTPClient(port: daemon.port)   // accepted by the kernel, closed by MHD
        #expect(try third.waitForClose(seconds: 5))
    }

    @Test func errorLogReceivesLibmicrohttpdMessages() throws {
        let messages = Mutex<[String]>([])
        var configuration = Daemon.Configuration()
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.threads = 1
        configuration.perIPConnectionLimit = 1
        configuration.errorLog = { message in messages.withLock { $0.append(message) } }
        let daemon = try Daemon(configuration: configuration, handler: ClosureHandler { _ in .text("ok") })
        defer { daemon.stop() }
        let first = try RawHTTPClient(port: daemon.port)
        let second = try RawHTTPClient(port: daemon.port)   // over the per-IP limit: MHD logs it
        _ = try second.waitForClose(seconds: 5)
        withExtendedLifetime(first) {}
        #expect(eventually { !messages.withLock { $0.isEmpty } })
    }

    @Test(.enabled(if: ipv6Loopback())) func dualStackAnyAddressServesIPv4() throws {
        var configuration = Daemon.Configuration()
        configuration.address = "::"
        configuration.port = 0
        configuration.threads = 2
        let daemon = try Daemon(configuration: configuration, handler: ClosureHandler { request in
            .text(request.remoteAddress ?? "?")
        })
        defer { daemon.stop() }
        #expect(try fetch(daemon.port, "/").text == "127.0.0.1")
    }
}

/// Whether this machine has an IPv6 loopback (containers sometimes don't).
func ipv6Loopback() -> Bool {
    let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
        }
    }
}
