import Foundation
import HTTPServer
import Testing
@testable import Kiosk

@Suite("Landing page")
struct LandingPageTests {
    static func settings() -> KioskSettings {
        var settings = KioskSettings()
        settings.name = "Médiathèque <Jules-Verne>"
        settings.place = "Saint-Flour, Cantal"
        settings.featured = [
            FeaturedArticle(title: "La cathédrale", book: "ville_de_test", path: "Cathédrale", description: "En pierre de Volvic"),
            FeaturedArticle(title: "Absent", book: "ville_de_test", path: "Nulle_part"),
            FeaturedArticle(title: "Autre livre", book: "absent", path: "Accueil"),
        ]
        return settings
    }

    @Test func showsNamePlaceWelcomeSearchFeaturedBooksAndHelpInFrench() throws {
        let portal = try PortalKiosk(settings: Self.settings())
        let response = portal.get("wikikiosk.lan/", headers: [("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.headers["Content-Language"] == "fr")
        #expect(response.headers["Cache-Control"] == "no-store")
        let html = response.bodyText
        #expect(html.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(html.contains("Médiathèque &lt;Jules-Verne&gt;"))
        #expect(html.contains("Saint-Flour, Cantal"))
        #expect(html.contains("Wikipédia sans Internet, ici et gratuitement"))
        // One search box over every book: a plain GET form to /search?pattern=…
        #expect(html.contains("<form id=\"search\" class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"))
        #expect(html.contains("<label for=\"q\">Chercher dans tous les livres</label>"))
        #expect(html.contains("id=\"q\" name=\"pattern\" type=\"search\""))
        #expect(html.components(separatedBy: "<input").count == 2)
        // Featured: only those whose book and article exist.
        #expect(html.contains("href=\"/content/ville_de_test/Cath%C3%A9drale\""))
        #expect(html.contains("En pierre de Volvic"))
        #expect(!html.contains("Absent") && !html.contains("Autre livre"))
        // Books with illustration, description, count, open and random links.
        #expect(html.contains("<img src=\"/catalog/v2/illustration/ville_de_test?size=48\" width=\"48\" height=\"48\" alt=\"\">"))
        #expect(html.contains("<a href=\"/content/ville_de_test/\" lang=\"fr\" dir=\"auto\">Ville de test</a>"))
        #expect(html.contains("Un livre de test"))
        #expect(html.contains("3 articles"))
        #expect(html.contains("href=\"/random?content=ville_de_test\""))
        #expect(html.contains("Comment ça marche ?") && html.contains("Contribuer à Wikipédia"))
        // Language switch: the other language is a link, with its own lang attribute.
        #expect(html.contains("<a href=\"/?lang=en\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">English</a>"))
        #expect(html.contains("<span lang=\"fr\" dir=\"ltr\" aria-current=\"true\">Français</span>"))
    }

    @Test func englishFromAcceptLanguageAndTheLangOverride() throws {
        let portal = try PortalKiosk(settings: Self.settings())
        let english = portal.get("wikikiosk.lan/", headers: [("Accept-Language", "en-GB,en;q=0.8")]).bodyText
        #expect(english.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(english.contains("Wikipedia without Internet, here and free"))
        #expect(english.contains("What is here"))
        let forced = portal.get("wikikiosk.lan/?lang=fr", headers: [("Accept-Language", "en")]).bodyText
        #expect(forced.contains("<html lang=\"fr\" dir=\"ltr\">"))
        // The explicit choice follows the search (no cookies in captive sheets).
        #expect(forced.contains("<input type=\"hidden\" name=\"lang\" value=\"fr\">"))
        let unknown = portal.get("wikikiosk.lan/?lang=xx", headers: [("Accept-Language", "de")]).bodyText
        #expect(unknown.contains("<html lang=\"fr\" dir=\"ltr\">"))
    }

    @Test func portalBannerBeforeContinueAndConfirmationAfter() throws {
        let portal = try PortalKiosk(settings: Self.settings())
        #expect(!portal.get("wikikiosk.lan/").bodyText.contains("/portal/continue"))
        _ = portal.get("captive.apple.com/hotspot-detect.html")
        let captive = portal.get("wikikiosk.lan/").bodyText
        #expect(captive.contains("<form method=\"post\" action=\"/portal/continue\">"))
        #expect(captive.contains("Commencer la lecture"))
        let location = portal.continueDevice().headers["Location"] ?? ""
        let after = portal.get("wikikiosk.lan" + location).bodyText
        #expect(!after.contains("/portal/continue"))
        #expect(after.contains("C&#39;est prêt"))
        #expect(after.contains("http://wikikiosk.lan/"))
    }

    @Test func oneHTMLAndOneCSSUnder60KB() throws {
        let portal = try PortalKiosk(settings: Self.settings())
        let html = portal.get("wikikiosk.lan/").bodyText
        let stylesheets = html.components(separatedBy: "rel=\"stylesheet\"").count - 1
        #expect(stylesheets == 1)
        #expect(!html.contains("<script src"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        let cssURL = try #require(html.range(of: #"/landing/landing\.css\?v=[0-9a-f]+"#, options: .regularExpression))
        let css = portal.get("wikikiosk.lan" + String(html[cssURL]))
        #expect(css.status == 200)
        #expect(css.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(css.headers["Cache-Control"] == "public, max-age=31536000, immutable")
        let total = html.utf8.count + css.bodyBytes.count
        #expect(total < 60_000, "HTML + CSS = \(total) bytes")
        // Compressed for the phones that accept it.
        let gzipped = portal.get("wikikiosk.lan/", headers: [("Accept-Encoding", "gzip")])
        #expect(gzipped.headers["Content-Encoding"] == "gzip")
        #expect(gzipped.bodyBytes.count < html.utf8.count / 2)
        // Revalidation costs a 304.
        let etag = try #require(css.headers["ETag"])
        #expect(portal.get("wikikiosk.lan" + String(html[cssURL]), headers: [("If-None-Match", etag)]).status == 304)
        print("landing page: HTML \(html.utf8.count) bytes, CSS \(css.bodyBytes.count) bytes, HTML gzipped \(gzipped.bodyBytes.count) bytes")
    }

    @Test func reportsThePhoneClockForUndatedStatistics() throws {
        let portal = try PortalKiosk(settings: Self.settings())
        let html = portal.get("wikikiosk.lan/").bodyText
        #expect(html.contains("navigator.sendBeacon('/usage/clock?t='+Date.now())"))
    }

    @Test func recordsALandingViewPerGET() throws {
        let portal = try PortalKiosk()
        _ = portal.get("wikikiosk.lan/")
        _ = portal.get("wikikiosk.lan/", method: .head)
        #expect(portal.usage.kinds == [.landingView])
    }

    @Test func textContrastMeetsWCAGAA() {
        for (foreground, background) in LandingStyle.textPairs {
            let ratio = Contrast.ratio(foreground, background)
            #expect(ratio >= 4.5, "\(foreground) on \(background): \(ratio)")
        }
    }

    @Test func noBookMeansAClearMessage() throws {
        let router = KioskRoutes.router(KioskContext(library: Library(), compressedBodies: CompressedBodyCache(budget: 0),
                                                     log: Log(minimumLevel: .error)))
        let html = router.handle(Request(method: .get, target: "/?lang=en")).bodyText
        #expect(html.contains("No book is loaded yet."))
        #expect(html.contains("Wikipedia without Internet, here and free"))
    }

    @Test func thousandsAreGroupedPerLanguage() {
        #expect(NumberText.grouped(2_512_345, language: "fr") == "2\u{202F}512\u{202F}345")
        #expect(NumberText.grouped(2_512_345, language: "en") == "2,512,345")
        #expect(NumberText.grouped(999, language: "fr") == "999")
    }
}

/// WCAG 2.1 relative luminance and contrast ratio of "#rrggbb" colours.
enum Contrast {
    static func ratio(_ a: String, _ b: String) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }
}
