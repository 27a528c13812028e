import Foundation
import HTTPServer

/// Renders every `KioskError`: a page in the visitor's language with a way on (a search, the
/// home page), or — when the request asked for XML or JSON (`/search?format=xml`, `/suggest`,
/// `/api/…`, the OPDS catalog) — the same message in that format. The only place error
/// answers are written.
struct ErrorRenderer: Sendable {
    let strings: StringCatalog
    let log: Log

    /// The answer for `error` to `request`.
    func response(for error: KioskError, to request: Request) -> Response {
        if let detail = error.logMessage { log.warning(detail, cause: error.logCause ?? detail) }
        let language = strings.language(explicit: request.query["lang"], acceptLanguage: request.acceptLanguage)
        let title = strings.text(error.key + ".title", language)
        let message = strings.text(error.message, language, error.arguments)
        var response: Response
        switch Self.format(of: request) {
        case .json:
            response = Response.json(JSONText.encode(ErrorBody(status: error.status, title: title, message: message)),
                                     status: error.status)
            response.headers.set("Content-Type", "application/json; charset=utf-8")
        case .xml:
            let xml: HTML = """
                <?xml version="1.0" encoding="UTF-8"?>
                <error><status>\(error.status)</status><title>\(title)</title><message>\(message)</message></error>

                """
            response = Response(status: error.status, headers: ["Content-Type": "application/xml; charset=utf-8"],
                                body: .bytes(Array(xml.markup.utf8)))
        case .html:
            response = Response.page(page(error, title: title, message: message, language: language),
                                     language: language, status: error.status)
        }
        response.headers.set("Cache-Control", "no-store")
        for (name, value) in error.headers { response.headers.set(name, value) }
        return response
    }

    private func page(_ error: KioskError, title: String, message: String, language: String) -> HTML {
        var body: HTML = "<h1>\(title)</h1>\n"
        if error.message != "notfound.home" { body += "<p>\(message)</p>\n" }
        if let search = error.search, !search.words.isEmpty {
            var link = "/search?pattern=" + URLPath.encodeQueryValue(search.words)
            if let book = search.book { link = "/search?content=\(URLPath.encodeQueryValue(book))&pattern=\(URLPath.encodeQueryValue(search.words))" }
            let label = strings.text("notfound.search", language, ["words": .text(search.words)])
            body += "<p><a href=\"\(link)\">\(label)</a></p>\n"
        }
        body += "<p><a href=\"/\">\(strings.text("notfound.home", language))</a></p>"
        return VisitorPage.render(title: title, language: language, body: body)
    }

    private enum Format { case html, xml, json }

    /// What the client asked for: the API paths answer JSON, the catalog and `format=xml` XML.
    private static func format(of request: Request) -> Format {
        let path = request.path ?? request.rawPath
        if path.hasPrefix("/suggest") || path.hasPrefix("/api/") || request.query["format"] == "json" { return .json }
        if path.hasPrefix("/catalog/") || request.query["format"] == "xml" { return .xml }
        return .html
    }

    private struct ErrorBody: Encodable {
        let status: Int
        let title: String
        let message: String
    }

    /// "A/Victor_Hugo.html" → "Victor Hugo": what the visitor was probably looking for.
    static func searchWords(fromPath path: String) -> String {
        var last = String(path.split(separator: "/").last ?? "")
        if let dot = last.lastIndex(of: "."), last[dot...].count <= 5 { last = String(last[..<dot]) }
        return last.replacingOccurrences(of: "_", with: " ")
    }
}
