import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// `/catch/external`: the page for a link to another site, with the address as text and as a
/// QR code a phone camera reads back; Wikipedia addresses go to the kiosk's own article.
@Suite("The offline-link page")
struct OfflineLinkPageTests {
    let kiosk: TestKiosk
    init() throws { kiosk = try TestKiosk() }

    static func target(_ address: String) -> String {
        "/catch/external?source=" + URLPath.encodeQueryValue(address)
    }

    @Test func saysThePageIsOnTheInternetAndOffersASearch() throws {
        let address = "https://www.ign.fr/cartes/randonnee?x=1&y=2"
        let response = kiosk.get(Self.target(address))
        #expect(response.status == 200)
        #expect(response.headers["Cache-Control"] == "no-store")
        let page = response.bodyText
        #expect(page.contains("<h1>Cette page est sur Internet</h1>"))
        #expect(page.contains("<code dir=\"ltr\">https://www.ign.fr/cartes/randonnee?x=1&amp;y=2</code>"))
        #expect(page.contains("name=\"pattern\" value=\"randonnee\""), "the link's words, to search the kiosk")
        #expect(page.contains("<a class=\"big\" href=\"/\">"))
        #expect(page.contains("<svg"), "a QR code")
        let english = kiosk.get(Self.target(address), [("Accept-Language", "en")]).bodyText
        #expect(english.contains("This page is on the Internet"))
    }

    @Test(.enabled(if: SignDecoding.available))
    func theQRCodeReadsBackAsTheAddress() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        var images: [String: String] = [:]
        for address in ["https://www.ign.fr/cartes/randonnee?x=1&y=2", "http://example.com/",
                        "https://de.wikibooks.org/wiki/K%C3%BCche"] {
            let page = kiosk.get(Self.target(address)).bodyText
            let start = try #require(page.range(of: "<svg"))
            let end = try #require(page.range(of: "</svg>"))
            let svg = folder + "/\(images.count).svg"
            try String(page[start.lowerBound..<end.upperBound]).write(toFile: svg, atomically: true, encoding: .utf8)
            images[try SignDecoding.rasterise(svg: svg)] = address
        }
        let decoded = try SignDecoding.decode(Array(images.keys))
        for (image, address) in images {
            #expect(decoded[image] == [address], "\(address)")
        }
    }

    @Test func wikipediaAddressesGoToTheKiosksArticle() {
        let article = kiosk.get(Self.target("https://fr.wikipedia.org/wiki/Cath%C3%A9drale_de_Clermont#Histoire"))
        #expect(article.status == 302)
        #expect(article.headers["Location"] == "/content/ville_de_test/Cath%C3%A9drale?from=wikipedia")
        let missing = kiosk.get(Self.target("https://fr.m.wikipedia.org/wiki/Tour_Eiffel"))
        #expect(missing.headers["Location"] == "/search?pattern=Tour%20Eiffel&missing=1&books.name=ville_de_test")
    }

    @Test func aMissingArticleSaysSoOnTheSearchPage() {
        let page = kiosk.get("/search?pattern=Tour%20Eiffel&missing=1&books.name=ville_de_test").bodyText
        #expect(page.contains("<p class=\"notice\">« Tour Eiffel » n"))
        #expect(page.contains("est pas sur cette borne."))
        #expect(!kiosk.get("/search?pattern=Tour%20Eiffel&books.name=ville_de_test").bodyText.contains("pas sur cette borne"))
    }

    @Test func addressesThatAreNotWebLinksAre400() {
        for source in ["javascript:alert(1)", "", "ftp://x.org/", "data:text/html,x", "http://",
                       "https://" + String(repeating: "a", count: 2_001)] {
            let response = kiosk.get(Self.target(source))
            #expect(response.status == 400, "\(source.prefix(30))")
            #expect(!response.bodyText.contains("<svg"))
        }
        #expect(kiosk.get("/catch/other").status == 404)
    }

    @Test func anArticleOpenedFromAPlaqueIsCountedAsSuch() throws {
        let portal = try PortalKiosk()
        _ = portal.get("wikikiosk.lan/content/ville_de_test/Cath%C3%A9drale?from=qrpedia")
        _ = portal.get("wikikiosk.lan/content/ville_de_test/Cath%C3%A9drale?from=wikipedia")
        let arrivals = portal.usage.kinds.compactMap { kind -> UsageEvent.Arrival? in
            if case .articleView(_, _, _, let arrival) = kind { return arrival }
            return nil
        }
        #expect(arrivals == [.qrpedia, .wikipedia])
    }

    @Test func theViewerOpensTheArticleWithScriptAndTheLibraryWithout() {
        let viewer = kiosk.get("/viewer")
        #expect(viewer.status == 200)
        #expect(viewer.bodyText.contains("location.replace(h?'/content/'+h:'/')"))
        #expect(viewer.bodyText.contains("<a href=\"/\">Voir les livres de la borne</a>"))
        #expect(kiosk.get("/viewer/x").status == 404)
    }
}
