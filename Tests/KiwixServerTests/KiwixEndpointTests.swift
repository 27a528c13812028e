import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPServer
import Testing
import ZimKit
@testable import HTTPTestSupport

/// libkiwix test/server.cpp, `ServerTest`: status codes, MIME types, raw entries, redirects,
/// random articles and HEAD, on the endpoints WikiKiosk shares with kiwix-serve.
@Suite("libkiwix server tests: endpoints", .enabled(if: KiwixServer.available))
struct KiwixEndpointTests {
    let server: KiwixServer

    init() throws {
        server = try KiwixServer()
    }

    /// ServerTest.200, HeadMethodIsSupported, TheResponseToHeadRequestHasNoBody,
    /// HeadersAreTheSameInResponsesToHeadAndGetRequests.
    @Test func everySharedResourceAnswers200ToGetAndHead() throws {
        for resource in KiwixResource.all {
            let get = try server.get(resource.url)
            let head = try server.head(resource.url)
            #expect(get.status == 200, "\(resource)")
            #expect(head.status == 200, "\(resource)")
            #expect(head.body.isEmpty, "\(resource)")
            #expect(Self.invariant(get.headers) == Self.invariant(head.headers), "\(resource)")
        }
    }

    /// ServerTest.404, the URLs of endpoints WikiKiosk shares (`/suggest` without a book is
    /// answered: one suggestion list over every book, see README).
    @Test func unknownBooksEntriesAndEndpointsAnswer404() throws {
        let urls = [
            "/catalog", "/catalog/", "/catalog/non-existent-item",
            "/catalog/v2/illustration/\(KiwixServer.rayCharlesID)?size=96",
            "/random", "/random?content=non-existent-book", "/random/", "/random/number",
            "/suggest?content=non-existent-book&term=abcd", "/suggest/", "/suggest/fr",
            "/search/", "/search/anythingotherthansearchdescription.xml",
            "/content/zimfile/A/non-existent-article",
            "/raw/non-existent-book/meta/Title", "/raw/zimfile/wrong-kind/Foo",
            "/raw/zimfile/meta/Favicon", "/raw/zimfile/meta/Illustration_48x48@1",
            // ServerTest.200_IdNameMapper: books are named, not addressed by UUID.
            "/content/\(KiwixServer.rayCharlesID)/A/index",
        ]
        for url in urls {
            #expect(try server.get(url).status == 404, "\(url)")
        }
    }

    /// ServerTest.400: malformed percent-encoding, unknown books and filters that select no book.
    @Test func malformedRequestsAndUnknownSearchedBooksAnswer400() throws {
        let urls = [
            "/%23%", "/%23%3",
            "/search?content=non-existing-book&pattern=asdfqwerty",
            "/search?content=non-existing-book&pattern=asd%3Cqwerty",
            "/search?books.name=non-exsitent-book&pattern=asd%3Cqwerty",
            "/search?books.id=non-exsitent-id&pattern=asd%3Cqwerty",
            "/search?books.filter.lang=unk&pattern=asd%3Cqwerty",
        ]
        for url in urls {
            #expect(try server.get(url).status == 400, "\(url)")
        }
    }

    /// ServerTest.HttpXmlError: `format=xml` errors are XML, with the status and the cause.
    @Test func searchErrorsAskedAsXmlAreXml() throws {
        let reply = try server.get("/search?format=xml&content=non-existing-book&pattern=asdfqwerty",
                                   [("Accept-Language", "en")])
        #expect(reply.status == 400)
        #expect(reply.headers["Content-Type"] == "application/xml; charset=utf-8")
        let document = try XMLDocument(data: Data(reply.body))
        #expect(document.rootElement()?.name == "error")
        #expect(reply.text.contains("non-existing-book"))
    }

    /// ServerTest.MimeTypes, the shared endpoints.
    @Test func contentTypesAreLibkiwixs() throws {
        let types = [
            "/catalog/v2/searchdescription.xml": "application/opensearchdescription+xml",
            "/search/searchdescription.xml": "application/opensearchdescription+xml",
            "/catalog/v2/root.xml": "application/atom+xml;profile=opds-catalog;kind=navigation;charset=utf-8",
            "/catalog/v2/languages": "application/atom+xml;profile=opds-catalog;kind=navigation;charset=utf-8",
            "/catalog/v2/categories": "application/atom+xml;profile=opds-catalog;kind=navigation;charset=utf-8",
            "/catalog/v2/entries": "application/atom+xml;profile=opds-catalog;kind=acquisition;charset=utf-8",
            "/catalog/v2/entry/\(KiwixServer.rayCharlesID)": "application/atom+xml;type=entry;profile=opds-catalog;charset=utf-8",
            "/suggest?content=zimfile&term=ray": "application/json; charset=utf-8",
            "/content/zimfile/I/m/Ray_Charles_classic_piano_pose.jpg": "image/jpeg",
            "/catalog/v2/illustration/\(KiwixServer.rayCharlesID)?size=48": "image/png",
        ]
        for (url, type) in types {
            #expect(try server.get(url).headers["Content-Type"] == type, "\(url)")
        }
    }

    /// ServerTest.RawEntry: metadata as stored, and entries' bytes exactly as in the ZIM.
    @Test func rawEntriesAreTheZimsBytes() throws {
        let title = try server.get("/raw/zimfile/meta/Title")
        #expect(title.status == 200)
        #expect(title.text == "Ray Charles")
        #expect(try server.get("/raw/zimfile/meta/Creator").text == "Wikipedia")
        let archive = try Archive(path: try #require(KiwixServer.zimFolder) + "/zimfile.zim")
        let stored = try archive.data(of: archive.item(for: archive.entry(path: "A/Ray_Charles"))).bytes
        let raw = try server.get("/raw/zimfile/content/A/Ray_Charles")
        #expect(raw.status == 200)
        #expect(raw.body == stored)
    }

    /// ServerTest.RedirectionsToURLsWithSpecialSymbols, BookMainPageIsRedirectedToArticleIndex,
    /// NonEndpointUrlsAreRedirectedToContentUrls (for paths that start with a book's name).
    @Test func redirectsLeadToTheEncodedTarget() throws {
        let redirects = [
            "/content/corner_cases%23%26/c_sharp.html": "/content/corner_cases%23%26/c%23.html",
            "/content/zimfile": "/content/zimfile/A/index",
            "/zimfile/A/index": "/content/zimfile/A/index",
        ]
        for (url, location) in redirects {
            let reply = try server.get(url)
            #expect(reply.status == 302, "\(url)")
            #expect(reply.headers["Location"] == location, "\(url)")
            #expect(reply.headers["ETag"] == nil, "\(url)")
        }
    }

    /// ServerTest.RandomPageRedirectsToAnExistingArticle and RandomPageRedirectionsAreUriEncoded.
    @Test func randomLeadsToAnArticleByItsEncodedAddress() throws {
        let reply = try server.get("/random?content=zimfile")
        #expect(reply.status == 302)
        #expect(reply.headers["Location"]?.hasPrefix("/content/zimfile/A/") == true)
        #expect(reply.headers["ETag"] == nil)
        var seen = Set<String>()
        for _ in 0..<30 {
            seen.insert(try server.get("/random?content=corner_cases%23%26").headers["Location"] ?? "none")
        }
        #expect(seen.contains("/content/corner_cases%23%26/c%23.html"), "\(seen)")
        #expect(seen.isSubset(of: ["/content/corner_cases%23%26/c%23.html", "/content/corner_cases%23%26/empty.html"]), "\(seen)")
    }

    /// ServerTest.500: an entry that redirects to itself is an error page, not an endless 302.
    @Test func aRedirectLoopIsAServerErrorPage() throws {
        let reply = try server.get("/content/poor/A/redirect_loop.html")
        #expect(reply.status == 500)
        #expect(reply.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(reply.text.contains("<html"))
    }

    /// ServerTest.EmptyPatternSearchDoesNotError.
    @Test func aSearchWithoutWordsIsAPage() throws {
        #expect(try server.get("/search?content=zimfile").status == 200)
    }

    /// The headers that do not change from one answer to the next (libkiwix's `invariantHeaders`).
    static func invariant(_ headers: HTTPHeaders) -> [String] {
        headers.pairs.filter { $0.name.lowercased() != "date" }.map { "\($0.name.lowercased()): \($0.value)" }.sorted()
    }
}
