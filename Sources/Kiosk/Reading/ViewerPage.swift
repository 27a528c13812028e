import HTTPServer

/// `/viewer#<book>/<path>`: the current kiwix-serve's reader address, found in shared links.
/// The fragment never reaches the server, so a few lines of script open `/content/<book>/<path>`;
/// without script, a link to the kiosk's books.
struct ViewerPage: Sendable {
    let context: KioskContext

    static let script: HTML = """
        (function(){var h=location.hash.replace(/^#/,'');location.replace(h?'/content/'+h:'/');})();
        """

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard segments.allSatisfy(\.isEmpty) else { throw .notFound }
        let language = context.language(for: request)
        let strings = context.strings
        var layout = PageLayout(language: language, title: strings.text("viewer.title", language),
                                style: VisitorPage.style,
                                body: "<main><p><a href=\"/\">\(strings.html("viewer.library", language))</a></p></main>")
        layout.script = Self.script
        layout.darkStyle = VisitorPage.dark
        return Response.page(layout.render(), language: language)
    }
}
