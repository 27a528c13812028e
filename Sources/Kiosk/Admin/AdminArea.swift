import HTTPServer

/// `/admin`: the staff area (dashboard, signs, library, settings), behind a password.
///
/// Every route but the login page needs a live session; without one, pages redirect to the
/// login (303), the JSON API answers 401, and form posts 403. Every post must carry the
/// session's CSRF token and come from this site (`Origin`/`Referer`, when sent). With
/// `[admin] networks` set, other addresses get 403 for everything. Visitors' pages never link here.
struct AdminArea: Sendable {
    let context: KioskContext
    var options: AdminOptions { context.admin }

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        let settings = context.settings.current
        guard allowed(request, settings) else {
            return refusal("admin.error.network", status: 403, request)
        }
        let parts = Array(segments.filter { !$0.isEmpty })
        if parts == ["login"] { return AdminLogin(area: self).handle(request) }

        let requested = request.query["lang"].flatMap { AdminText.languages(strings).contains($0) ? $0 : nil }
        guard let id = request.cookie(AdminResponse.cookieName),
              let session = options.sessions.session(id: id, language: requested) else {
            return unauthenticated(request, parts)
        }
        if request.method == .post {
            if request.isCrossSite { return refusal("admin.error.crosssite", status: 403, request) }
            guard let token = request.form["csrf"], Sodium.constantTimeEqual(token, session.csrf) else {
                return refusal("admin.error.csrf", status: 403, request)
            }
        }
        let page = AdminPage(t: text(for: request, session: session), session: session, kioskName: settings.name)
        return route(parts, request, page) ?? notFound(page)
    }

    private func route(_ parts: [String], _ request: Request, _ page: AdminPage) -> Response? {
        let post = request.method == .post
        switch (parts.first ?? "", parts.count) {
        case ("", 0) where !post: return AdminDashboard(area: self).page(request, page)
        case ("logout", 1) where post: return logout(page)
        case ("library", _): return AdminLibraryPage(area: self).handle(Array(parts.dropFirst()), request, page)
        case ("settings", 1): return AdminSettingsPage(area: self).handle(request, page)
        case ("objectives", 1) where post: return AdminObjectivesForm(area: self).save(request, page)
        case ("session", 2) where post: return AdminSessionForms(area: self).handle(parts[1], request, page)
        case ("presenter", 1) where !post: return AdminSessionForms(area: self).presenter(request, page)
        case ("kiosk", _): return AdminKioskPage(area: self).handle(Array(parts.dropFirst()), request, page)
        case ("api", 2) where !post: return AdminDashboard(area: self).api(parts[1], request)
        case ("report", 1) where !post: return AdminDashboard(area: self).report(request, page)
        case ("signs", _): return AdminSignsPage(area: self).handle(Array(parts.dropFirst()), request, page)
        default: return nil
        }
    }

    /// No live session: the login page for pages, 401 for the API, 403 for posts.
    private func unauthenticated(_ request: Request, _ parts: [String]) -> Response {
        if parts.first == "api" {
            var response = AdminResponse.json("{\"error\": \"not signed in\"}", status: 401)
            response.headers.set("WWW-Authenticate", "Cookie realm=\"WikiKiosk staff area\"")
            return response
        }
        if request.method == .post {
            return refusal("admin.error.signin", status: 403, request)
        }
        var response = AdminResponse.redirect("/admin/login")
        if request.cookie(AdminResponse.cookieName) != nil {
            response.headers.add("Set-Cookie", AdminResponse.cookie("", maxAge: 0))
        }
        return response
    }

    private func logout(_ page: AdminPage) -> Response {
        if let session = page.session { options.sessions.remove(id: session.id) }
        var response = AdminResponse.redirect("/admin/login")
        response.headers.add("Set-Cookie", AdminResponse.cookie("", maxAge: 0))
        return response
    }

    private func notFound(_ page: AdminPage) -> Response {
        let html = page.render(title: page.t.plain("admin.notfound"), active: nil,
                               body: "<p><a href=\"/admin\">\(page.t["admin.nav.dashboard"])</a></p>")
        return AdminResponse.html(html, status: 404, nonce: page.nonce)
    }

    /// A staff-area error page: the message for `key` in the staff member's language, with the
    /// staff area's headers (no caching, no framing).
    func refusal(_ key: String, status: Int, _ request: Request, _ arguments: [String: TextArgument] = [:]) -> Response {
        let page = AdminPage(t: text(for: request, session: nil), session: nil, kioskName: context.settings.current.name)
        let body = AdminPage.notice(page.t[key, arguments], kind: "error")
            + "<p><a href=\"/admin\">\(page.t["admin.nav.dashboard"])</a></p>"
        return AdminResponse.html(page.render(title: page.t.plain("admin.error.title"), active: nil, body: body),
                                  status: status, nonce: page.nonce)
    }

    /// Whether the request's address is in `[admin] networks` (always, when none is set).
    func allowed(_ request: Request, _ settings: KioskSettings) -> Bool {
        guard !settings.adminNetworks.isEmpty else { return true }
        guard let address = request.remoteAddress else { return false }
        return settings.adminNetworks.contains { $0.contains(address) }
    }

    /// The kiosk's strings with the `[texts]` overrides, as the landing page shows them.
    var strings: StringCatalog { context.strings }

    /// The language for this request: `?lang=`, else the session's choice, else the browser's.
    func text(for request: Request, session: AdminSessions.Session?) -> AdminText {
        let languages = AdminText.languages(strings)
        if let explicit = request.query["lang"], languages.contains(explicit) {
            return AdminText(strings: strings, language: explicit)
        }
        if let chosen = session?.language { return AdminText(strings: strings, language: chosen) }
        return AdminText(strings: strings, language: context.language(for: request))
    }
}
