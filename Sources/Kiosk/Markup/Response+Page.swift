import HTTPServer

extension Response {
    /// A kiosk page: `text/html` in UTF-8, its language in `Content-Language`.
    static func page(_ html: HTML, language: String, status: Int = 200) -> Response {
        var response = Response.html(html.markup, status: status)
        response.headers.set("Content-Language", language)
        return response
    }
}
