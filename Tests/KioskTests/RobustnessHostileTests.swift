@testable import HTTPTestSupport
import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// Hostile and malformed requests against a real kiosk daemon on 127.0.0.1: each gets a client
/// error (or the connection closed, where libmicrohttpd does that by itself), nothing escapes
/// the book, and the server keeps answering normal requests.
@Suite("Robustness: hostile requests", .serialized)
struct RobustnessHostileTests {
    /// What a hostile request may get.
    enum Expect {
        /// A 4xx, or the connection closed without an answer.
        case clientError
        /// One of these statuses (a closed connection is not accepted).
        case status(Set<Int>)
        /// Anything but a 5xx (a valid request the server may answer as it likes).
        case notServerError
    }

    struct Case {
        let name: String
        let bytes: [UInt8]
        let expect: Expect
        init(_ name: String, _ text: String, _ expect: Expect = .clientError) {
            self.init(name, Array(text.utf8), expect)
        }
        init(_ name: String, _ bytes: [UInt8], _ expect: Expect = .clientError) {
            self.name = name
            self.bytes = bytes
            self.expect = expect
        }
    }

    static func get(_ target: String, _ extra: String = "") -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)Connection: close\r\n\r\n"
    }

    /// Runs the cases, checks each expectation and that the server still serves afterwards.
    static func run(_ cases: [Case], on kiosk: RobustnessServer, sourceLocation: SourceLocation = #_sourceLocation) {
        for item in cases {
            let reply = RawHTTPClient.exchange(kiosk.port, item.bytes, timeout: 5)
            let status = reply?.status
            switch item.expect {
            case .clientError:
                #expect(status == nil || (400..<500).contains(status!), "\(item.name): \(status.map(String.init) ?? "closed")",
                        sourceLocation: sourceLocation)
            case .status(let allowed):
                #expect(status.map(allowed.contains) == true, "\(item.name): \(status.map(String.init) ?? "closed")",
                        sourceLocation: sourceLocation)
            case .notServerError:
                #expect(status.map { $0 < 500 } == true, "\(item.name): \(status.map(String.init) ?? "closed")",
                        sourceLocation: sourceLocation)
            }
            if let reply {
                #expect(reply.headProblems().isEmpty, "\(item.name): \(reply.headProblems())", sourceLocation: sourceLocation)
                #expect(!reply.text.contains("root:x:0:0"), "\(item.name) read /etc/passwd", sourceLocation: sourceLocation)
            }
            #expect(kiosk.healthStatus() == 200, "after \(item.name)", sourceLocation: sourceLocation)
        }
    }

    @Test func overlongTargetsAndHeaders() throws {
        let kiosk = try RobustnessServer()
        let long = String(repeating: "a", count: 100_000)
        Self.run([
            Case("100 KB path", Self.get("/content/ville/" + long)),
            Case("100 KB query", Self.get("/search?pattern=" + long)),
            Case("40 KB header value", Self.get("/", "X-Long: \(String(repeating: "b", count: 40_000))\r\n")),
            Case("40 KB header name", Self.get("/", "\(String(repeating: "c", count: 40_000)): 1\r\n")),
            Case("3000 small headers", Self.get("/", (0..<3000).map { "X-H\($0): v\r\n" }.joined())),
            Case("40 KB Cookie", Self.get("/", "Cookie: \(String(repeating: "k=v; ", count: 8000))\r\n")),
        ], on: kiosk)
    }

    @Test func invalidEncodingsAndNULBytes() throws {
        let kiosk = try RobustnessServer()
        let requestLine = { (target: [UInt8]) -> [UInt8] in
            Array("GET ".utf8) + target + Array(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        }
        Self.run([
            Case("bad escape", Self.get("/content/ville/%zz")),
            Case("truncated escape", Self.get("/content/ville/Caf%C")),
            Case("lone percent", Self.get("/content/ville/%")),
            Case("encoded invalid UTF-8", Self.get("/content/ville/%C3%28")),
            Case("encoded overlong slash", Self.get("/content/ville/%C0%AF")),
            Case("encoded surrogate", Self.get("/content/ville/%ED%A0%80")),
            Case("encoded NUL", Self.get("/content/ville/Accueil%00.html")),
            Case("raw invalid UTF-8", requestLine(Array("/content/ville/".utf8) + [0xFF, 0xFE, 0xC3])),
            Case("raw NUL in target", requestLine(Array("/content/ville/Acc".utf8) + [0] + Array("ueil".utf8))),
            Case("raw NUL in header", Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a".utf8) + [0]
                 + Array("b\r\nConnection: close\r\n\r\n".utf8), .notServerError),
            Case("raw NUL as method", [0] + Array(" / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)),
            Case("invalid UTF-8 in query", Self.get("/search?pattern=%FF%FE&content=ville"), .notServerError),
            Case("invalid UTF-8 in header", Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: ".utf8)
                 + [0xFF, 0xC3] + Array("\r\nConnection: close\r\n\r\n".utf8), .notServerError),
            Case("control bytes in target", requestLine(Array("/content/ville/\u{1}\u{7f}".utf8))),
        ], on: kiosk)
    }

    @Test func traversalNeverLeavesTheBook() throws {
        let kiosk = try RobustnessServer()
        let targets = [
            "/content/ville/../../../../../../etc/passwd",
            "/content/ville/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/content/ville/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/content/ville/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "/content/ville/..%5C..%5C..%5Cetc%5Cpasswd",
            "/content/ville/....//....//....//etc/passwd",
            "/content/ville/%252e%252e/%252e%252e/etc/passwd",
            "/content/ville/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/content/..%2F..%2F..%2Fetc/passwd",
            "/content/%2e%2e/%2e%2e/etc/passwd",
            "/content/ville/%2Fetc%2Fpasswd",
            "/content/ville//etc/passwd",
            "/raw/ville/content/../../../../etc/passwd",
            "/raw/ville/content/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/raw/ville/meta/../../../../etc/passwd",
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/ville/../../../etc/passwd",
            "/landing/..%2F..%2F..%2Fetc%2Fpasswd",
            "/catalog/v2/illustration/..%2F..%2Fetc%2Fpasswd",
            "/content/ville/I/../../ville/Accueil",
            "//etc/passwd",
            "/content/ville/" + String(repeating: "../", count: 200) + "etc/passwd",
            "/content/ville/" + Fixtures.encodedAbsolute("/etc/passwd"),
        ]
        for target in targets {
            let reply = try #require(RawHTTPClient.exchange(kiosk.port, Self.get(target)), "\(target): closed")
            // A 3xx may only lead to a page of the kiosk, never a file.
            #expect(reply.status == 404 || reply.status == 400 || (300..<400).contains(reply.status), "\(target): \(reply.status)")
            #expect(!reply.text.contains("root:x:0:0"), "\(target)")
            #expect(!reply.text.contains("<h1>Accueil</h1>") || target.hasSuffix("/Accueil"), "\(target)")
            if let location = reply.headers["Location"] {
                #expect(!location.contains("/etc/passwd") || location.hasPrefix("/content/") || location.hasPrefix("/raw/"),
                        "\(target) -> \(location)")
            }
        }
        // Even a redirect that keeps the dots is served from inside a book (the path is an entry
        // name, never a file name): the only Accueil served is the book's.
        #expect(kiosk.healthStatus() == 200)
    }

    @Test func rangeListsMethodsAndForms() throws {
        let kiosk = try RobustnessServer()
        let ranges1k = "bytes=" + (0..<1000).map { "\($0 * 2)-\($0 * 2 + 1)" }.joined(separator: ",")
        let ranges8k = "bytes=" + (0..<8000).map { "\($0 * 2)-\($0 * 2 + 1)" }.joined(separator: ",")
        Self.run([
            // Many ranges are ignored (RFC 9110 §14.2): the whole item once, never 1000 parts.
            Case("1000 ranges", Self.get("/content/ville/I/big.jpg", "Range: \(ranges1k)\r\n"), .status([200, 416])),
            Case("8000 ranges", Self.get("/content/ville/I/big.jpg", "Range: \(ranges8k)\r\n")),
            Case("overlapping ranges", Self.get("/content/ville/I/big.jpg",
                                                "Range: bytes=\((0..<500).map { _ in "0-" }.joined(separator: ","))\r\n"),
                 .status([200, 416])),
            Case("range overflow", Self.get("/content/ville/I/big.jpg", "Range: bytes=99999999999999999999999-\r\n"),
                 .status([200, 416])),
            Case("negative range", Self.get("/content/ville/I/big.jpg", "Range: bytes=-0\r\n"), .status([200, 416])),
            Case("range past the end", Self.get("/content/ville/I/big.jpg", "Range: bytes=9999999-\r\n"), .status([416])),
            Case("unknown method", "FROBNICATE /content/ville/Accueil HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("PROPFIND", "PROPFIND / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("TRACE", "TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret: 1\r\n\r\n"),
            Case("CONNECT", "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n"),
            Case("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("DELETE", "DELETE /content/ville/Accueil HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("PUT with body", "PUT /content/ville/Accueil HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"),
            Case("lowercase get", "get / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("method with slash", "GE/T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("very long method", "\(String(repeating: "G", count: 20_000)) / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("absolute-form, own host", "GET http://127.0.0.1/content/ville/Accueil HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                 .status([200])),
            Case("absolute-form, other host", "GET http://example.org/../../etc/passwd HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n",
                 .notServerError),
            Case("absolute-form, other scheme", "GET file:///etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
            Case("HTTP/1.0 without Host", "GET /content/ville/Accueil HTTP/1.0\r\n\r\n", .status([200])),
            Case("HTTP/1.1 without Host", "GET /content/ville/Accueil HTTP/1.1\r\n\r\n"),
            Case("HTTP/0.9", "GET /content/ville/Accueil\r\n\r\n"),
            // libmicrohttpd answers unknown versions itself with 505, the right code.
            Case("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .status([400, 505])),
            Case("HTTP/1.2", "GET / HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n", .notServerError),
            Case("bad version", "GET / HTTX/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            Case("TLS hello", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + Array(repeating: 0x41, count: 64)),
        ], on: kiosk)
    }

    @Test func smugglingAndFramingAttempts() throws {
        let kiosk = try RobustnessServer()
        let smuggled = "GET /content/ville/Cath%C3%A9drale HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        // Content-Length and Transfer-Encoding together: refused, or read as chunked and the
        // connection closed (RFC 9112 §6.1); the request hidden in the body is never answered.
        let attempts: [(String, String)] = [
            ("CL.TE", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n\(smuggled)"),
            ("TE.CL", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 60\r\n\r\n0\r\n\r\n\(smuggled)"),
            ("two Content-Lengths", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nContent-Length: \(smuggled.utf8.count)\r\n\r\n\(smuggled)"),
            ("Content-Length list", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0, \(smuggled.utf8.count)\r\n\r\n\(smuggled)"),
            ("obfuscated TE", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n\(smuggled)"),
            ("TE with space before colon", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n\(smuggled)"),
            ("TE gzip, chunked", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n\(smuggled)"),
            ("negative Content-Length", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n\(smuggled)"),
            ("huge Content-Length", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n\(smuggled)"),
            ("bad chunk size", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n\(smuggled)"),
            ("chunk size overflow", "POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n\r\n\(smuggled)"),
            ("header without colon", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColonHere\r\n\r\n\(smuggled)"),
        ]
        for (name, raw) in attempts {
            let client = try RawHTTPClient(port: kiosk.port, timeout: 3)
            try client.send(raw)
            let replies = client.readAllResponses(quiet: 2)
            // Whatever the first answer, the smuggled page must not come back.
            #expect(!replies.contains { $0.text.contains("<h1>Cathédrale</h1>") }, "\(name): smuggled request answered")
            #expect(replies.allSatisfy { $0.status < 500 }, "\(name): \(replies.map(\.status))")
            #expect(replies.allSatisfy { $0.headProblems().isEmpty }, "\(name)")
            #expect(kiosk.healthStatus() == 200, "after \(name)")
        }
        // A folded (obs-fold) Transfer-Encoding is dropped by libmicrohttpd, which then frames the
        // body by Content-Length alone: one parser, one framing, so what follows is simply the
        // next request. No 5xx, and the server carries on.
        let folded = try RawHTTPClient(port: kiosk.port, timeout: 3)
        try folded.send("POST /usage/clock?t=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n\(smuggled)")
        #expect(folded.readAllResponses(quiet: 2).allSatisfy { $0.status < 500 })
        #expect(kiosk.healthStatus() == 200)
    }

    @Test func pipeliningAndGarbageOnOneConnection() throws {
        let kiosk = try RobustnessServer()
        // 200 pipelined requests are all answered, in order.
        let many = try RawHTTPClient(port: kiosk.port)
        let paths = (0..<200).map { $0 % 2 == 0 ? "/content/ville/Accueil" : "/content/ville/style.css" }
        try many.send(paths.map { "GET \($0) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" }.joined())
        for (index, path) in paths.enumerated() {
            let reply = try many.readResponse()
            #expect(reply.status == 200, "request \(index)")
            #expect(reply.headers["Content-Type"] == (path.hasSuffix(".css") ? "text/css" : "text/html"), "request \(index)")
        }
        // A good request followed by garbage: the good one is answered, then a 400 or a close.
        let garbage = try RawHTTPClient(port: kiosk.port, timeout: 3)
        try garbage.send("GET /content/ville/Accueil HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n\u{1}\u{2}GARBAGE\r\n\r\nmore garbage")
        let replies = garbage.readAllResponses(quiet: 2)
        #expect(replies.first?.status == 200)
        #expect(replies.dropFirst().allSatisfy { (400..<500).contains($0.status) }, "\(replies.map(\.status))")
        // Random binary noise on many connections.
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<20 {
            let noise = (0..<Int.random(in: 1...4000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let client = try RawHTTPClient(port: kiosk.port, timeout: 2)
            client.trySend(noise)
            let replies = client.readAllResponses(quiet: 1)
            #expect(replies.allSatisfy { (400..<500).contains($0.status) }, "\(replies.map(\.status))")
        }
        #expect(kiosk.healthStatus() == 200)
    }

    @Test func hostileHeaderValuesAreHarmless() throws {
        let kiosk = try RobustnessServer()
        let long = String(repeating: "x", count: 8000)
        let headers = [
            "Accept-Language: " + (0..<1500).map { "l\($0);q=0.\($0 % 10)" }.joined(separator: ","),
            "Accept-Encoding: " + String(repeating: "gzip;q=2, ", count: 1500),
            "If-None-Match: \"" + long,
            "If-None-Match: " + String(repeating: "W/\"a\", ", count: 2500),
            "Host: " + long,
            "Host: [::1",
            "Host: \u{1}evil",
            "User-Agent: " + long,
            "Range: bytes=" + long,
            "Accept-Encoding: gzip;q=NaN, *;q=1e999",
            "Accept-Language: ;;;===,,,;q=",
        ]
        let cases = headers.map { header in
            Case(String(header.prefix(30)), "GET /content/ville/Cath%C3%A9drale HTTP/1.1\r\nHost: 127.0.0.1\r\n\(header)\r\nConnection: close\r\n\r\n",
                 .notServerError)
        }
        Self.run(cases, on: kiosk)
    }
}

extension Fixtures {
    /// `path` with every byte percent-encoded ("/etc" -> "%2F%65%74%63").
    static func encodedAbsolute(_ path: String) -> String {
        path.utf8.map { String(format: "%%%02X", $0) }.joined()
    }
}
