import Foundation
import HTTPServer
@testable import Kiosk
import Testing
import ZimKit

/// One search over every book by default, the visitor's language first, results labelled with
/// their book and language, filters as plain links, and suggestions that say their book.
@Suite struct SearchAllBooksTests {
    /// An English Wikipedia with "Cathédrale de Clermont" and "Volcano" and a French one
    /// ("Ville de test", whose "Cathédrale de Clermont" is the same title).
    static func kiosk() throws -> SearchKiosk {
        try SearchKiosk(books: [
            ("town.zim", { path in
                var book = ZimBook(title: "Ville de test", language: "eng", metadata: [("Tags", "_category:wikipedia;english")])
                for (title, text) in [("Cathédrale de Clermont", "The cathedral of Clermont is built of volcanic stone."),
                                      ("Volcano", "A volcano is a rupture in the crust. The cathedral stone is volcanic."),
                                      ("Ray Charles", "An American musician.")] {
                    book.add(article: title.replacingOccurrences(of: " ", with: "_"), title: title, html: Fixtures.page(title, text))
                }
                book.mainPath = "Volcano"
                try book.write(to: path)
            }),
            ("ville.zim", { try Fixtures.writeBook(at: $0) }),
        ])
    }

    static func resultBlocks(_ html: String) -> [String] {
        Array(html.components(separatedBy: "<li><a href=\"").dropFirst())
    }

    @Test func everyBookIsSearchedAndTheVisitorsLanguageComesFirst() throws {
        let kiosk = try Self.kiosk()
        let french = kiosk.get("/search?pattern=cathedrale+de+clermont", [("Accept-Language", "fr")])
        #expect(french.status == 200)
        let results = Self.resultBlocks(french.bodyText)
        #expect(results.count >= 2)
        #expect(results.first?.hasPrefix("/content/ville/") == true, "\(results.map { $0.prefix(60) })")
        #expect(results.contains { $0.hasPrefix("/content/town/Cath%C3%A9drale_de_Clermont") })
        // Each result says its book and, books being in two languages, the language.
        #expect(results.first?.contains("dans « Ville de test » · <span lang=\"fr\">Français</span>") == true)
        #expect(results.contains { $0.contains("dans « Ville de test » · <span lang=\"en\">English</span>") })
        // From an English page, the English book first.
        let english = Self.resultBlocks(kiosk.get("/search?pattern=cathedrale+de+clermont", [("Accept-Language", "en")]).bodyText)
        #expect(english.first?.hasPrefix("/content/town/") == true)
        // "ray charles" from the French page finds the English article.
        let ray = Self.resultBlocks(kiosk.get("/search?pattern=ray+charles", [("Accept-Language", "fr")]).bodyText)
        #expect(ray.first?.hasPrefix("/content/town/Ray_Charles") == true)
    }

    @Test func filtersArePlainLinksWithCountsAndNarrowTheSearch() throws {
        let kiosk = try Self.kiosk()
        let html = kiosk.get("/search?pattern=cathedrale+de+clermont", [("Accept-Language", "fr")]).bodyText
        let nav = try #require(html.range(of: "<nav class=\"filters\" aria-label=\"Affiner la recherche\">").map { html[$0.lowerBound...] })
        let filters = String(nav[..<(nav.range(of: "</nav>")?.upperBound ?? nav.endIndex)])
        #expect(filters.contains("Langues : <a href=\"/search?pattern=cathedrale%20de%20clermont&amp;books.filter.lang=fra\"><span lang=\"fr\">Français</span> ("))
        #expect(filters.contains("<a href=\"/search?pattern=cathedrale%20de%20clermont&amp;books.filter.lang=eng\"><span lang=\"en\">English</span> ("))
        // Two books with the same title: told apart by their language.
        #expect(filters.contains(">Ville de test · Français ("), "\(filters)")
        #expect(filters.contains(">Ville de test · English ("))
        #expect(!filters.contains("Chercher dans tous les livres"))

        let narrowed = kiosk.get("/search?pattern=cathedrale+de+clermont&books.filter.lang=eng", [("Accept-Language", "fr")]).bodyText
        let results = Self.resultBlocks(narrowed)
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { $0.hasPrefix("/content/town/") })
        #expect(narrowed.contains("<a href=\"/search?pattern=cathedrale%20de%20clermont\">Chercher dans tous les livres</a>"))
        #expect(kiosk.get("/search?pattern=volcan&books.filter.lang=xyz").status == 400)
        #expect(kiosk.get("/search?pattern=volcan&books.filter.maxsize=big").status == 400)
        #expect(Self.resultBlocks(kiosk.get("/search?pattern=cathedrale&books.filter.category=wikipedia").bodyText)
            .allSatisfy { $0.hasPrefix("/content/town/") })
        #expect(Self.resultBlocks(kiosk.get("/search?pattern=cathedrale&books.filter.notag=english").bodyText)
            .allSatisfy { $0.hasPrefix("/content/ville/") })
    }

    @Test func pagesKeepTheFilter() throws {
        let kiosk = try Self.kiosk()
        let html = kiosk.get("/search?pattern=cathedrale&books.filter.lang=fra&pageLength=1").bodyText
        #expect(html.contains("books.filter.lang=fra&amp;start=1&amp;pageLength=1"), "\(html)")
    }

    @Test func suggestionsFromSeveralBooksSayWhichBook() throws {
        let kiosk = try Self.kiosk()
        let items = try #require(try kiosk.json("/suggest?term=cathedrale&lang=fr") as? [[String: Any]])
        let paths = items.filter { ($0["kind"] as? String) == "path" }
        #expect(paths.count == 2)
        #expect(paths.map { $0["book"] as? String } == ["ville", "town"])
        #expect(paths.map { $0["bookTitle"] as? String } == ["Ville de test · Français", "Ville de test · English"])
        // One book only: no book name needed.
        let one = try #require(try kiosk.json("/suggest?term=volc") as? [[String: Any]])
        #expect(one.filter { ($0["kind"] as? String) == "path" }.allSatisfy { $0["bookTitle"] == nil })
    }
}
