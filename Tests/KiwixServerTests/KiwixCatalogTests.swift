import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import HTTPTestSupport

/// libkiwix test/library_server.cpp, the OPDS catalog v2, on the four test books (libkiwix
/// tests it on a library.xml that overrides their metadata; here the metadata is the ZIMs').
@Suite("libkiwix server tests: catalog v2", .enabled(if: KiwixServer.available))
struct KiwixCatalogTests {
    let server: KiwixServer
    static let atom = "http://www.w3.org/2005/Atom"

    init() throws {
        server = try KiwixServer()
    }

    func feed(_ url: String) throws -> XMLElement {
        let reply = try server.get(url)
        #expect(reply.status == 200, "\(url)")
        return try #require(try XMLDocument(data: Data(reply.body)).rootElement(), "\(url)")
    }

    static func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
        element.elements(forLocalName: name, uri: atom)
    }

    static func text(_ element: XMLElement, _ name: String) -> String? {
        element.elements(forLocalName: name, uri: atom).first?.stringValue
            ?? element.children?.first { $0.localName == name }?.stringValue
    }

    /// The element's links. Attributes are read from `attributes`: FoundationXML's
    /// `attribute(forName:)` misses them on elements of a default namespace.
    static func links(_ element: XMLElement) -> [(rel: String, href: String, type: String)] {
        children(element, "link").map { link in
            func value(_ name: String) -> String { link.attributes?.first { $0.name == name }?.stringValue ?? "" }
            return (value("rel"), value("href"), value("type"))
        }
    }

    /// catalog_v2_root: the four sections, each answering with its own kind of feed.
    @Test func theRootLeadsToEverySection() throws {
        let root = try feed("/catalog/v2/root.xml")
        let sections = Self.children(root, "entry").flatMap(Self.links)
        #expect(sections.map(\.href) == ["/catalog/v2/entries", "/catalog/v2/partial_entries",
                                         "/catalog/v2/categories", "/catalog/v2/languages"])
        for section in sections {
            let reply = try server.get(section.href)
            #expect(reply.status == 200)
            #expect(reply.headers["Content-Type"] == section.type + ";charset=utf-8", "\(section.href)")
        }
        #expect(Self.links(root).contains { $0.rel == "search" && $0.href == "/catalog/v2/searchdescription.xml" })
    }

    /// catalog_v2_entries_filtered_by_range: `start` (0-based) and `count` (-1: no limit).
    @Test func entriesPageWithStartAndCount() throws {
        let cases: [(query: String, start: Int, items: Int)] = [
            ("", 0, 4), ("?start=1", 1, 3), ("?count=-1", 0, 4), ("?count=0", 0, 0), ("?count=2", 0, 2),
            ("?start=1&count=1", 1, 1), ("?start=10", 10, 0),
        ]
        let all = Self.children(try feed("/catalog/v2/entries"), "entry").compactMap { Self.text($0, "id") }
        for (query, start, items) in cases {
            let page = try feed("/catalog/v2/entries" + query)
            let ids = Self.children(page, "entry").compactMap { Self.text($0, "id") }
            #expect(Self.text(page, "totalResults") == "4", "\(query)")
            #expect(Self.text(page, "startIndex") == String(start), "\(query)")
            #expect(Self.text(page, "itemsPerPage") == String(items), "\(query)")
            #expect(ids == Array(all.dropFirst(start).prefix(items)), "\(query)")
        }
    }

    /// catalog_v2_individual_entry_access and the entry as the entries feed lists it.
    @Test func rayCharlesEntrySaysWhatTheZimSays() throws {
        let entry = try feed("/catalog/v2/entry/\(KiwixServer.rayCharlesID)")
        #expect(Self.text(entry, "id") == "urn:uuid:\(KiwixServer.rayCharlesID)")
        #expect(Self.text(entry, "title") == "Ray Charles")
        #expect(Self.text(entry, "name") == "wikipedia_en_ray_charles")
        #expect(Self.text(entry, "language") == "eng")
        #expect(Self.text(entry, "category") == "wikipedia")
        #expect(Self.text(entry, "tags") == "wikipedia;_category:wikipedia;_pictures:no;_videos:no;_details:no;_ftindex:yes")
        #expect(Self.text(entry, "articleCount") == "129")
        #expect(Self.text(entry, "mediaCount") == "45")
        let links = Self.links(entry)
        #expect(links.contains { $0.type == "text/html" && $0.href.hasPrefix("/content/zimfile") })
        let thumbnail = try #require(links.first { $0.rel == "http://opds-spec.org/image/thumbnail" })
        #expect(thumbnail.href == "/catalog/v2/illustration/\(KiwixServer.rayCharlesID)/?size=48")
        let icon = try server.get(thumbnail.href)
        #expect(icon.status == 200)
        #expect(icon.headers["Content-Type"] == "image/png")
        #expect(Array(icon.body.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(try server.get("/catalog/v2/entry/no-such-id").status == 404)
    }

    /// catalog_v2_entries_filtered_by_language, _by_search_terms, _by_category,
    /// _multiple_filters.
    @Test func filtersSelectTheBooks() throws {
        let cases: [(query: String, names: Set<String>)] = [
            ("lang=eng", ["wikipedia_en_ray_charles"]),
            ("q=ray%20charles", ["wikipedia_en_ray_charles"]),
            ("category=wikipedia", ["wikipedia_en_ray_charles"]),
            ("category=wikipedia&lang=en", []),
            ("name=wikipedia_en_ray_charles", ["wikipedia_en_ray_charles"]),
        ]
        for (query, names) in cases {
            let page = try feed("/catalog/v2/entries?" + query)
            #expect(Set(Self.children(page, "entry").compactMap { Self.text($0, "name") }) == names, "\(query)")
        }
    }

    /// catalog_v2_partial_entries: id, title, updated and the link to the whole entry.
    @Test func partialEntriesLinkToTheirEntry() throws {
        let partial = try feed("/catalog/v2/partial_entries")
        let entries = Self.children(partial, "entry")
        #expect(entries.count == 4)
        for entry in entries {
            #expect(Self.text(entry, "summary") == nil)
            let link = try #require(Self.links(entry).first { $0.rel == "alternate" })
            #expect(link.type == "application/atom+xml;type=entry;profile=opds-catalog")
            #expect(try server.get(link.href).status == 200, "\(link.href)")
        }
    }

    /// catalog_v2_categories and catalog_v2_languages: each item's link lists as many books as
    /// the item counts.
    @Test func categoriesAndLanguagesLeadToTheirBooks() throws {
        let languages = try feed("/catalog/v2/languages")
        var counted = 0
        for entry in Self.children(languages, "entry") {
            let count = Int(entry.children?.first { $0.localName == "count" }?.stringValue ?? "") ?? -1
            let link = try #require(Self.links(entry).first { $0.rel == "subsection" })
            #expect(Self.text(try feed(link.href), "totalResults") == String(count), "\(link.href)")
            counted += count
        }
        #expect(counted == 4)
        let categories = try feed("/catalog/v2/categories")
        let links = Self.children(categories, "entry").compactMap { Self.links($0).first { $0.rel == "subsection" } }
        #expect(links.map(\.href).contains("/catalog/v2/entries?category=wikipedia"))
    }
}
