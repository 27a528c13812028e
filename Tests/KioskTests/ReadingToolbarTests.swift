import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The reading toolbar on articles: where it goes, what it holds, and HTTP that stays right on
/// the decorated body (ETag, 304, Range, gzip), while `/raw/` and non-HTML entries stay exact.
@Suite("Reading toolbar in articles")
struct ReadingToolbarTests {
    let kiosk: TestKiosk
    init() throws { kiosk = try TestKiosk() }

    static let article = "/content/ville_de_test/Cath%C3%A9drale"

    @Test func everyHTMLArticleGetsOneToolbarRightAfterBody() throws {
        let response = kiosk.get(Self.article)
        #expect(response.status == 200)
        let page = response.bodyText
        #expect(Fixtures.toolbarCount(response.bodyBytes) == 1)
        let body = try #require(page.range(of: "<body>"))
        #expect(page[body.upperBound...].hasPrefix("<style>#wkbar{"), "inserted right after <body>")
        #expect(page.contains("<a class=\"wkh\" href=\"/\">WikiKiosk</a>"), "the kiosk's name, home")
        #expect(page.contains("<form action=\"/search\" method=\"get\" role=\"search\">"))
        #expect(page.contains("<button name=\"books.name\" value=\"ville_de_test\">Chercher</button>"), "this book first")
        #expect(page.contains("<button class=\"wka\">Tous les livres</button>"), "every book one tap away")
        #expect(page.contains("href=\"/random?content=ville_de_test\""))
        #expect(page.contains("Ville de test</span> · <span lang=\"fr\">Français</span>"))
        #expect(page.contains("accesskey=\"f\""))
        #expect(page.contains("<nav id=\"wkbar\" lang=\"fr\" dir=\"ltr\""))
        #expect(Fixtures.withoutToolbar(response.bodyBytes) == (try Fixtures.storedBytes(kiosk.zimPath, "Cathédrale")))
    }

    @Test func theToolbarIsSmall() throws {
        let page = kiosk.get(Self.article).bodyBytes
        let toolbar = page.count - Fixtures.withoutToolbar(page).count
        #expect(toolbar > 500 && toolbar < 2048, "\(toolbar) bytes with its style")
    }

    @Test func neverOnStyleSheetsImagesRedirectsOrRaw() throws {
        #expect(kiosk.get("/content/ville_de_test/style.css").bodyText == "body{color:#222}")
        #expect(kiosk.get("/content/ville_de_test/I/pixel.png").bodyBytes == Fixtures.tinyPNG)
        #expect(kiosk.get("/content/ville_de_test/Cathedrale").status == 302)
        let raw = kiosk.get("/raw/ville_de_test/content/Cath%C3%A9drale")
        #expect(raw.status == 200)
        #expect(raw.bodyBytes == (try Fixtures.storedBytes(kiosk.zimPath, "Cathédrale")), "/raw/ is byte-exact")
    }

    @Test func rightToLeftBooksAndKiosksGetARightToLeftBar() throws {
        let both = try TestKiosk(strings: ConfigLoader.strings(languages: ["ar", "fr"], files: [:]))
        // The book is French and the kiosk has French: the bar speaks the book's language.
        #expect(both.get(Self.article).bodyText.contains("<nav id=\"wkbar\" lang=\"fr\" dir=\"ltr\""))
        let arabicOnly = try TestKiosk(strings: ConfigLoader.strings(languages: ["ar"], files: [:]))
        let page = arabicOnly.get(Self.article).bodyText
        #expect(page.contains("<nav id=\"wkbar\" lang=\"ar\" dir=\"rtl\""))
    }

    @Test func theETagFollowsTheDecoration() throws {
        let first = kiosk.get(Self.article)
        let etag = try #require(first.headers["ETag"])
        #expect(kiosk.get(Self.article, [("If-None-Match", etag)]).status == 304)

        var renamed = kiosk.settings.current
        renamed.name = "Borne de la médiathèque"
        kiosk.settings.replace(with: renamed)
        let after = kiosk.get(Self.article)
        #expect(after.bodyText.contains(">Borne de la médiathèque</a>"))
        #expect(after.headers["ETag"] != etag, "a new name is a new page")
        #expect(kiosk.get(Self.article, [("If-None-Match", etag)]).status == 200)

        var off = renamed
        off.readingToolbar = false
        off.readingExternalLinks = false
        kiosk.settings.replace(with: off)
        let plain = kiosk.get(Self.article)
        #expect(plain.bodyBytes == (try Fixtures.storedBytes(kiosk.zimPath, "Cathédrale")), "off: exactly as stored")
        #expect(plain.headers["ETag"] != after.headers["ETag"])
    }

    @Test func rangesAreSlicesOfTheDecoratedPage() throws {
        let whole = kiosk.get(Self.article).bodyBytes
        let part = kiosk.get(Self.article, [("Range", "bytes=100-399")])
        #expect(part.status == 206)
        #expect(part.headers["Content-Range"] == "bytes 100-399/\(whole.count)")
        #expect(part.bodyBytes == Array(whole[100..<400]))
        let tail = kiosk.get(Self.article, [("Range", "bytes=-50")])
        #expect(tail.bodyBytes == Array(whole.suffix(50)))
    }

    @Test func theGzipCacheHoldsTheDecoratedPage() throws {
        let plain = kiosk.get(Self.article).bodyBytes
        for _ in 0..<3 {
            let compressed = kiosk.get(Self.article, [("Accept-Encoding", "gzip")])
            #expect(compressed.headers["Content-Encoding"] == "gzip")
            #expect(try Gunzip.decompress(compressed.bodyBytes) == plain)
        }
        #expect(kiosk.cache.byteCount > 0)
        // Renamed: the cached compressed page is not served again.
        var renamed = kiosk.settings.current
        renamed.name = "Autre nom"
        kiosk.settings.replace(with: renamed)
        let again = try Gunzip.decompress(kiosk.get(Self.article, [("Accept-Encoding", "gzip")]).bodyBytes)
        #expect(String(decoding: again, as: UTF8.self).contains(">Autre nom</a>"))
    }

    @Test func headAnswersTheDecoratedHeaders() throws {
        let get = kiosk.get(Self.article)
        let head = kiosk.get(Self.article, method: .head)
        #expect(head.status == 200)
        #expect(head.headers["ETag"] == get.headers["ETag"])
        #expect(head.headers["Content-Type"] == get.headers["Content-Type"])
    }

    @Test func theSettingsFileTurnsEachPartOff() throws {
        let (settings, problems) = SettingsParser.parse("[reading]\ntoolbar = off\nexternal-links = off\n", file: "k.conf")
        #expect(problems.isEmpty)
        #expect(!settings.readingToolbar)
        #expect(!settings.readingExternalLinks)
        let (defaults, _) = SettingsParser.parse("", file: "k.conf")
        #expect(defaults.readingToolbar && defaults.readingExternalLinks)
        let (_, wrong) = SettingsParser.parse("[reading]\ntoolbar = maybe\n", file: "k.conf")
        #expect(wrong.count == 1)
    }
}
