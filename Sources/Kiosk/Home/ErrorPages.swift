import Foundation
import HTTPServer

/// The 404 and 400 pages: in the visitor's language, with a way to search and go home.
enum ErrorPages {
    static func notFound(request: Request, context: KioskContext) -> Response {
        let language = context.language(for: request)
        let body = """
            <h1>\(context.strings.text("notfound.title", language).htmlEscaped)</h1>
            <p><a href="/">\(context.strings.text("notfound.home", language).htmlEscaped)</a></p>
            """
        return page(status: 404, titleKey: "notfound.title", body: body, language: language, context: context)
    }

    static func bookNotFound(_ name: String, request: Request, context: KioskContext) -> Response {
        let language = context.language(for: request)
        let message = context.strings.text("notfound.nobook", language, ["name": .text(name)])
        let body = """
            <h1>\(context.strings.text("notfound.title", language).htmlEscaped)</h1>
            <p>\(message.htmlEscaped)</p>
            <p><a href="/">\(context.strings.text("notfound.home", language).htmlEscaped)</a></p>
            """
        return page(status: 404, titleKey: "notfound.title", body: body, language: language, context: context)
    }

    static func entryNotFound(book: Book, path: String, request: Request, context: KioskContext) -> Response {
        let language = context.language(for: request)
        let l = context.strings
        let words = Self.searchWords(fromPath: path)
        let search = "/search?content=\(URLPath.encodeQueryValue(book.name))&pattern=\(URLPath.encodeQueryValue(words))"
        let body = """
            <h1>\(l.text("notfound.title", language).htmlEscaped)</h1>
            <p>\(l.text("notfound.body", language, ["book": .text(book.title)]).htmlEscaped)</p>
            <p><a href="\(search.htmlEscaped)">\(l.text("notfound.search", language, ["words": .text(words)]).htmlEscaped)</a></p>
            <p><a href="/">\(l.text("notfound.home", language).htmlEscaped)</a></p>
            """
        return page(status: 404, titleKey: "notfound.title", body: body, language: language, context: context)
    }

    /// "A/Victor_Hugo.html" → "Victor Hugo": what the visitor was probably looking for.
    static func searchWords(fromPath path: String) -> String {
        var last = String(path.split(separator: "/").last ?? "")
        if let dot = last.lastIndex(of: "."), last[dot...].count <= 5 { last = String(last[..<dot]) }
        return last.replacingOccurrences(of: "_", with: " ")
    }

    private static func page(status: Int, titleKey: String, body: String, language: String,
                             context: KioskContext) -> Response {
        var response = Response.page(
            VisitorPage.render(title: context.strings.text(titleKey, language), language: language, body: HTML(trusted: body)),
            language: language, status: status)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Content-Language", language)
        return response
    }
}
