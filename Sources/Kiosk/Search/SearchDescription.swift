import HTTPServer

/// `/search/searchdescription.xml`: the OpenSearch description of the full-text search, which
/// every `format=xml` answer links to (`<atom:link rel="search">`), with libkiwix's template
/// parameters (`books.filter.lang`, `books.name`, `pageLength`, 0-based `start`).
enum SearchDescription {
    static let contentType = "application/opensearchdescription+xml"

    static let document: HTML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
          <ShortName>Full-text search</ShortName>
          <Description>Search the articles of every book of this kiosk.</Description>
          <Url type="application/rss+xml"
               xmlns:k="http://kiwix.org/opensearchextension/1.0"
               indexOffset="0"
               template="/search?format=xml&amp;pattern={searchTerms}&amp;books.filter.lang={language?}&amp;books.name={k:name?}&amp;pageLength={count?}&amp;start={startIndex?}"/>
          <Url type="text/html" indexOffset="0" template="/search?pattern={searchTerms}&amp;start={startIndex?}"/>
        </OpenSearchDescription>

        """

    static var response: Response {
        var response = Response.text(document.markup, contentType: contentType)
        response.headers.set("ETag", ETag.make(contentType, document.markup))
        response.headers.set("Cache-Control", "no-cache")
        return response
    }
}
