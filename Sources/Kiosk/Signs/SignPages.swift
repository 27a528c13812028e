import HTTPServer

/// The page for an unknown (404) or malformed (400) short link: never a bare error, but a way
/// on — a search box (GET /search?pattern=), a link home, and the closest sign id when one is near.
enum SignPages {
    static func unknown(_ id: String, malformed: Bool, request: Request, context: KioskContext, catalog: SignCatalog) -> Response {
        let language = context.language(for: request)
        let t = { (key: String) in context.strings.html("signpage." + key, language) }
        var maybe = HTML.empty
        if !malformed, !id.isEmpty, let near = Suggestion.closest(to: id.uppercased(), in: catalog.signs.map(\.id)) {
            let link: HTML = "<a href=\"/s/\(URLPath.encodeSegment(near))\">\(near)</a>"
            maybe = "<p>\(context.strings.html("signpage.maybe", language, markup: ["sign": link]))</p>"
        }
        let body: HTML = """
            <h1>\(t("title"))</h1>
            <p>\(t(malformed ? "malformed" : "unknown"))</p>
            \(maybe)
            <form action="/search" method="get" role="search">
            <label for="pattern">\(t("search"))</label>
            <p><input type="search" id="pattern" name="pattern" autocomplete="off">
            <button type="submit">\(t("button"))</button></p>
            </form>
            <p><a href="/">\(t("home"))</a></p>
            """
        let title = context.strings.text("signpage.title", language)
        var response = Response.page(VisitorPage.render(title: title, language: language, body: body),
                                     language: language, status: malformed ? 400 : 404)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
