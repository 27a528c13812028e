/// The texts the QR codes hold, and where a short link sends a phone.
public enum SignLinks {
    /// `HTTP://WIKIKIOSK.LAN/S/ID`: the kiosk's short link in upper case, so the whole URL is in
    /// the QR alphanumeric set (`0-9 A-Z $%*+-./:` and space) and the code stays small. Scheme and
    /// host are case-insensitive, and the server accepts `/S/` and ids in any case.
    public static func shortURL(host: String, id: String) -> String {
        "HTTP://\(host.uppercased())/S/\(id.uppercased())"
    }

    /// `<public-base>/S/<ID>` for `redirect` signs: scheme and host in upper case (case-insensitive),
    /// any path of the base kept as written.
    public static func publicURL(base: String, id: String) -> String {
        var base = Substring(base)
        while base.hasSuffix("/") { base = base.dropLast() }
        guard let scheme = base.range(of: "://") else { return "\(base)/S/\(id.uppercased())" }
        let rest = base[scheme.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        return base[..<scheme.upperBound].uppercased() + rest[..<slash].uppercased() + rest[slash...]
            + "/S/" + id.uppercased()
    }

    /// `https://fr.wikipedia.org/wiki/Place_de_Jaude`, the title percent-encoded as UTF-8.
    public static func wikipediaURL(language: String, title: String) -> String {
        let path = title.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_")
        return "https://\(language).wikipedia.org/wiki/\(URLPath.encodePath(path))"
    }

    /// `WIFI:T:nopass;S:<SSID>;;`: the form phone cameras join directly (open network). `\`, `;`,
    /// `,`, `:` and `"` in the name are escaped with a backslash, as the format requires.
    public static func wifiPayload(ssid: String) -> String {
        var escaped = ""
        for character in ssid {
            if "\\;,:\"".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return "WIFI:T:nopass;S:\(escaped);;"
    }

    /// A link as a person would type it: "wikikiosk.lan/s/JAUDE" for "HTTP://WIKIKIOSK.LAN/S/JAUDE"
    /// (host lowercased, scheme dropped); with `hostOnly`, "fr.wikipedia.org".
    public static func typedAddress(_ url: String, hostOnly: Bool = false) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let host = rest[..<slash].lowercased()
        guard !hostOnly else { return host }
        var path = String(rest[slash...])
        if path.hasPrefix("/S/") { path = "/s/" + path.dropFirst(3) }
        return host + path
    }

    /// What the QR code of `sign` holds.
    public static func qrPayload(for sign: Sign, kioskHost: String, publicBase: String?) -> String {
        switch sign.target {
        case .kiosk: shortURL(host: kioskHost, id: sign.id)
        case .online: wikipediaURL(language: sign.language, title: sign.displayTitle)
        case .redirect: publicBase.map { publicURL(base: $0, id: sign.id) } ?? shortURL(host: kioskHost, id: sign.id)
        }
    }

    /// The (language, title) pairs of a sign: its own first, then the other languages.
    public static func titles(of sign: Sign) -> [(language: String, title: String)] {
        [(sign.language, sign.displayTitle)] + sign.otherLanguages.map { ($0.language, $0.title) }
    }

    /// The language among the sign's that the visitor's phone prefers (`Accept-Language`
    /// order), else the sign's own.
    public static func preferredTitle(of sign: Sign, acceptLanguage: [String]) -> (language: String, title: String) {
        let titles = titles(of: sign)
        for tag in acceptLanguage {
            let primary = String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
            if let match = titles.first(where: { $0.language == primary }) { return match }
        }
        return titles[0]
    }
}

extension Sign {
    /// The article as a title: the resolved title when known, else the catalogue's text with
    /// `_` as spaces.
    /// What the sign prints as its title: the article's title in the book, else the catalogue's
    /// article without an old ZIM namespace (`A/`) and with spaces for underscores.
    public var displayTitle: String {
        if let resolvedTitle, !resolvedTitle.isEmpty { return resolvedTitle }
        var text = Substring(article)
        if text.count > 2, text.dropFirst().first == "/", text.first?.isUppercase == true { text = text.dropFirst(2) }
        return text.replacingOccurrences(of: "_", with: " ")
    }
}
