import Foundation
@testable import HTTPTestSupport
import HTTPServer
import Testing
@testable import Kiosk

/// `/s/<id>` short links (redirect + scan recorded) and `/signs/<id>.pdf` files, through the router.
@Suite("QR signs: short links and files")
final class SignRouteTests {
    let folder = Fixtures.makeTemporaryDirectory()
    let spy = UsageSpy()
    let router: Router
    let book: String

    init() throws {
        let (library, book) = try SignFixtures.library(in: folder)
        self.book = book
        let text = """
            id,book,article,label,language,target
            JAUDE,\(book),Jaude,Place de Jaude,fr,kiosk
            CATH,\(book),Cathédrale Notre-Dame-de-l'Assomption de Clermont-Ferrand,Parvis,fr,online
            CATH,,Clermont-Ferrand Cathedral,,en,
            PORT,,Basilique Notre-Dame-du-Port,Rue,fr,redirect
            GONE,autre_livre,Place de Jaude,Place,fr,kiosk
            """
        var template = SignTemplate()
        template.publicBase = "https://signs.example.org"
        var settings = KioskSettings()
        settings.aliases = ["signs.example.org"]  // the same server answers as the public one too
        let context = KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                   log: Log(minimumLevel: .error), usage: spy, settings: LiveSettings(settings),
                                   signs: SignDesk(catalog: SignCatalog.parse(text), template: template))
        router = KioskRoutes.router(context)
    }

    deinit { Fixtures.cleanUp(folder) }

    func get(_ target: String, _ headers: [(String, String)] = [], method: HTTPMethod = .get) -> Response {
        router.handle(Request(method: method, target: target, headers: HTTPHeaders([("Host", "wikikiosk.lan")] + headers),
                              remoteAddress: "10.42.0.23"))
    }

    @Test func kioskSignRedirectsToTheArticleAndRecordsTheScan() {
        for target in ["/s/JAUDE", "/S/JAUDE", "/s/jaude", "/S/Jaude/"] {
            let response = get(target)
            #expect(response.status == 302, "\(target)")
            #expect(response.headers["Location"] == "/content/\(book)/Place_de_Jaude?from=sign")
            #expect(response.headers["Cache-Control"] == "no-store")
        }
        let scans = spy.recorded.map(\.kind)
        #expect(scans == Array(repeating: .signScan(signID: "JAUDE"), count: 4))
        #expect(spy.recorded.first?.clientAddress == "10.42.0.23")
        _ = get("/s/JAUDE", method: .head)
        #expect(spy.recorded.count == 4)  // HEAD is not a scan
        // The article view that follows counts as arriving from a sign.
        spy.clear()
        #expect(get("/content/\(book)/Place_de_Jaude?from=sign").status == 200)
        #expect(spy.recorded.map(\.kind) == [.articleView(book: book, path: "Place_de_Jaude", title: "Place de Jaude", arrival: .sign)])
    }

    @Test func onlineAndRedirectSignsGoToWikipediaInThePhonesLanguage() {
        let french = get("/s/CATH", [("Accept-Language", "fr-FR,fr;q=0.9")])
        #expect(french.headers["Location"] == "https://fr.wikipedia.org/wiki/Cath%C3%A9drale_Notre-Dame-de-l'Assomption_de_Clermont-Ferrand")
        let english = get("/s/CATH", [("Accept-Language", "en-US,en;q=0.8")])
        #expect(english.headers["Location"] == "https://en.wikipedia.org/wiki/Clermont-Ferrand_Cathedral")
        // On a kiosk, a redirect sign goes to the public server's short link (which counts it)…
        #expect(get("/s/PORT").headers["Location"] == "HTTPS://SIGNS.EXAMPLE.ORG/s/PORT")
        // …and on the public server itself, to Wikipedia.
        let onPublic = router.handle(Request(method: .get, target: "/S/PORT", headers: HTTPHeaders([("Host", "signs.example.org")])))
        #expect(onPublic.status == 302)
        #expect(onPublic.headers["Location"] == "https://fr.wikipedia.org/wiki/Basilique_Notre-Dame-du-Port")
        // A kiosk sign whose book is not here: a search for its title.
        #expect(get("/s/GONE").headers["Location"] == "/search?pattern=Place%20de%20Jaude")
        #expect(spy.recorded.count == 5)
    }

    @Test func unknownAndMalformedIdsGetAFriendlyPageNeverACrash() {
        spy.clear()
        let unknown = get("/s/JAUDF", [("Accept-Language", "fr")])
        #expect(unknown.status == 404)
        #expect(unknown.bodyText.contains("Panneau inconnu"))
        #expect(unknown.bodyText.contains("action=\"/search\"") && unknown.bodyText.contains("name=\"pattern\""))
        #expect(unknown.bodyText.contains("href=\"/s/JAUDE\""))  // the closest id
        let english = get("/s/NOPE", [("Accept-Language", "en")])
        #expect(english.status == 404 && english.bodyText.contains("Unknown sign"))
        for target in ["/s/%C3%A9t%C3%A9", "/s/a%20b", "/s/JAUDE/extra", "/s/" + String(repeating: "A", count: 300), "/s/..%2F..",
                       "/S/%3Cscript%3E"] {
            let response = get(target)
            #expect(response.status == 400, "\(target)")
            #expect(!response.bodyText.contains("<script>"))
        }
        #expect(get("/s/").status == 404)
        #expect(get("/s").status == 404)
        #expect(get("/s/%00").status == 400)
        #expect(get("/s/JAUDE", method: .post).status == 405)
        #expect(spy.recorded.isEmpty)
    }

    @Test func signFilesAreRenderedOnDemandAndCached() {
        let pdf = get("/signs/JAUDE.pdf")
        #expect(pdf.status == 200)
        #expect(pdf.headers["Content-Type"] == "application/pdf")
        #expect(pdf.bodyText.hasPrefix("%PDF-"))
        let etag = pdf.headers["ETag"] ?? ""
        #expect(!etag.isEmpty)
        #expect(get("/signs/jaude.pdf", [("If-None-Match", etag)]).status == 304)
        let png = get("/signs/CATH.png?paper=sticker-sheet&dpi=150")
        #expect(png.status == 200 && png.headers["Content-Type"] == "image/png")
        #expect(get("/signs/PORT.svg?paper=A4").bodyText.contains("<svg"))
        #expect(get("/signs/JAUDE.gif").status == 400)
        #expect(get("/signs/JAUDE.pdf?paper=B5").status == 400)
        #expect(get("/signs/JAUDE.pdf?dpi=9999").status == 400)
        // Only the resolutions the signs page offers: anything else would be a new render.
        for dpi in ["72", "151", "299", "abc"] { #expect(get("/signs/JAUDE.png?dpi=\(dpi)").status == 400, "\(dpi)") }
        #expect(get("/signs/NOPE.pdf").status == 404)
        #expect(get("/signs/GONE.pdf").status == 404)
        #expect(get("/signs").status == 404)
    }

    /// Renders run one at a time off the request threads with a short queue: a burst of
    /// distinct variants gets some 503s with Retry-After, never a backlog, and articles are
    /// served meanwhile.
    @Test func aBurstOfRendersIsBoundedAndArticlesStillFlow() throws {
        let variants = PaperFormat.allCases.flatMap { paper in
            SignFileHandler.resolutions.map { "/signs/JAUDE.png?paper=\(paper.rawValue)&dpi=\($0)" }
        }
        let statuses = Locked([Int: Int]())
        let retryAfters = Locked([String?]())
        let started = DispatchGroup()
        let router = router
        for target in variants {
            started.enter()
            Thread.detachNewThread {
                defer { started.leave() }
                let response = router.handle(Request(method: .get, target: target, headers: ["Host": "wikikiosk.lan"],
                                                     remoteAddress: "10.42.0.23"))
                statuses.withLock { $0[response.status, default: 0] += 1 }
                if response.status == 503 { retryAfters.withLock { $0.append(response.headers["Retry-After"]) } }
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
        let began = ContinuousClock.now
        #expect(get("/content/\(book)/Place_de_Jaude").status == 200)
        #expect(ContinuousClock.now - began < .milliseconds(500))
        started.wait()
        let counts = statuses.withLock { $0 }
        #expect((counts[503] ?? 0) > 0, "\(counts)")
        #expect((counts[200] ?? 0) >= 3, "\(counts)")
        #expect(Set(counts.keys).isSubset(of: [200, 503]), "\(counts)")
        #expect(retryAfters.withLock { $0 }.allSatisfy { $0 == String(SignFileHandler.retryAfter) })
    }
}
