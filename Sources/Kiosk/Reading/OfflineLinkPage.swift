import HTTPServer

/// `/catch/external?source=<address>` (kiwix-serve's URL for it): a link to another site was
/// followed. Says in the visitor's language that the page is on the Internet, which the kiosk
/// does not have; shows the address as text and as a QR code to open it later with mobile data;
/// offers a search of the kiosk for the address's words. A Wikipedia or QRpedia address whose
/// article is on the kiosk goes straight to it. Requests for other sites' names (a typed
/// address, an `http://` link) get the same page from the portal gate.
struct OfflineLinkPage: Sendable {
    let context: KioskContext
    let articles: WikipediaArticles

    /// Addresses longer than this are refused (a QR code holds ~2,900 bytes at level L).
    static let maximumLength = 2_000

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard Array(segments) == ["external"] else { throw .notFound }
        let source = (request.query["source"] ?? "").trimmingCharacters(in: .whitespaces)
        guard source.count <= Self.maximumLength, WikipediaAddress.split(source) != nil else {
            throw .invalidParameter("source", expects: "badrequest.address")
        }
        if let address = WikipediaAddress(url: source) {
            return PortalGate.redirect(to: articles.destination(of: address))
        }
        return render(source, language: context.language(for: request))
    }

    /// The page for `address`. `kiosk` prefixes its links: empty on the kiosk's own name, the
    /// kiosk's address (`http://wikikiosk.lan`) when the phone asked for another site's name,
    /// whose relative links would come back to this page.
    func render(_ address: String, language: String, kiosk: String = "") -> Response {
        let strings = context.strings
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> HTML { strings.html(key, language, arguments) }
        let code: HTML = (try? QRCode(address, level: .M)).map {
            $0.svg(label: strings.text("external.qr", language, ["address": .text(address)]))
        } ?? .empty
        let body: HTML = """
            <h1>\(t("external.title"))</h1>
            <p>\(t("external.offline"))</p>
            <p>\(t("external.later"))</p>
            <p class="address"><code dir="ltr">\(address)</code></p>
            <div class="qr">\(code)</div>
            <form method="get" action="\(kiosk)/search" role="search"><label for="q">\(t("external.search"))</label>
            <div class="row"><input id="q" type="search" name="pattern" value="\(Self.words(of: address))">\
            <button type="submit">\(t("search.button"))</button></div></form>
            <p><a class="big" href="\(kiosk)/">\(t("external.home"))</a></p>
            """
        var response = Response.page(VisitorPage.render(title: strings.text("external.title", language), language: language,
                                                        body: body, style: Self.style, dark: Self.dark), language: language)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// The words of an address worth searching the kiosk for: its last path segment
    /// (`/wiki/Tour_Eiffel` → "Tour Eiffel"), else the site's name (`www.ign.fr` → "ign").
    static func words(of address: String) -> String {
        guard let (host, path) = WikipediaAddress.split(address) else { return "" }
        let segment = path.split(separator: "/").last.map(String.init) ?? ""
        let stem = segment.split(separator: ".").first.map(String.init) ?? segment
        let words = stem.map { "_-+".contains($0) ? " " : $0 }.reduce(into: "") { $0.append($1) }
            .trimmingCharacters(in: .whitespaces)
        if !words.isEmpty, words.contains(where: \.isLetter) { return words }
        let labels = host.split(separator: ".").filter { $0 != "www" && $0 != "m" }
        return labels.count >= 2 ? String(labels[labels.count - 2]) : String(labels.first ?? "")
    }

    static let style: HTML = """
        .address code{display:block;overflow-wrap:anywhere;background:#fff;border:1px solid #c8ccd1;padding:.6rem;\
        border-radius:6px}\
        .qr svg{width:min(60vw,14rem);height:auto;display:block;margin:1rem auto}\
        label{display:block;font-weight:600;margin:.5rem 0 .3rem}\
        .row{display:flex;gap:.5rem}.row input{flex:1;min-width:0}\
        a.big{display:inline-block;padding:.7rem 0;min-height:2.75rem}\
        .row input,.row button{min-height:2.75rem}
        """

    /// The QR code keeps its white square: cameras read dark modules on light.
    static let dark: HTML = ".address code{background:#1e232a;border-color:#3a4350}"
}
