import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Kiosk
import Testing

@Suite struct CatalogTests {
    static let atom = "http://www.w3.org/2005/Atom"

    static func kiosk() throws -> SearchKiosk {
        try SearchKiosk(books: [
            ("ville.zim", { try Fixtures.writeBook(at: $0) }),
            ("corpus.zim", { try LazyTitleCorpus.write(to: $0) }),
        ])
    }

    static func document(_ kiosk: SearchKiosk, _ target: String, type: String) throws -> XMLDocument {
        let response = kiosk.get(target)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix(type) == true, "\(target)")
        return try XMLDocument(data: Data(response.bodyBytes))
    }

    static func children(_ element: XMLElement?, _ name: String) -> [XMLElement] {
        elements(element, name, uri: atom)
    }

    /// An attribute's value (FoundationXML's `attribute(forName:)` misses attributes of elements
    /// in a default namespace).
    static func attribute(_ element: XMLElement?, _ name: String) -> String? {
        element?.attributes?.first { $0.name == name }?.stringValue
    }

    /// Child elements by namespace and local name (FoundationXML's `elements(forLocalName:uri:)`
    /// misses empty elements).
    static func elements(_ element: XMLElement?, _ name: String, uri: String) -> [XMLElement] {
        (element?.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name && ($0.uri ?? uri) == uri }
    }

    @Test func rootIsAnAtomNavigationFeed() throws {
        let kiosk = try Self.kiosk()
        let document = try Self.document(kiosk, "/catalog/v2/root.xml", type: "application/atom+xml;profile=opds-catalog;kind=navigation")
        let feed = try #require(document.rootElement())
        #expect(feed.localName == "feed" && feed.uri == Self.atom)
        #expect(Self.children(feed, "id").count == 1 && Self.children(feed, "updated").count == 1)
        let links = Self.children(feed, "link").compactMap { Self.attribute($0, "href") }
        #expect(links.contains("/catalog/v2/searchdescription.xml"))
        let entry = try #require(Self.children(feed, "entry").first)
        #expect(Self.attribute(Self.children(entry, "link").first, "href") == "/catalog/v2/entries")
    }

    @Test func entriesListEveryBookWithItsMetadata() throws {
        let kiosk = try Self.kiosk()
        let document = try Self.document(kiosk, "/catalog/v2/entries", type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
        let feed = try #require(document.rootElement())
        let entries = Self.children(feed, "entry")
        #expect(entries.count == 2)
        #expect(Self.children(feed, "totalResults").first?.stringValue == "2")
        let ville = try #require(entries.first { Self.children($0, "title").first?.stringValue == "Ville de test" })
        let book = try #require(kiosk.library.book(named: "ville"))
        func field(_ name: String) -> String? { Self.children(ville, name).first?.stringValue }
        #expect(field("id") == "urn:uuid:" + CatalogBook.dashed(book.id))
        #expect(field("summary") == "Un livre de test")
        #expect(field("language") == "fra")
        #expect(field("articleCount") == String(book.articleCount))
        #expect(field("updated") == "2026-11-21T00:00:00Z")
        #expect(field("tags")?.contains("_ftindex:yes") == true)
        let issued = Self.elements(ville, "issued", uri: "http://purl.org/dc/terms/")
        #expect(issued.first?.stringValue == "2026-11-21T00:00:00Z")
        let links = Self.children(ville, "link")
        let thumbnail = try #require(links.first { Self.attribute($0, "rel") == "http://opds-spec.org/image/thumbnail" })
        let icon = try #require(Self.attribute(thumbnail, "href"))
        #expect(kiosk.get(icon).status == 200)
        #expect(kiosk.get(icon).headers["Content-Type"] == "image/png")
        #expect(links.contains { Self.attribute($0, "type") == "text/html"
            && Self.attribute($0, "href") == "/content/ville/" })
    }

    @Test func filtersAndPaging() throws {
        let kiosk = try Self.kiosk()
        func titles(_ target: String) throws -> [String] {
            let feed = try Self.document(kiosk, target, type: "application/atom+xml").rootElement()
            return Self.children(feed, "entry").compactMap { Self.children($0, "title").first?.stringValue }
        }
        #expect(try titles("/catalog/v2/entries?q=paresseux") == ["Corpus paresseux"])
        #expect(try titles("/catalog/v2/entries?q=VILLE") == ["Ville de test"])
        #expect(try titles("/catalog/v2/entries?lang=fra").count == 2)
        #expect(try titles("/catalog/v2/entries?lang=eng").isEmpty)
        #expect(try titles("/catalog/v2/entries?count=1").count == 1)
        #expect(try titles("/catalog/v2/entries?start=1&count=5").count == 1)
        #expect(kiosk.get("/catalog/v2/entries?count=x").status == 400)
    }

    @Test func singleEntryAndSearchDescription() throws {
        let kiosk = try Self.kiosk()
        let book = try #require(kiosk.library.book(named: "corpus"))
        let entry = try Self.document(kiosk, "/catalog/v2/entry/\(CatalogBook.dashed(book.id))", type: "application/atom+xml;type=entry")
        #expect(entry.rootElement()?.localName == "entry" && entry.rootElement()?.uri == Self.atom)
        #expect(Self.children(entry.rootElement(), "title").first?.stringValue == "Corpus paresseux")
        #expect(kiosk.get("/catalog/v2/entry/00000000-0000-0000-0000-000000000000").status == 404)
        #expect(kiosk.get("/catalog/v2/nothing").status == 404)
        #expect(kiosk.get("/catalog/v1/root.xml").status == 404)
        let description = try Self.document(kiosk, "/catalog/v2/searchdescription.xml", type: "application/opensearchdescription+xml")
        let url = Self.elements(description.rootElement(), "Url", uri: "http://a9.com/-/spec/opensearch/1.1/").first
        #expect(Self.attribute(url, "template")?.hasPrefix("/catalog/v2/entries?q={searchTerms?}&lang=") == true)
        // Every filter libkiwix 14.2 takes, as it names them.
        for filter in ["name={k:name?}", "tag={k:tag?}", "notag={k:notag?}", "maxsize={k:maxsize?}"] {
            #expect(Self.attribute(url, "template")?.contains("&" + filter) == true, "\(filter)")
        }
        // The filters work: a size limit below every book leaves none; notag leaves out tagged books.
        let none = try Self.document(kiosk, "/catalog/v2/entries?maxsize=1", type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
        #expect(Self.children(none.rootElement(), "entry").isEmpty)
        #expect(kiosk.get("/catalog/v2/entries?maxsize=lots").status == 400)
        let all = try Self.document(kiosk, "/catalog/v2/entries", type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
        let notVille = try Self.document(kiosk, "/catalog/v2/entries?notag=ville", type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
        #expect(Self.children(notVille.rootElement(), "entry").count == Self.children(all.rootElement(), "entry").count - 1)
        let listed = try Self.document(kiosk, "/catalog/v2/entries?category=jazz,wikivoyage", type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
        #expect(Self.children(listed.rootElement(), "entry").count == 1)
        #expect(kiosk.usage.all.contains { if case .catalog(kind: "entry") = $0.kind { true } else { false } })
    }

    /// Tags as libkiwix 14.2 writes them (its own ParseTagTest cases, but `_ftindex` defaulting to
    /// what the book really has).
    @Test func tagsAreNormalisedAsLibkiwixDoes() {
        func tags(_ raw: String, _ index: Bool = false) -> String { CatalogBook.normalisedTags(raw, hasFullTextIndex: index) }
        #expect(tags("") == "_ftindex:no;_pictures:yes;_videos:yes;_details:yes")
        #expect(tags("_category:foo;bar") == "_category:foo;bar;_ftindex:no;_pictures:yes;_videos:yes;_details:yes")
        #expect(tags("_ftindex:yes;_pictures:no;_videos:no;_details:no;_category:foo;bar")
            == "_ftindex:yes;_pictures:no;_videos:no;_details:no;_category:foo;bar")
        #expect(tags("_ftindex;nopic;novid;nodet;foo;bar") == "_ftindex:yes;_pictures:no;_videos:no;_details:no;foo;bar")
        #expect(tags("wikipedia", true) == "wikipedia;_ftindex:yes;_pictures:yes;_videos:yes;_details:yes")
    }

    /// Catalog answers can be revalidated: an ETag of their bytes, 304 when the client has them,
    /// a new tag when the library changes.
    @Test func catalogAnswersCarryAnETagAndGive304() throws {
        let kiosk = try Self.kiosk()
        for target in ["/catalog/v2/entries", "/catalog/v2/root.xml", "/catalog/v2/entries?lang=fra&count=1"] {
            let first = kiosk.get(target)
            let etag = try #require(first.headers["ETag"], "\(target)")
            #expect(etag.hasPrefix("\""))
            let again = kiosk.get(target, [("If-None-Match", etag)])
            #expect(again.status == 304, "\(target)")
            #expect(again.bodyBytes.isEmpty)
            #expect(kiosk.get(target, [("If-None-Match", "\"stale\"")]).status == 200)
        }
        let all = try #require(kiosk.get("/catalog/v2/entries").headers["ETag"])
        #expect(kiosk.get("/catalog/v2/entries?count=1").headers["ETag"] != all)
        // With gzip the body is another byte sequence, with its own tag, also answered 304.
        let gzipped = kiosk.get("/catalog/v2/entries", [("Accept-Encoding", "gzip")])
        #expect(gzipped.headers["Content-Encoding"] == "gzip")
        let gzipTag = try #require(gzipped.headers["ETag"])
        #expect(gzipTag != all)
        #expect(kiosk.get("/catalog/v2/entries", [("Accept-Encoding", "gzip"), ("If-None-Match", gzipTag)]).status == 304)
    }

    @Test func rootListsTheNavigationFeedsKiwixServeHas() throws {
        let kiosk = try Self.kiosk()
        let document = try Self.document(kiosk, "/catalog/v2/root.xml", type: "application/atom+xml;profile=opds-catalog;kind=navigation")
        let hrefs = Self.children(document.rootElement(), "entry").compactMap { Self.attribute(Self.children($0, "link").first, "href") }
        #expect(hrefs == ["/catalog/v2/entries", "/catalog/v2/partial_entries", "/catalog/v2/categories", "/catalog/v2/languages"])
        // Every one of them answers a feed that parses.
        for href in hrefs.dropFirst() {
            let type = href.hasSuffix("entries") ? "application/atom+xml;profile=opds-catalog;kind=acquisition"
                                                 : "application/atom+xml;profile=opds-catalog;kind=navigation"
            #expect(try Self.document(kiosk, href, type: type).rootElement()?.localName == "feed", "\(href)")
        }
    }

    @Test func languagesFeedCountsBooksPerLanguageWithItsOwnName() throws {
        let kiosk = try Self.kiosk()
        let document = try Self.document(kiosk, "/catalog/v2/languages", type: "application/atom+xml;profile=opds-catalog;kind=navigation")
        let entries = Self.children(document.rootElement(), "entry")
        #expect(entries.count == 1)
        let french = try #require(entries.first)
        #expect(Self.children(french, "title").first?.stringValue == "Français")
        #expect(Self.elements(french, "language", uri: "http://purl.org/dc/terms/").first?.stringValue == "fra")
        #expect(Self.elements(french, "count", uri: "http://purl.org/syndication/thread/1.0").first?.stringValue == "2")
        let href = try #require(Self.attribute(Self.children(french, "link").first, "href"))
        #expect(href == "/catalog/v2/entries?lang=fra")
        let filtered = try Self.document(kiosk, href, type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
        #expect(Self.children(filtered.rootElement(), "entry").count == 2)
    }

    @Test func categoriesFeedLinksToEntriesOfEachCategory() throws {
        let kiosk = try Self.kiosk()
        let document = try Self.document(kiosk, "/catalog/v2/categories", type: "application/atom+xml;profile=opds-catalog;kind=navigation")
        let entries = Self.children(document.rootElement(), "entry")
        #expect(entries.compactMap { Self.children($0, "title").first?.stringValue } == ["wikivoyage"])
        for entry in entries {
            let category = try #require(Self.children(entry, "title").first?.stringValue)
            let href = try #require(Self.attribute(Self.children(entry, "link").first, "href"))
            #expect(href == "/catalog/v2/entries?category=" + URLPath.encodeQueryValue(category))
            let filtered = try Self.document(kiosk, href, type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
            #expect(Self.children(filtered.rootElement(), "entry").count == 1, "\(category)")
        }
    }

    @Test func partialEntriesHoldIdTitleAndALinkToTheFullEntry() throws {
        let kiosk = try Self.kiosk()
        let document = try Self.document(kiosk, "/catalog/v2/partial_entries?count=1", type: "application/atom+xml;profile=opds-catalog;kind=acquisition")
        let feed = document.rootElement()
        #expect(Self.children(feed, "totalResults").first?.stringValue == "2")
        let entries = Self.children(feed, "entry")
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(Self.children(entry, "summary").isEmpty, "partial: no summary")
        let id = try #require(Self.children(entry, "id").first?.stringValue)
        let link = try #require(Self.children(entry, "link").first)
        #expect(Self.attribute(link, "rel") == "alternate")
        let href = try #require(Self.attribute(link, "href"))
        #expect("urn:uuid:" + href.replacingOccurrences(of: "/catalog/v2/entry/", with: "") == id)
        #expect(kiosk.get(href).status == 200)
    }
}
