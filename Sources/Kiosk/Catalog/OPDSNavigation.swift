/// The OPDS navigation feeds kiwix-serve 3.3.0 lists in its root besides "All entries":
/// categories, languages, and the partial entries (id, title and a link per book) Kiwix apps
/// fetch first on big catalogs.
enum OPDSNavigation {
    /// One navigation entry: a subsection of the catalog.
    struct Section {
        let title: String
        let href: String
        let id: String
        /// Extra elements (already XML) after the title, e.g. `<dc:language>`.
        var extra: HTML = .empty
        var content: String?
    }

    static func feed(id: String, selfHref: String, title: String, updated: String, sections: [Section]) -> HTML {
        var xml: HTML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"
                  xmlns:dc="http://purl.org/dc/terms/"
                  xmlns:opds="https://specs.opds.io/opds-1.2"
                  xmlns:thr="http://purl.org/syndication/thread/1.0">
              <id>\(id)</id>
              <link rel="self" href="\(selfHref)" type="\(OPDSFeed.navigationType)"/>
              <link rel="start" href="/catalog/v2/root.xml" type="\(OPDSFeed.navigationType)"/>
              <title>\(title)</title>
              <updated>\(updated)</updated>

            """
        for section in sections {
            xml += """
                  <entry>
                    <title>\(section.title)</title>
                \(section.extra)    <link rel="subsection" href="\(section.href)" type="\(OPDSFeed.acquisitionType)"/>
                    <updated>\(updated)</updated>
                    <id>\(section.id)</id>

                """
            if let content = section.content { xml += "    <content type=\"text\">\(content)</content>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// `/catalog/v2/categories`: one subsection per category of the books.
    static func categories(_ books: [CatalogBook], id: String, updated: String) -> HTML {
        let names = Set(books.map(\.category).filter { !$0.isEmpty }).sorted()
        let sections = names.map { name in
            Section(title: name, href: "/catalog/v2/entries?category=" + URLPath.encodeQueryValue(name),
                    id: OPDSFeed.derivedID(id, name), content: "All entries with category of '\(name)'.")
        }
        return feed(id: id, selfHref: "/catalog/v2/categories", title: "List of categories", updated: updated,
                    sections: sections)
    }

    /// `/catalog/v2/languages`: one subsection per language (ISO 639-3 code), with its own name
    /// and the number of books.
    static func languages(_ books: [CatalogBook], id: String, updated: String) -> HTML {
        var counts: [String: Int] = [:]
        for book in books {
            for code in Set(book.book.language.split(separator: ",").map({ $0.lowercased() })) where !code.isEmpty {
                counts[code, default: 0] += 1
            }
        }
        let sections = counts.keys.sorted().map { code in
            Section(title: LanguageCodes.name(ofISO6393: code), href: "/catalog/v2/entries?lang=" + URLPath.encodeQueryValue(code),
                    id: OPDSFeed.derivedID(id, code),
                    extra: "    <dc:language>\(code)</dc:language>\n    <thr:count>\(counts[code] ?? 0)</thr:count>\n")
        }
        return feed(id: id, selfHref: "/catalog/v2/languages", title: "List of languages", updated: updated,
                    sections: sections)
    }

    /// `/catalog/v2/partial_entries`: the entries feed with only id, title, date and a link to
    /// each book's full entry.
    static func partialEntries(id: String, selfHref: String, title: String, updated: String, total: Int, start: Int,
                               books: [CatalogBook]) -> HTML {
        var xml: HTML = OPDSFeed.acquisitionHeader(id: id, selfHref: selfHref, title: title, updated: updated, total: total,
                                             start: start, count: books.count)
        for book in books {
            xml += """
                  <entry>
                    <id>urn:uuid:\(book.dashedID)</id>
                    <title>\(book.book.title)</title>
                    <updated>\(book.updated)</updated>
                    <link rel="alternate" href="/catalog/v2/entry/\(book.dashedID)" type="\(OPDSFeed.entryType)"/>
                  </entry>

                """
        }
        return xml + "</feed>\n"
    }
}
