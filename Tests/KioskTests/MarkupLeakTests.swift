import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// Markup built as `HTML` and then put into a plain `String` is escaped a second time where the
/// string is inserted: the visitor or staff member sees `&lt;span…` as text. The compiler can't
/// catch it (`HTML` prints as its markup in a `String` interpolation), so every page is checked.
@Suite("No page shows its own markup as text")
struct MarkupLeakTests {
    /// What a twice-escaped tag looks like in the page source.
    static let leaks = ["&lt;a ", "&lt;b&gt;", "&lt;span", "&lt;code", "&lt;p", "&lt;li", "&lt;/", "&amp;lt;", "&amp;amp;", "&amp;quot;"]

    static func leaked(_ page: String) -> [String] { leaks.filter { page.contains($0) } }

    @Test func staffPagesInBothLanguages() throws {
        let kiosk = try AdminKiosk(stats: true)
        let session = try kiosk.login()
        for language in ["fr", "en"] {
            for path in ["/admin", "/admin/library", "/admin/settings", "/admin/signs",
                         "/admin/signs?book=ville&article=Cath%C3%A9drale&id=CATH&label=Place"] {
                let separator = path.contains("?") ? "&" : "?"
                let page = kiosk.request(.get, path + separator + "lang=" + language, cookie: session.id)
                #expect(page.status == 200, "\(path) \(language)")
                #expect(Self.leaked(page.bodyText).isEmpty, "\(path) \(language): \(Self.leaked(page.bodyText))")
            }
        }
        let login = try AdminKiosk().request(.get, "/admin/login")
        #expect(Self.leaked(login.bodyText).isEmpty)
    }

    @Test func visitorPagesInEveryLanguage() throws {
        var settings = KioskSettings()
        settings.languages = ["fr", "en", "es", "de", "uk", "ar"]
        let portal = try PortalKiosk(settings: settings)
        for language in settings.languages {
            for path in ["/", "/search?pattern=cathedrale", "/search?pattern=zzzz", "/content/ville_de_test/Nulle_part",
                         "/s/NOPE", "/search?pattern=x&start=-4"] {
                let separator = path.contains("?") ? "&" : "?"
                let page = portal.get("wikikiosk.lan" + path + separator + "lang=" + language)
                #expect(Self.leaked(page.bodyText).isEmpty, "\(path) \(language): \(Self.leaked(page.bodyText))")
            }
        }
        // Suggestions are JSON whose label kiwix-serve escapes once more on purpose (clients
        // unescape it): once, never twice.
        let suggestions = portal.get("wikikiosk.lan/suggest?term=cath").bodyText
        #expect(suggestions.contains("&lt;b&gt;"))
        #expect(!suggestions.contains("&amp;lt;"))
    }
}
