import Foundation
import HTTPServer
import Testing
@testable import Kiosk

@Suite("Content routes")
struct ContentRouteTests {
    let kiosk: TestKiosk
    init() throws { kiosk = try TestKiosk() }

    @Test func bookNameComesFromTheFileName() {
        #expect(kiosk.library.book(named: "ville_de_test") != nil)
        #expect(BookNaming.name(forFile: "/x/corner_cases#&.zim") == "corner_cases#&")
        #expect(BookNaming.name(forFile: "/x/Ma bibliothèque.ZIM") == "Ma_bibliotheque")
    }

    @Test func servesStoredBytesWithMimeType() throws {
        let response = kiosk.get("/content/ville_de_test/I/pixel.png")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "image/png")
        #expect(response.bodyBytes == Fixtures.tinyPNG)
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test func percentEncodedAccentsAndSpecialCharacters() throws {
        let accented = kiosk.get("/content/ville_de_test/Cath%C3%A9drale")
        #expect(accented.status == 200)
        #expect(Fixtures.withoutToolbar(accented.bodyBytes) == (try Fixtures.storedBytes(kiosk.zimPath, "Cathédrale")))
        let special = kiosk.get("/content/ville_de_test/Q%26R%20%231%3F")
        #expect(special.status == 200)
        #expect(special.bodyText.contains("Questions"))
    }

    @Test func redirectEntryGives302ToTarget() {
        let response = kiosk.get("/content/ville_de_test/Cathedrale")
        #expect(response.status == 302)
        #expect(response.headers["Location"] == "/content/ville_de_test/Cath%C3%A9drale")
    }

    @Test func bookAloneGoesToMainPage() {
        for target in ["/content/ville_de_test", "/content/ville_de_test/"] {
            let response = kiosk.get(target)
            #expect(response.status == 302)
            #expect(response.headers["Location"] == "/content/ville_de_test/Accueil")
        }
    }

    @Test func oldNamespacedPathsResolve() {
        #expect(kiosk.get("/content/ville_de_test/A/Accueil").status == 200)
        #expect(kiosk.get("/content/ville_de_test/C/Accueil").status == 200)
        #expect(kiosk.get("/content/ville_de_test/-/style.css").status == 200)
    }

    @Test func unknownPathIsALocalizedHTML404WithSearchLink() {
        let french = kiosk.get("/content/ville_de_test/Victor_Hugo", [("Accept-Language", "fr-FR,fr;q=0.9")])
        #expect(french.status == 404)
        #expect(french.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(french.bodyText.contains("Page introuvable"))
        #expect(french.bodyText.contains("/search?content=ville_de_test&amp;pattern=Victor%20Hugo"))
        let english = kiosk.get("/content/ville_de_test/Victor_Hugo", [("Accept-Language", "en-GB,en;q=0.8")])
        #expect(english.bodyText.contains("Page not found"))
        #expect(english.bodyText.contains("lang=\"en\""))
    }

    @Test func unknownBookIs404() {
        #expect(kiosk.get("/content/nope/Accueil").status == 404)
    }

    @Test func legacyKiwixServePathsRedirect() {
        let response = kiosk.get("/ville_de_test/A/Cath%C3%A9drale")
        #expect(response.status == 302)
        #expect(response.headers["Location"] == "/content/ville_de_test/A/Cath%C3%A9drale")
        #expect(kiosk.get("/no_such_book/x").status == 404)
    }

    @Test func rawContentAndMetadata() {
        let content = kiosk.get("/raw/ville_de_test/content/I/pixel.png")
        #expect(content.status == 200)
        #expect(content.bodyBytes == Fixtures.tinyPNG)
        let title = kiosk.get("/raw/ville_de_test/meta/Title")
        #expect(title.status == 200)
        #expect(title.bodyText == "Ville de test")
        let icon = kiosk.get("/raw/ville_de_test/meta/Illustration_48x48@1")
        #expect(icon.headers["Content-Type"] == "image/png")
        #expect(icon.bodyBytes == Fixtures.tinyPNG)
        #expect(kiosk.get("/raw/ville_de_test/meta/Nope").status == 404)
        #expect(kiosk.get("/raw/ville_de_test/content/Cathedrale").status == 302)
    }

    @Test func bigUncompressedItemIsSentFromTheFile() {
        let response = kiosk.get("/content/ville_de_test/I/big.jpg")
        #expect(response.status == 200)
        if case .file = response.body {} else { Issue.record("expected a sendfile body, got \(response.body)") }
        #expect(response.bodyBytes == Fixtures.bigImage)
    }

    @Test func randomGoesToAnArticle() {
        let response = kiosk.get("/random?content=ville_de_test")
        #expect(response.status == 302)
        let location = response.headers["Location"] ?? ""
        #expect(location.hasPrefix("/content/ville_de_test/"))
        #expect(!location.hasSuffix(".png") && !location.hasSuffix(".css") && !location.hasSuffix(".jpg"))
    }

    @Test func randomInAnUnknownBookIsA404NotAnotherBook() {
        let response = kiosk.get("/random?content=no_such_book", [("Accept-Language", "en")])
        #expect(response.status == 404)
        #expect(response.headers["Location"] == nil)
        #expect(response.bodyText.contains("No book is named “no_such_book”."))
        #expect(kiosk.get("/random").status == 302, "without a book: the first one")
    }

    @Test func illustrationByNameAndID() throws {
        let book = try #require(kiosk.library.book(named: "ville_de_test"))
        #expect(kiosk.get("/catalog/v2/illustration/ville_de_test?size=48").bodyBytes == Fixtures.tinyPNG)
        #expect(kiosk.get("/catalog/v2/illustration/\(book.id)/?size=48").status == 200)
    }
}
