import Foundation
import Synchronization
import HTTPServer
import Testing
@testable import Kiosk

@Suite("Usage events recorded by the routes")
struct UsageRouteTests {
    private func kiosk() throws -> (TestKiosk, Router, UsageSpy) {
        let kiosk = try TestKiosk(fullText: false)
        let spy = UsageSpy()
        let router = KioskRoutes.router(KioskContext(library: kiosk.library, compressedBodies: kiosk.cache,
                                                     log: Log(minimumLevel: .error), usage: spy))
        return (kiosk, router, spy)
    }

    private func get(_ router: Router, _ target: String, _ headers: [(String, String)] = [],
                     method: HTTPMethod = .get) -> Response {
        router.handle(Request(method: method, target: target,
                              headers: HTTPHeaders([("Host", "192.168.4.1"), ("User-Agent", UsageFixtures.android)] + headers),
                              remoteAddress: "192.168.4.23"))
    }

    @Test func articleViewsRecordBookPathTitleAndArrival() throws {
        let (_, router, spy) = try kiosk()
        let cases: [(String?, UsageEvent.Arrival)] = [
            (nil, .direct), ("http://192.168.4.1/search?pattern=cath", .search), ("http://192.168.4.1/s/place-jaude", .sign),
            ("http://192.168.4.1/", .landing), ("http://192.168.4.1/content/ville_de_test/Accueil", .link),
            ("https://elsewhere.example/page", .direct),
        ]
        for (referer, expected) in cases {
            spy.clear()
            let response = get(router, "/content/ville_de_test/Cath%C3%A9drale", referer.map { [("Referer", $0)] } ?? [])
            #expect(response.status == 200)
            let events = spy.recorded
            #expect(events.count == 1)
            #expect(events.first?.kind == .articleView(book: "ville_de_test", path: "Cathédrale",
                                                       title: "Cathédrale de Clermont", arrival: expected))
            #expect(events.first?.clientAddress == "192.168.4.23")
        }
        spy.clear()
        _ = get(router, "/content/ville_de_test/Accueil?from=sign")
        #expect(spy.recorded.first?.kind == .articleView(book: "ville_de_test", path: "Accueil", title: "Accueil", arrival: .sign))
    }

    @Test func assetsRedirectsHeadAndErrorsAreNotViews() throws {
        let (_, router, spy) = try kiosk()
        #expect(get(router, "/content/ville_de_test/style.css").status == 200)
        #expect(get(router, "/content/ville_de_test/I/pixel.png").status == 200)
        #expect(get(router, "/content/ville_de_test/I/big.jpg").status == 200)
        #expect(get(router, "/content/ville_de_test/Cathedrale").status == 302)
        #expect(get(router, "/content/ville_de_test").status == 302)
        #expect(get(router, "/content/ville_de_test/Nowhere").status == 404)
        #expect(get(router, "/content/ville_de_test/Accueil", method: .head).status == 200)
        #expect(spy.recorded.isEmpty)
    }

    @Test func aRevalidatedPageIsStillAView() throws {
        let (_, router, spy) = try kiosk()
        let first = get(router, "/content/ville_de_test/Accueil")
        let etag = try #require(first.headers["ETag"])
        #expect(get(router, "/content/ville_de_test/Accueil", [("If-None-Match", etag)]).status == 304)
        #expect(spy.recorded.count == 2)
    }

    @Test func theRealServerWritesViewsAndNothingIdentifyingToTheDatabase() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let zim = try Fixtures.writeBook(at: dir + "/ville.zim", fullText: false)
        var configuration = KioskConfiguration()
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.zimFiles = [zim]
        configuration.stateDirectory = dir + "/state"
        configuration.usage.flushInterval = 0.2
        let server = try KioskServer(configuration: configuration, validator: InProcessValidator(), log: Log(minimumLevel: .error))
        let agent = "Mozilla/5.0 (Linux; Android 14; SM-S918B-SecretModel) AppleWebKit/537.36 Chrome/131.0 Mobile"
        let base = "http://127.0.0.1:\(server.port)/content/ville/"
        for path in ["Accueil", "Cath%C3%A9drale", "style.css", "I/pixel.png"] {
            #expect(try Curl.get(base + path, ["-A", agent, "-e", "http://127.0.0.1:\(server.port)/search?pattern=x"]).status == 200)
        }
        server.usageLog?.flush()
        #expect(server.usageLog?.today().articleViews == 2)
        server.stop()
        let rows = try UsageFixtures.rows(configuration.stateDirectory + "/usage.sqlite",
                                          "SELECT kind, class, arrival FROM events ORDER BY id")
        #expect(rows == [[.text("view"), .text("phone/android"), .text("search")],
                         [.text("view"), .text("phone/android"), .text("search")]])
        // Privacy: the database files contain neither the address nor any part of the User-Agent.
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: configuration.stateDirectory)
        where file.hasPrefix("usage.sqlite") {
            bytes += try Data(contentsOf: URL(fileURLWithPath: configuration.stateDirectory + "/" + file))
        }
        #expect(!bytes.isEmpty)
        for secret in ["127.0.0.1", "SecretModel", "SM-S918B", "Chrome/131", "Mozilla"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "found \(secret) in the database")
        }
    }

    @Test func noStatsMeansNoDatabase() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        var configuration = KioskConfiguration()
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.zimFiles = [try Fixtures.writeBook(at: dir + "/ville.zim", fullText: false)]
        configuration.stateDirectory = dir + "/state"
        configuration.usage.enabled = false
        let server = try KioskServer(configuration: configuration, validator: InProcessValidator(), log: Log(minimumLevel: .error))
        #expect(try Curl.get("http://127.0.0.1:\(server.port)/content/ville/Accueil").status == 200)
        server.stop()
        #expect(server.usageLog == nil)
        #expect(!FileManager.default.fileExists(atPath: dir + "/state/usage.sqlite"))
    }
}

@Suite("Phones' clocks")
struct ClockHintRouteTests {
    @Test func phonesCanReportTheirClockAndGarbageIsRefused() throws {
        let kiosk = try TestKiosk(fullText: false)
        let spy = ClockSpy()
        let router = KioskRoutes.router(KioskContext(library: kiosk.library, compressedBodies: kiosk.cache,
                                                     log: Log(minimumLevel: .error), usage: spy))
        func post(_ target: String, body: String = "") -> Int {
            router.handle(Request(method: .post, target: target, headers: HTTPHeaders([("Host", "192.168.4.1")]),
                                  body: Array(body.utf8), remoteAddress: "192.168.4.30")).status
        }
        #expect(post("/usage/clock?t=1763719200000") == 204)
        #expect(post("/usage/clock", body: "t=1763719200500") == 204)
        #expect(post("/usage/clock?t=soon") == 400)
        #expect(post("/usage/clock?t=-5") == 400)
        #expect(post("/usage/clock?t=1e300") == 400)
        #expect(post("/usage/other") == 404)
        #expect(router.handle(Request(method: .get, target: "/usage/clock?t=1", headers: HTTPHeaders([("Host", "192.168.4.1")]))).status == 405)
        #expect(spy.times == [1_763_719_200, 1_763_719_200.5])
    }
}

private final class ClockSpy: UsageRecording {
    private let state = Mutex<[Double]>([])
    func record(_ event: UsageEvent) {}
    func recordClientClock(phoneTime: Double, clientAddress: String?, userAgent: String?) {
        state.withLock { $0.append(phoneTime) }
    }
    var times: [Double] { state.withLock { $0 } }
}
