import HTTPServer

/// What the kiosk does before routing: answers connectivity probes (captive before the visitor
/// continues, online after), notes each device's activity, and answers requests for other
/// sites' names: a Wikipedia or QRpedia address opens its article from the kiosk, any other
/// gets the offline-link page (never a silent redirect home).
struct PortalGate: Sendable {
    let context: KioskContext
    let offline: OfflineLinkPage

    /// A response when the request is a probe or for another site; nil to route it normally.
    func intercept(_ request: Request) -> Response? {
        let settings = context.settings.current
        let device = request.remoteAddress ?? "local"
        let path = request.path ?? request.rawPath
        let host = request.host
        if let probe = ProbeCatalog.probe(host: host, path: path, userAgent: request.headers["User-Agent"]) {
            let before = context.portal.probe(device, timeout: settings.portalTimeout)
            if before == .unknown {
                context.usage.record(UsageEvent(.portal(.firstProbe), from: request))
            }
            if before == .continued || probe.online == .landing {
                return Self.online(probe, settings: settings)
            }
            return Self.captive(settings)
        }
        _ = context.portal.touch(device, timeout: settings.portalTimeout)
        if let host, !Self.isOwn(host, settings) {
            return outside(host: host, path: path, request, settings)
        }
        return nil
    }

    /// A request for another site's name.
    /// Links and redirects name the kiosk in full: relative ones would stay on the other name.
    private func outside(host: String, path: String, _ request: Request, _ settings: KioskSettings) -> Response {
        let kiosk = String(settings.canonicalURL.dropLast())
        if let address = WikipediaAddress(host: host, path: path) {
            return Self.redirect(to: kiosk + offline.articles.destination(of: address))
        }
        let target = request.target.hasPrefix("/") ? request.target : "/"
        return offline.render("http://" + host + target, language: context.language(for: request), kiosk: kiosk)
    }

    /// Whether `host` (lowercased, without port) names this kiosk: its canonical name (and that
    /// name's first label), its aliases, its hotspot address, localhost, or any IP address
    /// (so the kiosk stays reachable by address from every network it is on).
    static func isOwn(_ host: String, _ settings: KioskSettings) -> Bool {
        if HostName.isIPLiteral(host) { return true }
        let canonical = settings.canonicalHostName
        if host == canonical || host == "localhost" || host == settings.hotspot.address { return true }
        if let label = canonical.split(separator: ".").first, host == label { return true }
        return settings.aliases.contains { HostName.withoutPort($0) == host }
    }

    /// Before "continue": send the device to the landing page, which the OS shows in its sheet.
    static func captive(_ settings: KioskSettings) -> Response {
        redirect(to: settings.canonicalURL)
    }

    /// After "continue": the exact answer the probing system takes for "online".
    static func online(_ probe: Probe, settings: KioskSettings) -> Response {
        var response: Response
        switch probe.online {
        case .noContent:
            response = Response(status: 204)
        case .body(let text, let contentType):
            response = Response.text(text, contentType: contentType)
        case .landing:
            response = redirect(to: settings.canonicalURL)
        }
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// A 302 that no cache keeps, with a link for clients that show the body.
    static func redirect(to url: String) -> Response {
        let page: HTML = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>WikiKiosk</title></head>"
            + "<body><a href=\"\(url)\">\(url)</a></body></html>"
        var response = Response.html(page.markup, status: 302)
        response.headers.set("Location", url)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
