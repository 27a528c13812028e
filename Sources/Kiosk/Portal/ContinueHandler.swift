import HTTPServer

/// `/portal/continue`: the visitor chose to use the kiosk. From now on the device's probes get
/// the "online" answer, so the captive sheet closes and the phone stays on the Wi-Fi.
struct ContinueHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard Array(segments) == ["continue"] else { return ErrorPages.notFound(request: request, context: context) }
        var target = "/?continued=1"
        if let language = request.query["lang"] ?? formLanguage(request), SettingsParser.isLanguageCode(language) {
            target += "&lang=\(language)"
        }
        if request.method != .head {
            let settings = context.settings.current
            let already = context.portal.continue(request.remoteAddress ?? "local", timeout: settings.portalTimeout)
            if !already { context.usage.record(UsageEvent(.portal(.continued), from: request)) }
        }
        var response = Response.redirect(to: target, status: request.method == .post ? 303 : 302)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `lang` from an `application/x-www-form-urlencoded` body.
    private func formLanguage(_ request: Request) -> String? {
        guard request.method == .post, !request.body.isEmpty, request.body.count < 4096 else { return nil }
        return QueryParameters.parse(String(decoding: request.body, as: UTF8.self))["lang"]
    }
}
