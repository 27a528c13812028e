import HTTPServer

/// Response helpers shared by the staff area's pages. Every answer is `Cache-Control: no-store`
/// (nothing of the staff area stays in a shared phone's cache), can't be framed, sends its
/// address as `Referer` to itself only, and may only run the inline script carrying this response's nonce.
enum AdminResponse {
    static let cookieName = "wikikiosk_admin"

    static func html(_ html: HTML, status: Int = 200, nonce: String) -> Response {
        var response = Response.html(html.markup, status: status)
        secure(&response, nonce: nonce)
        return response
    }

    static func json(_ text: String, status: Int = 200) -> Response {
        var response = Response.json(Array(text.utf8), status: status)
        secure(&response, nonce: nil)
        return response
    }

    /// 303 See Other (after a form post, or to the login page).
    static func redirect(_ location: String) -> Response {
        var response = Response.redirect(to: location, status: 303)
        secure(&response, nonce: nil)
        return response
    }

    /// A file to save (report, sign PDF).
    static func download(_ bytes: [UInt8], contentType: String, fileName: String) -> Response {
        var response = Response(status: 200, headers: ["Content-Type": contentType], body: .bytes(bytes))
        response.headers.set("Content-Disposition", "attachment; filename=\"\(fileName)\"")
        secure(&response, nonce: nil)
        return response
    }

    /// Adds the headers every staff-area answer carries.
    static func secure(_ response: inout Response, nonce: String?) {
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("X-Frame-Options", "DENY")
        response.headers.set("Referrer-Policy", "same-origin")
        let script = nonce.map { "'nonce-\($0)'" } ?? "'none'"
        response.headers.set("Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src \(script); "
                                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
    }

    /// `Set-Cookie` for a session id (or to clear it, with an empty id).
    static func cookie(_ id: String, maxAge: Int) -> String {
        "\(cookieName)=\(id); Path=/admin; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)"
    }
}
