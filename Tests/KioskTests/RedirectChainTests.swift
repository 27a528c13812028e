import Foundation
import HTTPServer
import Testing
import ZimKit
@testable import Kiosk

/// Redirects are followed in one place with a hop limit: a chain becomes one 302 to its end,
/// a loop a translated 500 (never a 302 that loops in the visitor's browser).
@Suite("Redirect chains and loops")
struct RedirectChainTests {
    /// A book whose redirects chain (Deux → Un → Cathédrale) and, when libzim's writer allows
    /// it, loop (Boucle ↔ Retour).
    static func router(_ folder: String) throws -> (Router, loop: Bool) {
        let writer = try ZimWriter(path: folder + "/chaine.zim", options: ZimWriter.Options())
        try writer.addMetadata("Title", "Chaîne")
        try writer.addMetadata("Language", "fra")
        try writer.addItem(path: "Cathédrale", title: "Cathédrale", mimeType: "text/html",
                           text: "<html><body><p>Pierre de Volvic.</p></body></html>", frontArticle: true)
        try writer.addRedirect(path: "Un", title: "Un", target: "Cathédrale")
        try writer.addRedirect(path: "Deux", title: "Deux", target: "Un")
        let loop = (try? writer.addRedirect(path: "Boucle", title: "Boucle", target: "Retour")) != nil
            && (try? writer.addRedirect(path: "Retour", title: "Retour", target: "Boucle")) != nil
        try writer.finish()
        let library = Library()
        BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                   log: Log(minimumLevel: .error)).load(folder + "/chaine.zim")
        let context = KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                   log: Log(minimumLevel: .error) { _ in })
        return (KioskRoutes.router(context), loop)
    }

    @Test func aChainIsOneRedirectToItsEnd() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (router, loop) = try Self.router(folder)
        for path in ["/content/chaine/Deux", "/content/chaine/Un"] {
            let response = router.handle(Request(method: .get, target: path))
            #expect(response.status == 302, "\(path)")
            #expect(response.headers["Location"] == "/content/chaine/Cath%C3%A9drale", "\(path)")
        }
        let raw = router.handle(Request(method: .get, target: "/raw/chaine/content/Deux"))
        #expect(raw.headers["Location"] == "/raw/chaine/content/Cath%C3%A9drale")
        if loop {
            let looping = router.handle(Request(method: .get, target: "/content/chaine/Boucle", headers: ["Accept-Language": "fr"]))
            #expect(looping.status == 500)
            #expect(looping.headers["Location"] == nil)
            #expect(String(decoding: looping.bodyBytes, as: UTF8.self).contains("Lien cassé dans ce livre"))
        }
    }

    /// libzim's own test file with a real loop (`A/redirect_loop.html`), when the machine has it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/shared/zim/valid/poor.zim")))
    func theLoopOfLibzimsTestFileIsA500() throws {
        let library = Library()
        BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                   log: Log(minimumLevel: .error)).load("/work/shared/zim/valid/poor.zim")
        let book = try #require(library.book(named: "poor"))
        let entry = try book.archive.entry(path: "A/redirect_loop.html")
        #expect(book.archive.followRedirects(from: entry) == .loop)
        let router = KioskRoutes.router(KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                                     log: Log(minimumLevel: .error) { _ in }))
        let response = router.handle(Request(method: .get, target: "/content/poor/A/redirect_loop.html"))
        #expect(response.status == 500)
        #expect(response.headers["Cache-Control"] == "no-store")
    }
}
