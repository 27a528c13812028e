import Foundation
import HTTPServer
import Testing
import ZimKit
@testable import Kiosk

/// The landing page's book cards: language by its own name, kind from the tags, the main books
/// then the page's language first and bigger books first, same titles told apart, empty books
/// without links.
@Suite("Book cards on the landing page")
struct BookCardsTests {
    @Test func cardsSayWhatEachBookIsAndComeInAUsefulOrder() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        try Fixtures.writeBook(at: folder + "/ville.zim")
        try Fixtures.writeBook(at: folder + "/ville2.zim")   // the same title, the same date
        let english = folder + "/town.zim"
        var town = ZimBook(title: "Town", language: "eng", metadata: [("Date", "2026-01-02"), ("Tags", "_category:wikipedia")])
        for index in 0..<5 {
            town.add(article: "A\(index)", title: "Article \(index)", html: Fixtures.page("A\(index)", "text"))
        }
        town.mainPath = "A0"
        try town.write(to: english)
        let empty = folder + "/vide.zim"
        try ZimBook(title: "Livre vide", language: "fra").write(to: empty)

        let library = Library()
        let loader = BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                                log: Log(minimumLevel: .error))
        for file in [english, empty, folder + "/ville.zim", folder + "/ville2.zim"] { loader.load(file) }
        let settings = LiveSettings()
        let router = KioskRoutes.router(KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                                     log: Log(minimumLevel: .error), settings: settings))
        let french = router.handle(Request(method: .get, target: "/?lang=fr")).bodyText
        let cards = french.components(separatedBy: "<li>").dropFirst().filter { $0.contains("class=\"facts\"") }
        #expect(cards.count == 4)
        // French books first (the biggest first, the empty one last of them), then English.
        #expect(cards.map { $0.contains("Ville de test") }.prefix(2) == [true, true], "\(cards.map { $0.prefix(120) })")
        #expect(cards[2].contains("Livre vide"))
        #expect(cards[3].contains("Town"))
        // What each book is.
        #expect(cards[0].contains("<p class=\"facts\"><span lang=\"fr\">Français</span> · Wikivoyage · 3 articles</p>"),
                "\(cards[0])")
        #expect(cards[3].contains("<span lang=\"en\">English</span> · Wikipedia · 5 articles"), "\(cards[3])")
        // Two books with the same title: told apart by their date.
        #expect(cards[0].contains("Ville de test (2026-11-21)"))
        // An empty book says so and links nowhere.
        #expect(cards[2].contains("Ce livre ne contient aucun article."))
        #expect(!cards[2].contains("href="), "\(cards[2])")
        // From the English page, the English book comes first.
        let englishPage = router.handle(Request(method: .get, target: "/?lang=en")).bodyText
        let first = englishPage.components(separatedBy: "<li>").dropFirst().first { $0.contains("class=\"facts\"") } ?? ""
        #expect(first.contains("Town"))
        // The kiosk's main books come first whatever the page's language, in the order named,
        // and are searched first.
        var main = KioskSettings()
        main.mainBooks = ["town", "ville2"]
        settings.replace(with: main)
        let ordered = router.handle(Request(method: .get, target: "/?lang=fr")).bodyText
            .components(separatedBy: "<li>").dropFirst().filter { $0.contains("class=\"facts\"") }
        #expect(ordered.first?.contains("Town") == true)
        #expect(ordered.dropFirst().first?.contains("/content/ville2/") == true, "\(ordered.map { $0.prefix(200) })")
        let suggestions = router.handle(Request(method: .get, target: "/suggest?term=a&lang=fr")).bodyText
        #expect(suggestions.hasPrefix("[{\"book\":\"town\""), "\(suggestions.prefix(200))")
    }

    @Test func kindsFromTags() {
        #expect(BookCards.kind(ofCategory: Book.category(fromTags: "wikipedia;_category:wikipedia;_pictures:no")) == "Wikipedia")
        #expect(BookCards.kind(ofCategory: Book.category(fromTags: "_category:vikidia")) == "Vikidia")
        #expect(BookCards.kind(ofCategory: Book.category(fromTags: "_category:stack_exchange")) == "Stack Exchange")
        #expect(BookCards.kind(ofCategory: Book.category(fromTags: "_category:phet")) == "Phet")
        #expect(BookCards.kind(ofCategory: Book.category(fromTags: "nothing")) == "")
    }
}
