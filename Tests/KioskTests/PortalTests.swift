import Foundation
import HTTPServer
import Synchronization
import Testing
@testable import Kiosk

/// A clock the tests move by hand, and a usage recorder that keeps what it is given.
final class ManualClock: Sendable {
    private let seconds = Mutex(1000.0)
    func advance(_ by: Double) { seconds.withLock { $0 += by } }
    var now: Double { seconds.withLock { $0 } }
}

final class RecordedUsage: UsageRecording {
    private let events = Mutex<[UsageEvent.Kind]>([])
    func record(_ event: UsageEvent) { events.withLock { $0.append(event.kind) } }
    var kinds: [UsageEvent.Kind] { events.withLock { $0 } }
}

/// A router over the test book with the portal's clock and usage in the test's hands.
struct PortalKiosk {
    let kiosk: TestKiosk
    let clock = ManualClock()
    let usage = RecordedUsage()
    let router: Router
    let settings: KioskSettings

    init(settings: KioskSettings = KioskSettings()) throws {
        kiosk = try TestKiosk()
        self.settings = settings
        let clock = clock
        router = KioskRoutes.router(KioskContext(
            library: kiosk.library, compressedBodies: kiosk.cache,
            strings: ConfigLoader.strings(languages: settings.languages, files: [:]),
            log: Log(minimumLevel: .error), usage: usage, settings: LiveSettings(settings),
            portal: PortalDevices(clock: { clock.now })))
    }

    func get(_ url: String, from device: String = "10.42.0.23", userAgent: String? = nil,
             method: HTTPMethod = .get, headers: [(String, String)] = []) -> Response {
        let parts = url.split(separator: "/", maxSplits: 1)
        var all = headers + [("Host", String(parts[0]))]
        if let userAgent { all.append(("User-Agent", userAgent)) }
        return router.handle(Request(method: method, target: "/" + (parts.count > 1 ? String(parts[1]) : ""),
                                     headers: HTTPHeaders(all), remoteAddress: device))
    }

    @discardableResult
    func continueDevice(_ device: String = "10.42.0.23") -> Response {
        get("wikikiosk.lan/portal/continue", from: device, method: .post)
    }
}

@Suite("Captive portal: every probe, before and after continue")
struct PortalTests {
    /// (probe URL, User-Agent, expected online status, expected online body or nil for empty).
    static let probes: [(String, String?, Int, String?)] = [
        ("connectivitycheck.gstatic.com/generate_204", nil, 204, ""),
        ("clients3.google.com/generate_204", nil, 204, ""),
        ("connectivitycheck.android.com/generate_204", nil, 204, ""),
        ("www.google.com/gen_204", nil, 204, ""),
        ("connect.rom.miui.com/generate_204", nil, 204, ""),
        ("connectivitycheck.platform.hicloud.com/generate_204", nil, 204, ""),
        ("connectivity.samsung.com.cn/generate_204", nil, 204, ""),
        ("captive.apple.com/hotspot-detect.html", "CaptiveNetworkSupport-428 wispr", 200,
         "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"),
        ("www.apple.com/library/test/success.html", nil, 200,
         "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"),
        ("www.appleiphonecell.com/hotspot-detect.html", nil, 200,
         "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"),
        ("www.thinkdifferent.us/library/test/success.html", nil, 200,
         "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"),
        ("www.msftconnecttest.com/connecttest.txt", "Microsoft NCSI", 200, "Microsoft Connect Test"),
        ("ipv6.msftconnecttest.com/connecttest.txt", "Microsoft NCSI", 200, "Microsoft Connect Test"),
        ("www.msftncsi.com/ncsi.txt", "Microsoft NCSI", 200, "Microsoft NCSI"),
        ("detectportal.firefox.com/canonical.html", nil, 200,
         "<meta http-equiv=\"refresh\" content=\"0;url=https://support.mozilla.org/kb/captive-portal\"/>"),
        ("detectportal.firefox.com/success.txt?ipv4", nil, 200, "success\n"),
        ("nmcheck.gnome.org/check_network_status.txt", "NetworkManager/1.42", 200, "NetworkManager is online\n"),
        ("connectivity-check.ubuntu.com/", nil, 204, ""),
        ("network-test.debian.org/nm", nil, 200, "NetworkManager is online\n"),
        ("fedoraproject.org/static/hotspot.txt", nil, 200, "OK\n"),
        ("networkcheck.kde.org/", nil, 200, "OK\n"),
        ("spectrum.s3.amazonaws.com/kindle-wifi/wifistub.html", nil, 200, nil),
    ]

    @Test(arguments: 0..<probes.count)
    func probeIsCaptiveBeforeContinueAndOnlineAfter(_ index: Int) throws {
        let (url, userAgent, status, body) = Self.probes[index]
        let portal = try PortalKiosk()
        let before = portal.get(url, userAgent: userAgent)
        #expect(before.status == 302, "\(url)")
        #expect(before.headers["Location"] == "http://wikikiosk.lan/")
        #expect(before.headers["Cache-Control"] == "no-store")

        // The redirect target is the landing page, with the "start reading" button.
        let landing = portal.get("wikikiosk.lan/")
        #expect(landing.status == 200)
        #expect(landing.bodyText.contains("action=\"/portal/continue\""))

        let continued = portal.continueDevice()
        #expect(continued.status == 303)
        #expect(continued.headers["Location"]?.hasPrefix("/") == true)

        let after = portal.get(url, userAgent: userAgent)
        #expect(after.status == status, "\(url)")
        #expect(after.headers["Cache-Control"] == "no-store")
        if let body { #expect(after.bodyText == body, "\(url)") }
        if index == Self.probes.count - 1 {
            #expect(after.bodyText.contains("81ce4465-7167-4dcb-835b-dcc9e44c112a"))
        }
        #expect(portal.usage.kinds == [.portal(.firstProbe), .landingView, .portal(.continued)])
    }

    @Test func appleAssistantIsRecognisedOnAnyHost() throws {
        let portal = try PortalKiosk()
        #expect(portal.get("example.org/whatever.html", userAgent: "CaptiveNetworkSupport-407.40.1 wispr").status == 302)
        portal.continueDevice()
        let after = portal.get("example.org/whatever.html", userAgent: "CaptiveNetworkSupport-407.40.1 wispr")
        #expect(after.bodyText == ProbeCatalog.appleSuccess)
    }

    @Test func windowsRedirectAlwaysOpensTheLandingPage() throws {
        let portal = try PortalKiosk()
        for _ in 0..<2 {
            let response = portal.get("www.msftconnecttest.com/redirect")
            #expect(response.status == 302)
            #expect(response.headers["Location"] == "http://wikikiosk.lan/")
            portal.continueDevice()
        }
    }

    @Test func continuedStateIsPerDevice() throws {
        let portal = try PortalKiosk()
        portal.continueDevice("10.42.0.23")
        #expect(portal.get("connectivitycheck.gstatic.com/generate_204", from: "10.42.0.23").status == 204)
        #expect(portal.get("connectivitycheck.gstatic.com/generate_204", from: "10.42.0.24").status == 302)
    }

    @Test func continuedStateExpiresAfterInactivity() throws {
        var settings = KioskSettings()
        settings.portalTimeout = 600
        let portal = try PortalKiosk(settings: settings)
        portal.continueDevice()
        portal.clock.advance(500)
        // Reading keeps the device active…
        #expect(portal.get("wikikiosk.lan/content/ville_de_test/Accueil").status == 200)
        portal.clock.advance(500)
        #expect(portal.get("captive.apple.com/hotspot-detect.html").status == 200)
        // …and 10 minutes of silence forget it: the sheet comes back.
        portal.clock.advance(601)
        #expect(portal.get("captive.apple.com/hotspot-detect.html").status == 302)
        #expect(portal.usage.kinds.filter { $0 == .portal(.firstProbe) }.count == 1)
    }

    @Test func firstProbeIsRecordedOncePerDevice() throws {
        let portal = try PortalKiosk()
        for _ in 0..<3 { _ = portal.get("connectivitycheck.gstatic.com/generate_204") }
        _ = portal.get("connectivitycheck.gstatic.com/generate_204", from: "10.42.0.99")
        #expect(portal.usage.kinds == [.portal(.firstProbe), .portal(.firstProbe)])
        portal.continueDevice()
        portal.continueDevice()
        #expect(portal.usage.kinds.filter { $0 == .portal(.continued) }.count == 1)
    }

    @Test func otherSitesGetTheOfflinePageWithLinksBackToTheKiosk() throws {
        let portal = try PortalKiosk()
        for url in ["example.com/", "www.lemonde.fr/a?b=c"] {
            let response = portal.get(url)
            #expect(response.status == 200, "\(url)")
            #expect(response.headers["Cache-Control"] == "no-store")
            #expect(response.bodyText.contains("<code dir=\"ltr\">http://\(url)</code>"), "the address, as text")
            // Relative links would stay on the other site's name and come back here.
            #expect(response.bodyText.contains("action=\"http://wikikiosk.lan/search\""))
            #expect(response.bodyText.contains("href=\"http://wikikiosk.lan/\""))
        }
        #expect(portal.get("www.lemonde.fr/a?b=c").bodyText.contains("value=\"a\""), "a search for the address's words")
        // POST to another site too (no 405 from the route table).
        #expect(portal.get("example.com/form", method: .post).status == 200)
    }

    @Test func wikipediaAndQRpediaAddressesOpenTheArticleFromTheKiosk() throws {
        let portal = try PortalKiosk()
        let article = "http://wikikiosk.lan/content/ville_de_test/Cath%C3%A9drale"
        let expected = [
            "fr.wikipedia.org/wiki/Cath%C3%A9drale": article + "?from=wikipedia",
            "fr.wikipedia.org/wiki/Cathédrale": article + "?from=wikipedia",
            "fr.m.wikipedia.org/wiki/Cath%C3%A9drale#Histoire": article + "?from=wikipedia",
            "fr.qrwp.org/Cath%C3%A9drale": article + "?from=qrpedia",
            // A redirect entry (followed), then the title index without accents or capitals.
            "fr.wikipedia.org/wiki/Cathedrale": article + "?from=wikipedia",
            "fr.qrwp.org/cathedrale_de_clermont": article + "?from=qrpedia",
            "fr.wikipedia.org/wiki/Tour_Eiffel":
                "http://wikikiosk.lan/search?pattern=Tour%20Eiffel&missing=1&books.name=ville_de_test",
            "en.wikipedia.org/wiki/Cathedral": "http://wikikiosk.lan/search?pattern=Cathedral&missing=1",
        ]
        for (url, location) in expected {
            let response = portal.get(url)
            #expect(response.status == 302, "\(url)")
            #expect(response.headers["Location"] == location, "\(url)")
        }
        // Not an article address: the offline page.
        #expect(portal.get("fr.wikipedia.org/w/index.php?title=X").status == 200)
        #expect(portal.get("commons.wikimedia.org/wiki/File:X.jpg").status == 200)
    }

    @Test func theKiosksOwnNamesAreServed() throws {
        var settings = KioskSettings()
        settings.aliases = ["borne.lan"]
        let portal = try PortalKiosk(settings: settings)
        for host in ["wikikiosk.lan", "WikiKiosk.LAN:80", "wikikiosk", "borne.lan", "localhost:8080", "10.42.0.1",
                     "127.0.0.1:8080", "192.168.1.50", "[::1]:8080"] {
            #expect(portal.get("\(host)/content/ville_de_test/Accueil").status == 200, "\(host)")
        }
        // No Host header at all (HTTP/1.0): served.
        let bare = portal.router.handle(Request(method: .get, target: "/content/ville_de_test/Accueil"))
        #expect(bare.status == 200)
    }

    @Test func canonicalHostWithAPortIsKeptInRedirects() throws {
        var settings = KioskSettings()
        settings.canonicalHost = "borne.lan:8080"
        let portal = try PortalKiosk(settings: settings)
        #expect(portal.get("captive.apple.com/hotspot-detect.html").headers["Location"] == "http://borne.lan:8080/")
        #expect(portal.get("borne.lan/").status == 200)
    }

    @Test func continueKeepsTheChosenLanguageAndAcceptsGET() throws {
        let portal = try PortalKiosk()
        let response = portal.get("wikikiosk.lan/portal/continue?lang=en")
        #expect(response.status == 302)
        #expect(response.headers["Location"] == "/?continued=1&lang=en")
        let form = portal.router.handle(Request(method: .post, target: "/portal/continue",
                                                headers: HTTPHeaders([("Host", "wikikiosk.lan")]),
                                                body: Array("lang=fr".utf8), remoteAddress: "10.42.0.5"))
        #expect(form.headers["Location"] == "/?continued=1&lang=fr")
        #expect(portal.get("wikikiosk.lan/portal/nothing").status == 404)
        #expect(portal.get("wikikiosk.lan/portal/continue?lang=<x>").headers["Location"] == "/?continued=1")
    }

    @Test func noAddressIsKeptInTheDeviceTable() throws {
        let devices = PortalDevices(capacity: 3, clock: { 0 })
        for index in 0..<10 { devices.continue("10.42.0.\(index)", timeout: 60) }
        #expect(devices.count <= 3)
        let mirror = String(describing: Mirror(reflecting: devices).children.map { String(describing: $0.value) })
        #expect(!mirror.contains("10.42.0."))
    }
}
