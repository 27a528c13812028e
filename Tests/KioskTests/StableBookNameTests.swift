import Foundation
import HTTPServer
import Testing
import ZimKit
@testable import Kiosk

/// A book is also found under its name without the edition's date, which leads to the newest
/// edition: a printed sign, a featured article and the home page's links written with it keep
/// working when a new edition replaces the old one.
@Suite("Stable book names across editions")
struct StableBookNameTests {
    @Test func theDateOfAnEditionIsWhatTheUndatedNameDrops() {
        #expect(BookNaming.undated("wikipedia_fr_all_maxi_2024-01") == "wikipedia_fr_all_maxi")
        #expect(BookNaming.undated("vikidia_fr_all_nopic_2026-11-02") == "vikidia_fr_all_nopic")
        #expect(BookNaming.undated("wikipedia_fr_all_maxi") == nil)
        #expect(BookNaming.undated("_2024-01") == nil)
        #expect(BookNaming.undated("notes_2024") == nil)
    }

    /// An edition of "ville" dated `date`, with one article only it has (`only`).
    static func writeEdition(_ path: String, date: String, only: String) throws {
        var book = ZimBook(title: "Ville (\(date))", language: "fra", metadata: [("Date", date)])
        book.fullTextLanguage = nil
        book.add(article: "Accueil", title: "Accueil", html: Fixtures.page("Accueil", "Édition du \(date)"))
        book.add(article: "Cathédrale", title: "Cathédrale", html: Fixtures.page("Cathédrale", "Pierre de Volvic, \(date)."))
        book.add(article: only, title: only, html: Fixtures.page(only, only))
        book.mainPath = "Accueil"
        try book.write(to: path)
    }

    @Test func signsFeaturedArticlesAndLinksFollowTheNewestEdition() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let staging = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(staging) }
        try Self.writeEdition(folder + "/ville_2024-01.zim", date: "2024-01-15", only: "Janvier")

        let library = Library()
        let loader = BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                                log: Log(minimumLevel: .error))
        let watcher = LibraryWatcher(directory: folder, interval: 0.2, loader: loader)
        watcher.loadInitialContents()
        var settings = KioskSettings()
        settings.featured = [FeaturedArticle(title: "La cathédrale", book: "ville", path: "Cathédrale")]
        let signs = SignDesk(catalog: SignCatalog.parse("id,book,article,label,language,target\nCATH,ville,Cathédrale,Parvis,fr,kiosk\n"),
                             template: SignTemplate())
        let router = KioskRoutes.router(KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                                     log: Log(minimumLevel: .error), settings: LiveSettings(settings),
                                                     signs: signs))
        func get(_ target: String) -> Response {
            router.handle(Request(method: .get, target: target, headers: HTTPHeaders([("Host", "wikikiosk.lan")]),
                                  remoteAddress: "10.42.0.23"))
        }

        // One edition: both names open it; the home page links by the undated one.
        #expect(get("/content/ville/Janvier").status == 200)
        #expect(get("/content/ville_2024-01/Janvier").status == 200)
        var home = get("/?lang=fr").bodyText
        #expect(home.contains("href=\"/content/ville/\""), "\(home)")
        #expect(home.contains("href=\"/content/ville/Cath%C3%A9drale\""), "the featured article")
        #expect(get("/s/CATH").headers["Location"]?.hasSuffix("/content/ville/Cath%C3%A9drale?from=sign") == true)

        // A newer edition arrives: the undated name, the sign and the featured article open it;
        // the old one is still there under its dated name.
        try Self.writeEdition(staging + "/ville_2024-06.zim", date: "2024-06-15", only: "Juin")
        try FileManager.default.moveItem(atPath: staging + "/ville_2024-06.zim", toPath: folder + "/ville_2024-06.zim")
        watcher.scan()
        watcher.scan()
        #expect(library.books.count == 2)
        #expect(get("/content/ville/Juin").status == 200)
        #expect(get("/content/ville/Janvier").status == 404)
        #expect(get("/content/ville_2024-01/Janvier").status == 200)
        #expect(get("/content/ville/Cath%C3%A9drale").bodyText.contains("2024-06-15"))
        home = get("/?lang=fr").bodyText
        #expect(home.contains("href=\"/content/ville/\""))
        #expect(home.contains("href=\"/content/ville_2024-01/\""), "the older edition keeps its dated name")

        // The old edition is removed: nothing that used the undated name notices.
        try FileManager.default.removeItem(atPath: folder + "/ville_2024-01.zim")
        watcher.scan()
        #expect(library.books.map(\.name) == ["ville_2024-06"])
        #expect(get("/content/ville/Cath%C3%A9drale").bodyText.contains("2024-06-15"))
        #expect(get("/s/CATH").headers["Location"]?.hasSuffix("/content/ville/Cath%C3%A9drale?from=sign") == true)
        #expect(get("/?lang=fr").bodyText.contains("href=\"/content/ville/Cath%C3%A9drale\""))
        // A book whose own name is the undated one keeps it.
        try Fixtures.writeBook(at: folder + "/ville.zim", title: "Ville sans date")
        watcher.scan()
        watcher.scan()
        #expect(library.book(named: "ville")?.title == "Ville sans date")
        #expect(library.stableName(of: try #require(library.book(named: "ville_2024-06"))) == "ville_2024-06")
    }
}
