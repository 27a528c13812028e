import Foundation
import HTTPServer
import Testing
import ZimKit
@testable import Kiosk

/// The staff area's sign workflow as city staff meet it: nothing printable outside the
/// catalogue, ids that can't clash, titles and never paths, the place printed only when given,
/// the book remembered, messages in the staff member's language, and a catalogue that says
/// which line is wrong and what to do.
@Suite("QR signs: the staff area's workflow", .serialized)
struct SignWorkflowTests {
    static func catalogue(_ kiosk: AdminKiosk, _ text: String) throws {
        try ("id,book,article,label,language,target\n" + text).write(toFile: kiosk.options.signsFile!, atomically: true, encoding: .utf8)
    }

    @Test func anIdIsCheckedAsTypedAndAFreeOneProposed() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        try Self.catalogue(kiosk, "NDPARIS,ville,Cathédrale,Parvis,fr,kiosk\n")
        func status(_ id: String) throws -> [String: String] {
            let response = kiosk.request(.get, "/admin/signs/id?id=\(id)", cookie: session.id)
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
            return try JSONDecoder().decode([String: String].self, from: Data(response.bodyBytes))
        }
        let taken = try status("ndparis")
        #expect(taken["status"] == "taken")
        #expect(taken["title"] == "Cathédrale de Clermont")
        #expect(taken["proposal"] == "NDPARIS2")
        #expect(taken["message"]?.contains("NDPARIS est déjà le panneau de « Cathédrale de Clermont »") == true)
        #expect(try status("VOLVIC")["status"] == "free")
        let invalid = try status("Notre%20Dame!")
        #expect(invalid["status"] == "invalid")
        #expect(invalid["proposal"] == "NOTREDAME")
        // Without an id, the form proposes a free one from the title.
        let page = kiosk.request(.get, "/admin/signs?book=ville&article=Cath%C3%A9drale", cookie: session.id).bodyText
        #expect(page.contains("<h2>Aperçu · <code>CATHCLERMONT</code></h2>"), "\(page)")
        // Adding under a taken id is refused, with whose it is.
        let clash = kiosk.request(.post, "/admin/signs/add", cookie: session.id,
                                  form: [("csrf", session.csrf), ("book", "ville"), ("article", "Accueil"), ("id", "NDPARIS")])
        #expect(clash.status == 409)
        #expect(clash.bodyText.contains("NDPARIS est déjà le panneau de « Cathédrale de Clermont »"))
    }

    @Test func theArticleIsATitleThePlaceIsOptionalAndNothingInternalIsPrinted() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        try Self.catalogue(kiosk, "")
        // Picked by its title, without a place.
        let added = kiosk.request(.post, "/admin/signs/add", cookie: session.id,
                                  form: [("csrf", session.csrf), ("book", "ville"), ("article", "Cathédrale de Clermont"),
                                         ("label", ""), ("id", ""), ("paper", "A5")])
        #expect(added.status == 303)
        #expect(added.headers["Location"] == "/admin/signs?added=CATHCLERMONT&paper=A5")
        let stored = try #require(SignCatalog.load(file: kiosk.options.signsFile!).sign(id: "CATHCLERMONT"))
        #expect(stored.article == "Cathédrale" && stored.label.isEmpty)
        // The page after adding starts the PDF's download and links it.
        let after = kiosk.request(.get, "/admin/signs?added=CATHCLERMONT&paper=A5", cookie: session.id).bodyText
        #expect(after.contains("<meta http-equiv=\"refresh\" content=\"1;url=/admin/signs/pdf?id=CATHCLERMONT&amp;paper=A5\">"))
        // Every sign of a catalogue with paths, underscores and an old namespace: the PDF's text
        // has titles, never a path.
        try Self.catalogue(kiosk, """
            CATHCLERMONT,ville,Cathédrale,,fr,kiosk
            REDIR,ville,Cathedrale,Place de la Victoire,fr,kiosk
            QR,ville,Q&R #1?,,fr,kiosk
            JAUDE,,A/Place_de_Jaude,,fr,online\n
            """)
        guard Shell.exists("/usr/bin/pdftotext") else { return }
        for id in ["CATHCLERMONT", "REDIR", "QR", "JAUDE"] {
            let pdf = kiosk.request(.get, "/admin/signs/pdf?id=\(id)", cookie: session.id)
            #expect(pdf.status == 200, "\(id)")
            let file = kiosk.folder + "/\(id).pdf"
            try Data(pdf.bodyBytes).write(to: URL(fileURLWithPath: file))
            let text = try Shell.run("/usr/bin/pdftotext", ["-layout", file, "-"]).output
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(!text.contains("A/") && !text.contains("_"), "\(id): \(text)")
            #expect(text.range(of: #"\b\w+_\w+"#, options: .regularExpression) == nil)
            switch id {
            case "CATHCLERMONT", "REDIR": #expect(text.contains("Cathédrale de Clermont"), "\(text)")
            case "QR": #expect(text.contains("Questions & réponses #1 ?"), "\(text)")
            default: #expect(text.contains("Place de Jaude"), "\(text)")
            }
            #expect(text.contains("Place de la Victoire") == (id == "REDIR"), "\(id): the place only when given")
        }
    }

    @Test func theBookMenuOffersTheMainBookThenRemembersTheLastChoice() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        let other = try Fixtures.writeBook(at: kiosk.folder + "/atlas.zim", title: "Atlas")
        BookLoader(library: kiosk.library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                   log: Log(minimumLevel: .error) { _ in }).load(other)
        func selected(_ cookie: String? = nil) -> String? {
            var headers: [(String, String)] = []
            if let cookie { headers.append(("Cookie", "wikikiosk_admin=\(session.id); \(AdminSignDraft.bookCookie)=\(cookie)")) }
            let page = kiosk.request(.get, "/admin/signs", cookie: cookie == nil ? session.id : nil, headers: headers).bodyText
            return page.range(of: #"<option value="[^"]+" selected>"#, options: .regularExpression)
                .map { String(page[$0]).components(separatedBy: "\"")[1] }
        }
        #expect(selected() == "atlas", "the first by title without a main book")
        var settings = kiosk.settings.current
        settings.mainBooks = ["ville"]
        kiosk.settings.replace(with: settings)
        #expect(selected() == "ville")
        #expect(selected("atlas") == "atlas")
        // Choosing a book for a preview remembers it.
        let preview = kiosk.request(.get, "/admin/signs?book=atlas&article=Accueil", cookie: session.id)
        #expect(preview.headers["Set-Cookie"]?.hasPrefix("\(AdminSignDraft.bookCookie)=atlas; Path=/admin; HttpOnly") == true)
        // Papers and languages by their names.
        let page = kiosk.request(.get, "/admin/signs", cookie: session.id).bodyText
        #expect(page.contains(">A6 (105 × 148 mm)</option>") && page.contains(">Planche A4 de 6 autocollants</option>"))
        #expect(page.contains("lang=\"fr\" selected>Français</option>") && page.contains("lang=\"en\">English</option>"))
    }

    @Test func anArticleNotFoundIsSaidInTheStaffLanguageWithTheClosestTitlesToPick() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        let french = kiosk.request(.get, "/admin/signs?book=ville&article=Cathedrale%20de%20Clermon", cookie: session.id).bodyText
        #expect(french.contains("Aucun article « Cathedrale de Clermon » dans ce livre. Titres proches :"), "\(french)")
        #expect(french.contains("class=\"button choice\" href=\"/admin/signs?book=ville&amp;label=&amp;language=fr&amp;target=kiosk&amp;paper=A6&amp;article=Cath%C3%A9drale%20de%20Clermont#preview\">Cathédrale de Clermont</a>"), "\(french)")
        #expect(!french.contains("closest titles"))
        let english = kiosk.request(.get, "/admin/signs?lang=en&book=ville&article=Cathedrale%20de%20Clermon", cookie: session.id).bodyText
        #expect(english.contains("No article “Cathedrale de Clermon” in this book. Closest titles:"))
        let book = kiosk.request(.get, "/admin/signs?lang=fr&book=vile&article=Accueil", cookie: session.id).bodyText
        #expect(book.contains("Le livre « vile » n&#39;est pas sur la borne."))
        #expect(book.contains(">Choisir « ville »</a>"))
    }

    @Test func theCatalogueSaysWhichLineIsWrongAndCountsScans() throws {
        let kiosk = try AdminKiosk(stats: true)
        let session = try kiosk.login()
        try Self.catalogue(kiosk, """
            JAUDE,ville,Cathédrale,Place de Jaude,fr,kiosk
            BORNE,wikikiosk-demo,fr/Panneaux_QR,Hall,fr,kiosk
            PERDU,ville,Nulle_part,Parvis,fr,kiosk
            bad id,ville,Cathédrale,,fr,kiosk\n
            """)
        // Two scans of JAUDE, as the short link records them.
        for _ in 0..<2 { kiosk.usageLog?.record(UsageEvent(.signScan(signID: "JAUDE"), clientAddress: "10.42.0.20", userAgent: "Phone")) }
        kiosk.usageLog?.flush()
        let page = kiosk.request(.get, "/admin/signs", cookie: session.id).bodyText
        let today = try #require(kiosk.usageLog?.today().day)
        #expect(page.contains("<td class=\"n\" data-label=\"Scans\">2</td><td data-label=\"Dernier scan\">\(today)</td>"), "\(page)")
        #expect(page.contains("Prêt.</span> <a href=\"/admin/signs/pdf?id=JAUDE&amp;paper=A6\">"))
        #expect(page.contains("Le livre « wikikiosk-demo » n&#39;est pas sur la borne : ajoutez-le (page Livres) ou corrigez la ligne 3 de signs.csv."))
        #expect(page.contains("L&#39;article « Nulle part » n&#39;est pas dans « ville » : corrigez la ligne 4 de signs.csv."))
        #expect(page.contains("Ligne 5 de signs.csv à corriger : the id “bad id” must be"))
        #expect(!page.contains("/admin/signs/pdf?id=BORNE") && !page.contains("/admin/signs/pdf?id=PERDU"))
        #expect(page.contains("<td data-label=\"Dernier scan\">jamais</td>"))
    }

    @Test func theShippedCatalogueHasNoBrokenLineAndItsExamplesMatchTheDemoBook() throws {
        let shipped = try String(contentsOfFile: ConfigTests.checkoutConfig + "/signs.csv", encoding: .utf8)
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let empty = Library()
        let fresh = SignCatalog.parse(shipped)
        #expect(SignCatalogChecker.findings(fresh, composer: SignComposer(library: empty, kioskHost: "wikikiosk.lan", ssid: "Wi-Fi", publicBase: nil)).isEmpty)
        let demo = Library()
        BookLoader(library: demo, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                   log: Log(minimumLevel: .error) { _ in }).load(try DemoBook.ensureBuilt(in: folder, log: Log(minimumLevel: .error) { _ in }))
        let examples = SignCatalog.parse(shipped.replacingOccurrences(of: "\n#([A-Z]+,)", with: "\n$1", options: .regularExpression))
        #expect(examples.problems.isEmpty, "\(examples.problems)")
        #expect(Set(examples.signs.map(\.id)) == ["BORNE", "WIKI", "SIGNS", "JAUDE"])
        #expect(SignCatalogChecker.findings(examples, composer: SignComposer(library: demo, kioskHost: "wikikiosk.lan", ssid: "Wi-Fi", publicBase: nil)).isEmpty)
    }
}
