@testable import HTTPTestSupport
import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// A seeded random request generator over `Request` parsing + the kiosk `Router` (no sockets,
/// thousands of requests) and over the live daemon (raw bytes on sockets). Every answer must be
/// a 2xx/3xx/4xx with a well-formed head; nothing may crash. `WIKIKIOSK_FUZZ_SEED` replays a run,
/// `WIKIKIOSK_FUZZ_SECONDS` lengthens it (default: a few seconds, for CI).
@Suite("Robustness: fuzzing the parser and router", .serialized)
struct RobustnessFuzzTests {
    static var budget: Duration {
        .seconds(ProcessInfo.processInfo.environment["WIKIKIOSK_FUZZ_SECONDS"].flatMap { Double($0) } ?? 6)
    }

    @Test func routerAnswersRandomRequestsWithoutServerErrors() throws {
        let kiosk = try TestKiosk()
        let seed = SeededGenerator.seed(default: 0x5EED_0008)
        var generator = SeededGenerator(seed: seed)
        let deadline = ContinuousClock.now.advanced(by: Self.budget)
        var count = 0
        var statuses: [Int: Int] = [:]
        while count < 200_000, count < 2000 || ContinuousClock.now < deadline {
            let method = RequestFuzzer.method(&generator)
            let target = RequestFuzzer.target(&generator)
            let headers = RequestFuzzer.headers(&generator)
            let request = Request(method: HTTPMethod(method), target: target, headers: HTTPHeaders(headers),
                                  body: RequestFuzzer.body(&generator), remoteAddress: "192.168.4.\(count % 250 + 2)")
            let response = kiosk.router.handle(request)
            statuses[response.status, default: 0] += 1
            let problems = RequestFuzzer.problems(response, method: method)
            #expect(problems.isEmpty, "seed \(seed) request \(count): \(method) \(target.debugDescription) \(headers): \(problems)")
            if !problems.isEmpty { break }
            count += 1
        }
        #expect(count >= 2000)
        #expect(statuses.keys.contains(200) && statuses.keys.contains(404), "the generator reaches real entries: \(statuses)")
    }

    @Test func requestParsingIsTotal() {
        // Any string target parses; path is nil exactly when the path is not valid strict UTF-8.
        var generator = SeededGenerator(seed: SeededGenerator.seed(default: 0x5EED_0009))
        for _ in 0..<20_000 {
            let target = RequestFuzzer.target(&generator)
            let request = Request(method: .get, target: target)
            #expect((request.path == nil) == (request.pathSegments == nil))
            if let segments = request.pathSegments {
                #expect(!segments.contains { $0.utf8.contains(0) }, "\(target.debugDescription)")
            }
            _ = request.query.items
            _ = ByteRange.evaluate(header: RequestFuzzer.rangeHeader(&generator), resourceSize: UInt64.random(in: 0...10_000, using: &generator))
        }
    }

    @Test func liveDaemonSurvivesRandomRawRequests() throws {
        let kiosk = try RobustnessServer()
        var generator = SeededGenerator(seed: SeededGenerator.seed(default: 0x5EED_000A))
        var answered = 0, closed = 0
        for index in 0..<300 {
            let raw = RequestFuzzer.rawRequest(&generator)
            let client = try RawHTTPClient(port: kiosk.port, timeout: 3)
            client.trySend(raw)
            let replies = client.readAllResponses(quiet: 0.5, bodyless: raw.starts(with: Array("HEAD ".utf8)))
            if replies.isEmpty { closed += 1 } else { answered += 1 }
            for reply in replies {
                // 505: libmicrohttpd's own answer to an unknown HTTP version.
                #expect((200..<500).contains(reply.status) || reply.status == 505,
                        "request \(index): \(String(decoding: raw.prefix(200), as: UTF8.self).debugDescription) -> \(reply.status)")
                #expect(reply.headProblems(bodyless: raw.starts(with: Array("HEAD ".utf8))).isEmpty, "request \(index): \(reply.headProblems())")
            }
            if index % 50 == 49 { #expect(kiosk.healthStatus() == 200, "after request \(index)") }
        }
        #expect(answered > 100, "most random requests are answered (\(answered) answered, \(closed) closed)")
        #expect(kiosk.healthStatus() == 200)
    }
}

/// The pieces random requests are made of: mostly plausible (real routes, real entries) with
/// hostile bytes mixed in, so the generator gets past the 404s into the handlers.
enum RequestFuzzer {
    static let methods = ["GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "BREW", "get"]
    static let prefixes = [
        "/", "/content/ville/", "/content/ville", "/content/", "/content/nope/", "/raw/ville/content/", "/raw/ville/meta/",
        "/search", "/search?", "/suggest?", "/random?content=ville", "/random", "/catalog/v2/entries?", "/catalog/v2/root.xml",
        "/catalog/v2/illustration/ville?", "/catalog/v2/entry/", "/catalog/v2/searchdescription.xml", "/api/books", "/landing/",
        "/landing/landing.css?v=", "/portal/continue?", "/usage/clock?t=", "/ville/", "/A/", "/generate_204", "/hotspot-detect.html",
        "/skin/", "/favicon.ico", "//", "http://127.0.0.1/content/ville/", "HTTP://example.org/", "*", "",
    ]
    static let pieces = [
        "Accueil", "Cathédrale", "Cath%C3%A9drale", "Cathedrale", "Q%26R%20%231%3F", "style.css", "I/pixel.png", "I/big.jpg",
        "A/Accueil", "-/style.css", "M/Title", "Title", "Illustration_48x48@1", "..", "%2e%2e", "%2F", "/", "//", "%00", "%",
        "%zz", "%C3", "%C3%28", "%FF", "?", "#", "&", "=", "+", "%20", " ", "\u{1}", "\u{7F}", "é", "日本", "🙂", "\u{FEFF}",
        "x", String(repeating: "a", count: 300), "pattern=", "content=ville", "term=cath", "start=", "count=", "pageLength=",
        "format=xml", "format=json", "lang=fr", "lang=en", "lang=../../x", "size=48", "size=-1", "start=-5", "count=99999999999",
        "pageLength=0", "books.name=ville", "t=1e300", "t=NaN", "q=", "from=search", "from=qr",
    ]

    static func pick<T>(_ items: [T], _ generator: inout SeededGenerator) -> T {
        items[Int.random(in: 0..<items.count, using: &generator)]
    }

    static func method(_ generator: inout SeededGenerator) -> String {
        pick(methods, &generator)
    }

    /// A target: a known prefix, then pieces, random bytes percent-encoded, random scalars.
    static func target(_ generator: inout SeededGenerator) -> String {
        var target = pick(prefixes, &generator)
        for _ in 0..<Int.random(in: 0...5, using: &generator) {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                target += String(format: "%%%02X", Int.random(in: 0...255, using: &generator))
            case 1:
                let scalar = Unicode.Scalar(UInt32.random(in: 1...0x2FFFF, using: &generator)) ?? "x"
                target.unicodeScalars.append(scalar)
            case 2:
                target += Bool.random(using: &generator) ? "&" : "/"
            default:
                target += pick(pieces, &generator)
            }
        }
        return target
    }

    static func rangeHeader(_ generator: inout SeededGenerator) -> String? {
        let n = { (g: inout SeededGenerator) in String(Int.random(in: -2...300_000, using: &g)) }
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: return nil
        case 1: return "bytes=\(n(&generator))-\(n(&generator))"
        case 2: return "bytes=\(n(&generator))-"
        case 3: return "bytes=-\(n(&generator))"
        case 4: return "bytes=" + (0..<Int.random(in: 2...50, using: &generator)).map { _ in "\(n(&generator))-\(n(&generator))" }.joined(separator: ",")
        case 5: return "items=0-1"
        case 6: return "bytes=\(String(repeating: "9", count: 30))-"
        default: return "bytes=" + pick(pieces, &generator)
        }
    }

    static func headers(_ generator: inout SeededGenerator) -> [(String, String)] {
        var headers: [(String, String)] = []
        if Int.random(in: 0..<4, using: &generator) > 0 { headers.append(("Host", pick(["127.0.0.1", "localhost", "wiki.lan", "connectivitycheck.gstatic.com", "captive.apple.com", "", "[::1]:80", "a:b:c"], &generator))) }
        if Bool.random(using: &generator) { headers.append(("Accept-Encoding", pick(["gzip", "gzip;q=0", "*", "br, gzip;q=0.5", "identity", ";;"], &generator))) }
        if Bool.random(using: &generator), let range = rangeHeader(&generator) { headers.append(("Range", range)) }
        if Int.random(in: 0..<4, using: &generator) == 0 { headers.append(("If-None-Match", pick(["*", "\"x\"", "W/\"a\", \"b\"", "\"", ""], &generator))) }
        if Int.random(in: 0..<4, using: &generator) == 0 { headers.append(("Accept-Language", pick(["fr", "en-US,en;q=0.5", "*", "zz;q=x", ""], &generator))) }
        if Int.random(in: 0..<6, using: &generator) == 0 { headers.append(("User-Agent", pick(["CaptiveNetworkSupport-407 wispr", "Mozilla/5.0 (Linux; Android 14)", "", "\u{1}"], &generator))) }
        if Int.random(in: 0..<6, using: &generator) == 0 { headers.append(("Content-Type", pick(["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"], &generator))) }
        return headers
    }

    static func body(_ generator: inout SeededGenerator) -> [UInt8] {
        guard Int.random(in: 0..<5, using: &generator) == 0 else { return [] }
        return Array(pick(["lang=fr", "t=12345", "a=%zz&b=%FF", "continue=1", "\u{0}\u{1}"], &generator).utf8)
    }

    /// What is wrong with a response, in words: a 5xx, a bad header, an inconsistent body.
    static func problems(_ response: Response, method: String) -> [String] {
        var problems: [String] = []
        if !(200..<500).contains(response.status) { problems.append("status \(response.status)") }
        for (name, value) in response.headers.pairs {
            if name.isEmpty || name.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: ":") }) {
                problems.append("bad field name \(name.debugDescription)")
            }
            if value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
                problems.append("CR/LF/NUL in \(name)")
            }
        }
        if (300..<400).contains(response.status), response.status != 304, response.headers["Location"] == nil {
            problems.append("redirect without Location")
        }
        if response.status == 206 {
            if response.headers["Content-Range"] == nil { problems.append("206 without Content-Range") }
        }
        if response.status == 304, response.body.count != 0 { problems.append("304 with a body") }
        // The body must be producible in full (a stream that fails mid-way would cut the client off).
        let bytes = response.bodyBytes
        if UInt64(bytes.count) != response.body.count {
            problems.append("body has \(bytes.count) bytes, announced \(response.body.count)")
        }
        return problems
    }

    /// A raw request for the live daemon: a well-formed frame with fuzzed parts, or one mutated
    /// at the byte level.
    static func rawRequest(_ generator: inout SeededGenerator) -> [UInt8] {
        var headerLines = headers(&generator).map { "\($0.0): \($0.1)" }
        if !headerLines.contains(where: { $0.hasPrefix("Host:") }) || Bool.random(using: &generator) {
            headerLines.insert("Host: 127.0.0.1", at: 0)
        }
        headerLines.append("Connection: close")
        let version = pick(["HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/1.9", "HTTP/2", "http/1.1", ""], &generator)
        var text = "\(method(&generator)) \(target(&generator).replacingOccurrences(of: " ", with: "%20")) \(version)\r\n"
        text += headerLines.joined(separator: "\r\n") + "\r\n\r\n"
        var bytes = Array(text.utf8)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            // Flip a few bytes anywhere.
            for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
        case 1:
            // Cut it short.
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
        case 2:
            // Bare LF line ends.
            bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        default:
            break
        }
        return bytes
    }
}
