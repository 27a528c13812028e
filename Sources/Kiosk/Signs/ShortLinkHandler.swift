import HTTPServer

/// `/s/<id>` (and `/S/<ID>`, any case): a sign's QR code was scanned. Records the scan and sends
/// the phone on with a 302 that no cache keeps (every scan reaches the kiosk and is counted):
/// - `kiosk`: the article on the kiosk (`/content/<book>/<path>?from=sign`, so the article view
///   is counted as arriving from a sign); a search for its title when the book is not here;
/// - `online`: the article on Wikipedia, in the phone's language when the catalogue gives it;
/// - `redirect`: on the public server (`public-base`), the same as `online`; on a kiosk, to the
///   public server's short link (which counts it).
/// Unknown ids get a friendly 404 page with a search box; malformed ones a 400 page.
struct ShortLinkHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        let desk = context.signs
        var parts = Array(segments)
        if parts.count == 2, parts[1].isEmpty { parts.removeLast() }  // "/s/ID/"
        let catalog = desk.catalog
        guard parts.count == 1, Sign.isValidID(parts[0]) else {
            let id = parts.first ?? ""
            let malformed = parts.count > 1 || (!id.isEmpty && !Sign.isValidID(id))
            return SignPages.unknown(id, malformed: malformed, request: request, context: context, catalog: catalog)
        }
        guard let sign = catalog.sign(id: parts[0]) else {
            return SignPages.unknown(parts[0], malformed: false, request: request, context: context, catalog: catalog)
        }
        if request.method == .get {
            context.usage.record(UsageEvent(.signScan(signID: sign.id), from: request))
        }
        return PortalGate.redirect(to: destination(of: sign, request: request, template: desk.template))
    }

    func destination(of sign: Sign, request: Request, template: SignTemplate) -> String {
        switch sign.target {
        case .kiosk:
            if let book = context.library.book(named: sign.book),
               let entry = SignArticles.resolve(sign.article, in: book.archive) {
                return URLPath.content(book: context.library.stableName(of: book), path: entry.path) + "?from=sign"
            }
            return "/search?pattern=" + URLPath.encodeQueryValue(sign.displayTitle)
        case .online:
            return wikipedia(sign, request)
        case .redirect:
            if let base = template.publicBase, !Self.isHost(of: base, request.host) {
                return SignLinks.publicURL(base: base, id: sign.id).replacingOccurrences(of: "/S/", with: "/s/")
            }
            return wikipedia(sign, request)
        }
    }

    private func wikipedia(_ sign: Sign, _ request: Request) -> String {
        let choice = SignLinks.preferredTitle(of: sign, acceptLanguage: request.acceptLanguage)
        return SignLinks.wikipediaURL(language: choice.language, title: choice.title)
    }

    /// Whether `host` (the request's, lowercased, no port) is the host of the URL `base`.
    static func isHost(of base: String, _ host: String?) -> Bool {
        guard let host else { return false }
        let typed = SignLinks.typedAddress(base, hostOnly: true)
        return HostName.withoutPort(typed) == host
    }
}
