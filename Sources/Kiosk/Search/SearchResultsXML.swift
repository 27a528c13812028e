import HTTPServer

/// `format=xml`: libkiwix's RSS 2.0 + OpenSearch results (XML escapes as HTML does;
/// the snippet's markup is sent as escaped text, as kiwix-serve does).
enum SearchResultsXML {
    static func render(query: SearchRequest, books: [Book], outcome: SearchOutcome) -> Response {
        let pattern = query.pattern
        var xml: HTML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"
                 xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"
                 xmlns:atom="http://www.w3.org/2005/Atom">
              <channel>
                <title>Search: \(pattern)</title>
                <link>\(query.link(start: query.start, format: .xml))</link>
                <description>Search result for \(pattern)</description>
                <opensearch:totalResults>\(outcome.total)</opensearch:totalResults>
                <opensearch:startIndex>\(query.start)</opensearch:startIndex>
                <opensearch:itemsPerPage>\(query.pageLength)</opensearch:itemsPerPage>
                <atom:link rel="search" type="application/opensearchdescription+xml" href="/search/searchdescription.xml"/>
                <opensearch:Query role="request" searchTerms="\(pattern)" startIndex="\(query.start)" count="\(query.pageLength)"/>

            """
        for hit in outcome.hits {
            xml += """
                    <item>
                      <title>\(hit.title)</title>
                      <link>\(URLPath.content(book: hit.book.name, path: hit.path))</link>
                      <description>\(hit.snippet.markup)</description>
                      <book><title>\(hit.book.title)</title></book>
                      <wordCount>\(hit.wordCount)</wordCount>
                    </item>

                """
        }
        xml += "  </channel>\n</rss>\n"
        return Response.text(xml.markup, contentType: "application/rss+xml; charset=utf-8")
    }
}
