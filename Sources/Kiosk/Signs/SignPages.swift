import HTTPServer

/// The page for an unknown (404) or malformed (400) short link: never a bare error, but a way
/// on — a search box (GET /search?pattern=), a link home, and the closest sign id when one is near.
enum SignPages {
    static func unknown(_ id: String, malformed: Bool, request: Request, context: KioskContext, catalog: SignCatalog) -> Response {
        let visitor = context.language(for: request)
        let language = visitor
        let t = { (key: String) in context.strings.text("signpage." + key, language) }
        var maybe = ""
        if !malformed, !id.isEmpty, let near = Suggestion.closest(to: id.uppercased(), in: catalog.signs.map(\.id)) {
            let link = "<a href=\"/s/\(URLPath.encodeSegment(near).htmlEscaped)\">\(near.htmlEscaped)</a>"
            maybe = "<p>" + context.strings.html("signpage.maybe", language, markup: ["sign": HTML(trusted: link)]).markup + "</p>"
        }
        let body = """
            <h1>\(t("title").htmlEscaped)</h1>
            <p>\(t(malformed ? "malformed" : "unknown").htmlEscaped)</p>
            \(maybe)
            <form action="/search" method="get" role="search">
            <label for="pattern">\(t("search").htmlEscaped)</label>
            <p><input type="search" id="pattern" name="pattern" autocomplete="off">
            <button type="submit">\(t("button").htmlEscaped)</button></p>
            </form>
            <p><a href="/">\(t("home").htmlEscaped)</a></p>
            """
        var response = Response.page(VisitorPage.render(title: t("title"), language: language, body: HTML(trusted: body)),
                                     language: language, status: malformed ? 400 : 404)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Content-Language", language)
        return response
    }
}
