@testable import HTTPTestSupport
import Foundation
import Testing

/// A bounded soak of the real `wikikiosk serve`: mixed load (pages with and without gzip, a big
/// image in full and in ranges, search, suggestions, random, 404s, hostile requests) with slow
/// readers and half-open connections mixed in, for `WIKIKIOSK_SOAK_SECONDS` (off unless set;
/// `.ci/run` sets it). Zero 5xx, and the server's resident memory (VmRSS, sampled every second)
/// shows no growth trend: the last third's average stays within a tolerance of the first third's.
@Suite("Robustness: soak", .serialized, .enabled(if: SoakDuration.seconds > 0 && Fixtures.wikikioskExecutable != nil))
struct RobustnessSoakTests {

    static let targets = [
        "/content/ville/Accueil", "/content/ville/Cath%C3%A9drale", "/content/ville/style.css", "/content/ville/I/pixel.png",
        "/content/ville/Cathedrale", "/content/ville/nothing", "/content/riche/Article_007", "/content/riche/Article_100",
        "/content/riche/Redirection_03", "/content/riche/I/image_02.jpg", "/search?content=ville&pattern=cath%C3%A9drale",
        "/search?content=ville&pattern=pierre&format=xml", "/suggest?content=ville&term=cat", "/suggest?content=riche&term=art",
        "/random?content=riche", "/", "/api/books", "/catalog/v2/entries", "/content/ville/%zz", "/content/ville/../../etc/passwd",
    ]

    @Test func mixedLoadWithSlowClientsHasNoServerErrorsAndStableMemory() throws {
        RobustnessSlowClientTests.raiseDescriptorLimit()
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let library = folder + "/library"
        try FileManager.default.createDirectory(atPath: library, withIntermediateDirectories: true)
        try Fixtures.writeBook(at: library + "/ville.zim")
        let richPaths = try RobustnessCorruptZimTests.writeRichBook(at: library + "/riche.zim")
        let server = try ServeProcess(["--library", library, "--state-dir", folder + "/state", "--threads", "2",
                                       "--stats-flush-seconds", "1"])
        let port = server.port
        let duration = SoakDuration.seconds
        let stop = SharedFlag()
        let counts = SharedCounter()

        var workers: [Worker] = []
        // Readers: mixed requests on kept-alive connections, each worker its own addresses.
        for workerIndex in 0..<4 {
            workers.append(Worker {
                var generator = SeededGenerator(seed: UInt64(workerIndex + 1))
                var request = 0
                while !stop.isSet {
                    guard let client = try? RawHTTPClient(port: port, source: "127.0.8.\(workerIndex * 10 + request % 10 + 1)", timeout: 10) else {
                        counts.add("connect-failed"); Thread.sleep(forTimeInterval: 0.05); continue
                    }
                    for _ in 0..<Int.random(in: 1...20, using: &generator) where !stop.isSet {
                        var target = Self.targets.randomElement(using: &generator)!
                        if Int.random(in: 0..<4, using: &generator) == 0 {
                            target = "/content/riche/" + richPaths.randomElement(using: &generator)!
                        }
                        var headers = "Host: 127.0.0.1\r\n"
                        if Bool.random(using: &generator) { headers += "Accept-Encoding: gzip\r\n" }
                        if Int.random(in: 0..<8, using: &generator) == 0 { headers += "Range: bytes=\(Int.random(in: 0...150_000, using: &generator))-\r\n" }
                        let head = Int.random(in: 0..<10, using: &generator) == 0
                        guard client.trySend(Array("\(head ? "HEAD" : "GET") \(target) HTTP/1.1\r\n\(headers)\r\n".utf8)),
                              let reply = try? client.readResponse(bodyless: head) else {
                            counts.add("dropped"); break
                        }
                        counts.add(reply.status >= 500 ? "5xx" : "ok")
                        if reply.status >= 500 { counts.add("5xx \(target)") }
                        request += 1
                    }
                }
            })
        }
        // Slow readers: the 200 KB image at a crawl, over and over.
        for slowIndex in 0..<2 {
            workers.append(Worker {
                while !stop.isSet {
                    guard let client = try? RawHTTPClient(port: port, source: "127.0.9.\(slowIndex + 1)", timeout: 20, receiveBuffer: 8192),
                          client.trySend(Array("GET /content/ville/I/big.jpg HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)),
                          let reply = try? client.readResponse(slowly: 0.05)
                    else { counts.add("slow-dropped"); continue }
                    counts.add(reply.status >= 500 ? "5xx" : (reply.body.count == 200_000 ? "slow-ok" : "slow-short"))
                }
            })
        }
        // Half-open connections, renewed as the server times them out.
        workers.append(Worker {
            var open: [RawHTTPClient] = []
            var round = 0
            while !stop.isSet {
                open.removeAll { (try? $0.waitForClose(seconds: 0)) ?? true }
                while open.count < 30, let client = try? RawHTTPClient(port: port, source: "127.0.10.\(round % 5 + 1)", timeout: 1) {
                    client.trySend(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
                    open.append(client)
                    round += 1
                }
                for client in open { client.trySend([UInt8(ascii: "x")]) }
                Thread.sleep(forTimeInterval: 1)
            }
        })

        // Sample the server's memory every second.
        var samples: [Int] = []
        let end = Date().addingTimeInterval(duration)
        while Date() < end, server.isRunning {
            Thread.sleep(forTimeInterval: 1)
            if let rss = server.residentKiB { samples.append(rss) }
        }
        stop.set()
        for worker in workers { worker.join() }

        #expect(server.isRunning, "the server died:\n\(server.output.suffix(3000))")
        let all = counts.all
        print("soak \(Int(duration)) s: \(all.sorted { $0.key < $1.key }); RSS KiB samples \(samples)")
        #expect(all["5xx", default: 0] == 0, "server errors: \(all.filter { $0.key.hasPrefix("5xx") })")
        #expect(all["ok", default: 0] > Int(duration) * 20, "the load went through: \(all)")
        #expect(all["slow-short", default: 0] == 0)
        #expect(all["dropped", default: 0] <= all["ok", default: 0] / 1000, "dropped connections: \(all)")
        #expect(try RawHTTPClient.get(port, "/content/ville/Accueil").status == 200)

        // No growth trend: skip the warm-up (caches filling), then compare thirds.
        let steady = Array(samples.dropFirst(max(3, samples.count / 10)))
        if steady.count >= 9 {
            let third = steady.count / 3
            let first = Double(steady.prefix(third).reduce(0, +)) / Double(third)
            let last = Double(steady.suffix(third).reduce(0, +)) / Double(third)
            print("soak RSS: first third \(Int(first / 1024)) MiB, last third \(Int(last / 1024)) MiB, peak \((samples.max() ?? 0) / 1024) MiB")
            #expect(last <= first * 1.10 + 4096, "RSS grew from \(Int(first)) KiB to \(Int(last)) KiB")
        }
        server.send(SIGTERM)
        #expect(server.waitForExit(timeout: 30)?.status == 0)
    }
}

/// `WIKIKIOSK_SOAK_SECONDS`: how long the soak runs; 0 (unset) skips it.
enum SoakDuration {
    static var seconds: Double {
        ProcessInfo.processInfo.environment["WIKIKIOSK_SOAK_SECONDS"].flatMap { Double($0) } ?? 0
    }
}
