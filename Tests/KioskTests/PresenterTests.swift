import Foundation
import HTTPServer
import Testing
import Synchronization
@testable import Kiosk

/// The presenter screen (`/presenter`): the two codes a room of phones scans — decoded by
/// `zbarimg` to the kiosk's `WIFI:` string and address — and the live counts of phones on the
/// kiosk and reading, from memory only.
@Suite("The presenter screen")
struct PresenterTests {
    final class Clock: Sendable {
        let now = Mutex(1000.0)
        var read: @Sendable () -> Double { { [self] in now.withLock { $0 } } }
    }

    static func router(_ live: LiveDevices) throws -> (Router, String) {
        let folder = Fixtures.makeTemporaryDirectory()
        var settings = KioskSettings()
        settings.name = "Médiathèque de Jaude"
        settings.place = "Clermont-Ferrand"
        settings.hotspot.ssid = "Wikipédia; sans Internet"
        return (try Fixtures.router(serving: folder + "/ville.zim", settings: settings, live: live).0, folder)
    }

    static func get(_ router: Router, _ target: String, from address: String = "10.42.0.5") -> Response {
        router.handle(Request(method: .get, target: target, headers: HTTPHeaders([("Accept-Language", "fr")]),
                              remoteAddress: address))
    }

    @Test func theCodesJoinTheWifiAndOpenTheKiosk() throws {
        let (router, folder) = try Self.router(LiveDevices())
        defer { Fixtures.cleanUp(folder) }
        let page = Self.get(router, "/presenter")
        #expect(page.status == 200)
        #expect(page.headers["Cache-Control"] == "no-store")
        let html = page.bodyText
        #expect(html.contains("<h1>Médiathèque de Jaude</h1><p>Clermont-Ferrand</p>"))
        #expect(html.contains("<figcaption>1. Rejoignez le Wi-Fi «\u{00A0}Wikipédia; sans Internet\u{00A0}»</figcaption>"))
        #expect(html.contains("<figcaption>2. Ouvrez wikikiosk.lan</figcaption>"))
        #expect(html.contains("<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>"))
        guard Shell.exists("/usr/bin/zbarimg") && Shell.exists("/usr/bin/rsvg-convert") else { return }
        var svgs: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            svgs.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        #expect(svgs.count == 2)
        var images: [String] = []
        for (index, svg) in svgs.enumerated() {
            let file = folder + "/code\(index).svg"
            try svg.write(toFile: file, atomically: true, encoding: .utf8)
            images.append(try SignDecoding.rasterise(svg: file))
        }
        let decoded = try SignDecoding.decode(images)
        #expect(decoded.values.flatMap { $0 }.sorted() == ["WIFI:T:nopass;S:Wikipédia\\; sans Internet;;", "http://wikikiosk.lan/"].sorted(),
                "\(decoded)")
    }

    @Test func phonesOnTheKioskAndReadingAreCountedFromTheirPages() throws {
        let clock = Clock()
        let live = LiveDevices(window: 600, readingWindow: 120, clock: clock.read)
        let (router, folder) = try Self.router(live)
        defer { Fixtures.cleanUp(folder) }
        #expect(Self.get(router, "/", from: "10.42.0.10").status == 200)
        #expect(Self.get(router, "/content/ville/Cath%C3%A9drale", from: "10.42.0.11").status == 200)
        #expect(Self.get(router, "/content/ville/Accueil", from: "10.42.0.12").status == 200)
        #expect(Self.get(router, "/content/ville/Accueil", from: "10.42.0.12").status == 200)
        // Neither an image, nor the staff area, nor the presenter screen itself count.
        _ = Self.get(router, "/content/ville/I/pixel.png", from: "10.42.0.13")
        _ = Self.get(router, "/admin", from: "10.42.0.14")
        _ = Self.get(router, "/presenter", from: "10.42.0.15")
        let now = Self.get(router, "/presenter/now")
        #expect(now.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(now.bodyText == "{\"onKiosk\": 3, \"reading\": 2}")
        #expect(Self.get(router, "/presenter").bodyText.contains("<span id=\"onkiosk\">3 téléphones sur la borne</span> · <span id=\"reading\">2 en train de lire</span>"))
        // Three minutes later nobody is reading; eleven minutes later nobody is there.
        clock.now.withLock { $0 += 180 }
        #expect(Self.get(router, "/presenter/now").bodyText == "{\"onKiosk\": 3, \"reading\": 0}")
        clock.now.withLock { $0 += 480 }
        #expect(Self.get(router, "/presenter/now").bodyText == "{\"onKiosk\": 0, \"reading\": 0}")
        #expect(Self.get(router, "/presenter/other").status == 404)
    }

    @Test func theCountsAreSaidInEveryLanguageWithTheirPlurals() {
        let strings = StringCatalog(tables: BuiltInCatalog.tables)
        #expect(strings.text("presenter.onkiosk", "ar", ["count": .number(2)]) == "هاتفان متصلان بالكشك")
        #expect(strings.text("presenter.onkiosk", "uk", ["count": .number(5)]) == "5 телефонів у кіоску")
        #expect(strings.text("presenter.onkiosk", "uk", ["count": .number(22)]) == "22 телефони у кіоску")
        #expect(strings.text("presenter.onkiosk", "fr", ["count": .number(1)]) == "1 téléphone sur la borne")
        #expect(strings.text("presenter.reading", "de", ["count": .number(3)]) == "3 lesen gerade")
        for language in ["fr", "en", "es", "de", "uk", "ar"] {
            #expect(strings.has("presenter.join", in: language) && strings.has("presenter.onkiosk", in: language), "\(language)")
        }
    }
}
