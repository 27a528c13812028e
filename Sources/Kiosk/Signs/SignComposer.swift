import ZimKit

/// Builds what a sign shows from its catalogue line: finds the article in its book (title and
/// first paragraph), and the QR payloads from the kiosk's host name and Wi-Fi name.
public struct SignComposer: Sendable {
    public let library: Library
    /// The kiosk's canonical host (`wikikiosk.lan`, maybe with `:port`).
    public let kioskHost: String
    /// The kiosk's Wi-Fi name, for the Wi-Fi code of kiosk signs.
    public let ssid: String
    /// Base URL of the public server, for redirect signs.
    public let publicBase: String?

    public init(library: Library, kioskHost: String, ssid: String, publicBase: String?) {
        self.library = library
        self.kioskHost = kioskHost
        self.ssid = ssid
        self.publicBase = publicBase
    }

    /// The article of `sign` in its book, or why it can't be found (with the closest titles).
    public func resolve(_ sign: Sign) -> Result<(book: Book, entry: Entry), SignError> {
        guard let book = library.book(named: sign.book) else {
            let names = library.books.map(\.name)
            let closest = Suggestion.closest(to: sign.book, in: names)
            let hint = closest.map { " (did you mean “\($0)”?)" }
                ?? (names.isEmpty ? " (no book is loaded)" : " (books: \(names.prefix(6).joined(separator: ", ")))")
            return .failure(SignError("no book named “\(sign.book)”\(hint)",
                                      reason: .bookNotFound(name: sign.book, closest: closest)))
        }
        guard let entry = SignArticles.resolve(sign.article, in: book.archive) else {
            let closest = SignArticles.closestTitles(to: sign.article, in: book.archive)
            let hint = closest.isEmpty ? "" : "; closest titles: " + closest.map { "“\($0)”" }.joined(separator: ", ")
            return .failure(SignError("no article “\(sign.article)” in \(book.name)\(hint)",
                                      reason: .articleNotFound(article: sign.article, book: book.name, closest: closest)))
        }
        return .success((book, entry))
    }

    /// The title `sign` prints: its article's title in the book when found (without reading the
    /// article, as `compose` does), else the catalogue's words.
    public func title(of sign: Sign) -> String {
        var sign = sign
        if case .success(let found) = resolve(sign), !found.entry.title.isEmpty { sign.resolvedTitle = found.entry.title }
        return sign.displayTitle
    }

    /// What `sign` shows. A kiosk sign needs its article; an online or redirect sign without a
    /// book (or whose book is not here) is made from the catalogue's title alone.
    public func compose(_ sign: Sign) throws(SignError) -> SignContent {
        var sign = sign
        var extract = ""
        if !sign.book.isEmpty || sign.target == .kiosk {
            switch resolve(sign) {
            case .success(let found):
                sign.resolvedTitle = found.entry.title.isEmpty ? nil : found.entry.title
                extract = Self.extract(of: found.entry, in: found.book.archive)
            case .failure(let error):
                if sign.target == .kiosk || library.book(named: sign.book) != nil { throw error }
            }
        }
        let payload = SignLinks.qrPayload(for: sign, kioskHost: kioskHost, publicBase: publicBase)
        return SignContent(id: sign.id, title: sign.displayTitle, extract: extract, label: sign.label,
                           language: sign.language, target: sign.target, qrPayload: payload,
                           ssid: sign.target == .kiosk ? ssid : nil)
    }

    /// The first paragraph of an HTML article (at most about 1,500 characters), or "".
    static func extract(of entry: Entry, in archive: Archive) -> String {
        guard let item = try? archive.item(for: entry), item.mimeType.hasPrefix("text/html"),
              item.size < 8 << 20, let blob = try? archive.data(of: item) else { return "" }
        let paragraph = ArticleExtract.firstParagraph(html: blob.string)
        guard paragraph.count > 1500 else { return paragraph }
        return String(paragraph.prefix(1500))
    }
}
