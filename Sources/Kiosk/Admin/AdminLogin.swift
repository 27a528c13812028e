import HTTPServer

/// `/admin/login`: the password form (GET) and the check (POST, field `password`).
///
/// Without a stored password the page explains how to set one and no form is offered: the
/// staff area stays closed. Wrong passwords are slowed down per device (`LoginThrottle`):
/// past the limit the answer is 429 with `Retry-After`, whatever the password. A login form
/// needs no CSRF token (there is no session yet to protect); a post from another site
/// (`Origin`/`Referer`) is refused.
struct AdminLogin {
    let area: AdminArea

    func handle(_ request: Request) -> Response {
        let settings = area.context.settings.current
        let page = AdminPage(t: area.text(for: request, session: nil), session: nil, kioskName: settings.name)
        guard let password = area.options.password, password.isSet else {
            let status = request.method == .post ? 403 : 200
            return AdminResponse.html(page.render(title: page.t.plain("admin.login.title"), active: nil,
                                                  body: noPassword(page)), status: status, nonce: page.nonce)
        }
        switch request.method {
        case .get, .head:
            if let id = request.cookie(AdminResponse.cookieName), area.options.sessions.session(id: id) != nil {
                return AdminResponse.redirect("/admin")
            }
            return form(page, message: nil, status: 200)
        case .post:
            return check(request, password, page)
        default:
            return Response.methodNotAllowed(allow: [.get, .head, .post])
        }
    }

    private func check(_ request: Request, _ password: AdminPassword, _ page: AdminPage) -> Response {
        if request.isCrossSite {
            return area.refusal("admin.error.crosssite", status: 403, request)
        }
        let device = request.remoteAddress ?? "local"
        let throttle = area.options.throttle
        if let wait = throttle.beginCheck(device) { return tooMany(page, wait: wait) }
        let given = request.form["password"] ?? ""
        guard !given.isEmpty, Self.verifying.withLock({ _ in password.verify(given) }) else {
            if let wait = throttle.failed(device) {
                area.context.log.warning("staff area: too many wrong passwords from one device; locked for \(wait) s")
                return tooMany(page, wait: wait)
            }
            return form(page, message: page.t["admin.login.wrong"], status: 401)
        }
        throttle.succeeded(device)
        let session = area.options.sessions.create(language: request.query["lang"])
        var response = AdminResponse.redirect("/admin")
        response.headers.add("Set-Cookie", AdminResponse.cookie(session.id, maxAge: Int(area.options.sessions.lifetime)))
        return response
    }

    /// One Argon2id check at a time (each takes 64 MiB for a quarter of a second): many
    /// simultaneous guesses can't exhaust a Pi's memory.
    private static let verifying = Mutex(())

    private func tooMany(_ page: AdminPage, wait: Int) -> Response {
        let body = AdminPage.notice(page.t["admin.login.toomany", ["count": .number(wait)]], kind: "error")
            + "<p><a href=\"/admin/login\">\(page.t["admin.login.again"])</a></p>"
        var response = AdminResponse.html(page.render(title: page.t.plain("admin.login.title"), active: nil, body: body),
                                          status: 429, nonce: page.nonce)
        response.headers.set("Retry-After", String(wait))
        return response
    }

    private func form(_ page: AdminPage, message: HTML?, status: Int) -> Response {
        let t = page.t
        let body: HTML = (message.map { AdminPage.notice($0, kind: "error") } ?? .empty) + """
            <form method="post" action="/admin/login" class="card">
            <label for="password">\(t["admin.login.password"])</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
            <button type="submit">\(t["admin.login.submit"])</button>
            </form>
            <p class="hint">\(t["admin.login.hint"])</p>
            """
        return AdminResponse.html(page.render(title: t.plain("admin.login.title"), active: nil, body: body),
                                  status: status, nonce: page.nonce)
    }

    private func noPassword(_ page: AdminPage) -> HTML {
        let t = page.t
        let config = area.options.configFile.map { " --config \(($0 as NSString).deletingLastPathComponent)" } ?? ""
        return AdminPage.notice(t["admin.setup.closed"], kind: "info") + """
            <div class="card"><p>\(t["admin.setup.how"])</p>
            <p><code>sudo wikikiosk admin set-password\(config)</code></p>
            <p class="hint">\(t["admin.setup.after"])</p></div>
            """
    }
}

import Foundation
import Synchronization
