/// The Atom/OPDS documents of `/catalog/v2/…`, with the fields kiwix-serve 3.3.0 produces.
enum OPDSFeed {
    static let navigationType = "application/atom+xml;profile=opds-catalog;kind=navigation"
    static let acquisitionType = "application/atom+xml;profile=opds-catalog;kind=acquisition"
    static let entryType = "application/atom+xml;type=entry;profile=opds-catalog"
    static let searchDescriptionType = "application/opensearchdescription+xml"

    static func root(id: String, updated: String) -> HTML {
        func section(_ title: String, _ href: String, _ type: String, _ subID: String, _ text: String) -> HTML {
            """
              <entry>
                <title>\(title)</title>
                <link rel="subsection" href="\(href)" type="\(type)"/>
                <updated>\(updated)</updated>
                <id>\(subID)</id>
                <content type="text">\(text)</content>
              </entry>

            """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opds="https://specs.opds.io/opds-1.2">
              <id>\(id)</id>
              <link rel="self" href="/catalog/v2/root.xml" type="\(navigationType)"/>
              <link rel="start" href="/catalog/v2/root.xml" type="\(navigationType)"/>
              <link rel="search" href="/catalog/v2/searchdescription.xml" type="\(searchDescriptionType)"/>
              <title>OPDS Catalog Root</title>
              <updated>\(updated)</updated>

            """
            + section("All entries", "/catalog/v2/entries", acquisitionType, derivedID(id, "entries"),
                      "All entries from this catalog.")
            + section("All entries (partial)", "/catalog/v2/partial_entries", acquisitionType,
                      derivedID(id, "partial_entries"), "All entries from this catalog in partial format.")
            + section("List of categories", "/catalog/v2/categories", navigationType, derivedID(id, "categories"),
                      "List of all categories in this catalog.")
            + section("List of languages", "/catalog/v2/languages", navigationType, derivedID(id, "languages"),
                      "List of all languages in this catalog.")
            + "</feed>\n"
    }

    static func entries(id: String, selfHref: String, title: String, updated: String, total: Int, start: Int,
                        books: [CatalogBook]) -> HTML {
        var xml: HTML = acquisitionHeader(id: id, selfHref: selfHref, title: title, updated: updated, total: total,
                                    start: start, count: books.count)
        for book in books { xml += entry(book, standalone: false) }
        return xml + "</feed>\n"
    }

    /// The start of an acquisition feed (entries, partial entries), up to its first entry.
    static func acquisitionHeader(id: String, selfHref: String, title: String, updated: String, total: Int,
                                  start: Int, count: Int) -> HTML {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"
              xmlns:dc="http://purl.org/dc/terms/"
              xmlns:opds="https://specs.opds.io/opds-1.2"
              xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
          <id>\(id)</id>
          <link rel="self" href="\(selfHref)" type="\(acquisitionType)"/>
          <link rel="start" href="/catalog/v2/root.xml" type="\(navigationType)"/>
          <link rel="up" href="/catalog/v2/root.xml" type="\(navigationType)"/>
          <title>\(title)</title>
          <updated>\(updated)</updated>
          <totalResults>\(total)</totalResults>
          <startIndex>\(start)</startIndex>
          <itemsPerPage>\(count)</itemsPerPage>

        """
    }

    /// One book. `standalone`: a whole Atom entry document (with its XML declaration and namespaces).
    /// The icon is named by the book's UUID, as libkiwix names it (by name, it would not be found there).
    static func entry(_ c: CatalogBook, standalone: Bool) -> HTML {
        let book = c.book
        let icon: HTML = book.illustrationSizes.contains(48) || !book.illustrationSizes.isEmpty
            ? """
                  <link rel="http://opds-spec.org/image/thumbnail"
                        href="/catalog/v2/illustration/\(c.dashedID)/?size=48"
                        type="image/png;width=48;height=48;scale=1"/>

              """ : .empty
        // As libkiwix writes the link of a book with a download URL.
        let acquisition: HTML = c.acquisition.map { href in
            "    <link rel=\"http://opds-spec.org/acquisition/open-access\" type=\"\(DownloadHandler.contentType)\" href=\"\(href)\" length=\"\(book.fileSize)\" />\n"
        } ?? .empty
        let open: HTML = standalone
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/terms/\" xmlns:opds=\"https://specs.opds.io/opds-1.2\">\n"
            : "  <entry>\n"
        return open + """
                <id>urn:uuid:\(c.dashedID)</id>
                <title>\(book.title)</title>
                <updated>\(c.updated)</updated>
                <summary>\(book.description)</summary>
                <language>\(book.language)</language>
                <name>\(c.name)</name>
                <flavour>\(c.flavour)</flavour>
                <category>\(c.category)</category>
                <tags>\(c.tags)</tags>
                <articleCount>\(book.articleCount)</articleCount>
                <mediaCount>\(book.mediaCount)</mediaCount>
            \(icon)    <link type="text/html" href="\(URLPath.content(book: book.name, path: ""))"/>
                <author>
                  <name>\(c.creator)</name>
                </author>
                <publisher>
                  <name>\(c.publisher)</name>
                </publisher>
                <dc:issued>\(c.updated)</dc:issued>
            \(acquisition)  </entry>

            """
    }

    static let searchDescription: HTML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
          <ShortName>Zim catalog search</ShortName>
          <Description>Search zim files in the catalog.</Description>
          <Url type="\(acquisitionType)"
               xmlns:atom="http://www.w3.org/2005/Atom"
               xmlns:k="http://kiwix.org/opensearchextension/1.0"
               indexOffset="0"
               template="/catalog/v2/entries?q={searchTerms?}&amp;lang={language?}&amp;name={k:name?}&amp;tag={k:tag?}&amp;notag={k:notag?}&amp;maxsize={k:maxsize?}&amp;count={count?}&amp;start={startIndex?}"/>
        </OpenSearchDescription>

        """

    /// A UUID-shaped id derived from `text` (FNV-1a, 128 bits): stable across restarts.
    static func derivedID(_ parts: String...) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in parts.joined(separator: "|").utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ a
        }
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        return CatalogBook.dashed(hex)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
