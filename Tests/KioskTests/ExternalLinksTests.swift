import Foundation
import HTTPServer
import Testing
import ZimKit
@testable import Kiosk

/// Links to other sites in articles, pointed at the offline-link page; everything else copied
/// byte for byte.
@Suite("Links that leave the kiosk")
struct ExternalLinksTests {
    static func rewrite(_ page: String, insert: String = "") -> String {
        var out: [UInt8] = []
        Array(page.utf8).withUnsafeBufferPointer {
            ExternalLinks.rewrite($0, into: &out, insertingAfterBody: Array(insert.utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func caught(_ address: String) -> String {
        "/catch/external?source=" + URLPath.encodeQueryValue(address)
    }

    @Test func externalAnchorsAndAreasAreRewritten() {
        let page = """
            <a href="https://fr.wikipedia.org/wiki/Paris">a</a><a class=x href='http://example.com/a?b=1&amp;c=2'>b</a>\
            <A HREF=//cdn.example.org/x>c</A><area shape=rect href="HTTPS://Map.example/">
            """
        let expected = """
            <a href="\(Self.caught("https://fr.wikipedia.org/wiki/Paris"))">a</a>\
            <a class=x href='\(Self.caught("http://example.com/a?b=1&c=2"))'>b</a>\
            <A HREF=\(Self.caught("https://cdn.example.org/x"))>c</A><area shape=rect href="\(Self.caught("HTTPS://Map.example/"))">
            """
        #expect(Self.rewrite(page) == expected)
    }

    @Test func localLinksAndOtherTagsAreUntouched() {
        let page = """
            <a href="Cath%C3%A9drale">x</a><a href="/content/b/p">y</a><a href="#s">z</a><a name="n">n</a>\
            <a href="mailto:a@b.fr">m</a><link rel=stylesheet href="http://cdn/x.css"><img src="http://x/i.png">\
            <base href="http://x/"><a data-href="http://x">d</a><a title="http://x" href="p">t</a>
            """
        #expect(Self.rewrite(page) == page)
    }

    @Test func commentsScriptsAndStylesAreCopiedUntouched() {
        let page = """
            <!-- <a href="http://commented"> --><script>var s='<a href="http://in-script">';</script>\
            <style>a[href^="http://"]{color:red}</style><SCRIPT type="x">"<a href='http://y'>"</SCRIPT>\
            <a href="http://after">after</a>
            """
        let result = Self.rewrite(page)
        #expect(result.contains("http://commented"))
        #expect(result.contains("http://in-script"))
        #expect(result.contains("href='http://y'"))
        #expect(result.contains("a[href^=\"http://\"]"))
        #expect(result.contains("<a href=\"\(Self.caught("http://after"))\">after</a>"))
    }

    @Test func quotedGreaterThanDoesNotEndATag() {
        let page = "<a title=\"1 > 0\" href=\"http://x.org/\">x</a>"
        #expect(Self.rewrite(page) == "<a title=\"1 > 0\" href=\"\(Self.caught("http://x.org/"))\">x</a>")
    }

    @Test func theToolbarGoesAfterTheFirstBodyOnly() {
        #expect(Self.rewrite("<html><body class=\"a>b\"><p>x</p><body>", insert: "[bar]")
                == "<html><body class=\"a>b\">[bar]<p>x</p><body>")
        #expect(Self.rewrite("<p>no body</p>", insert: "[bar]") == "<p>no body</p>", "a fragment is left alone")
        #expect(Self.rewrite("<!-- <body> --><BODY>", insert: "[bar]") == "<!-- <body> --><BODY>[bar]")
        #expect(Self.rewrite("<bodyx><body>", insert: "[bar]") == "<bodyx><body>[bar]")
    }

    @Test func truncatedAndHostilePagesNeverCrash() {
        // Cut off before a tag ends, or not a tag at all: copied as they are.
        for page in ["<", "<a", "<a href", "<a href=", "<a href=\"http://", "<!--", "<script>", "<body", "<a href='",
                     "<a\u{0}href=http://x>"] {
            #expect(Self.rewrite(page, insert: "B") == page, "\(page)")
        }
        let many = Self.rewrite(String(repeating: "<a href=http://x>", count: 1000), insert: "B")
        #expect(many == String(repeating: "<a href=\(Self.caught("http://x"))>", count: 1000))
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("<>ab/=\"' hrefHTTP:/.!-scriptbody".utf8)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...80, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            _ = Self.rewrite(String(decoding: bytes, as: UTF8.self), insert: "B")
        }
    }

    @Test func anArticleWithExternalLinksIsServedRewritten() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/liens.zim"
        var book = ZimBook(title: "Liens", language: "fra")
        book.add(article: "Liens", title: "Liens",
                 html: Fixtures.page("Liens", "<a href=\"https://www.ign.fr/cartes\">IGN</a> <a href=\"Liens\">ici</a>"))
        book.mainPath = "Liens"
        try book.write(to: path)
        let library = Library()
        BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                   log: Log(minimumLevel: .error)).load(path)
        let router = KioskRoutes.router(KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                                     log: Log(minimumLevel: .error)))
        let page = router.handle(Request(method: .get, target: "/content/liens/Liens")).bodyText
        #expect(page.contains("<a href=\"/catch/external?source=https%3A%2F%2Fwww.ign.fr%2Fcartes\">IGN</a>"))
        #expect(page.contains("<a href=\"Liens\">ici</a>"))
    }
}
