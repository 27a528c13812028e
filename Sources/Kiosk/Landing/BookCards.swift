import ZimKit

/// The landing page's book cards: each says what the book is — its language by its own name
/// ("Français", "Беларуская") and its kind from the ZIM's `_category:` tag ("Wikipedia",
/// "Wikibooks", "Vikidia") — in an order that puts the visitor's books first: the kiosk's main
/// books (`main =` in wikikiosk.conf), the page's language, then the others, bigger books first
/// within each. Two books with the same title
/// are told apart by their date; an empty book says so and offers no dead link.
struct BookCards {
    let books: [Book]
    /// The page's language (`fr`).
    let language: String
    /// The names of the books to show first, in order (`KioskSettings.mainBooks`).
    let main: [String]
    /// The name each book is linked by (`Library.stableName(of:)`: undated for the newest
    /// edition), by book name; a book missing here is linked by its own name.
    var linkNames: [String: String] = [:]

    /// The books named in `main` first, in that order; then those in `language`, then the
    /// others; by article count (most first), then title.
    static func ordered(_ books: [Book], language: String, main: [String]) -> [Book] {
        func rank(_ book: Book) -> Int {
            main.firstIndex { $0 == book.name || $0 == book.undatedName } ?? main.count
        }
        return books.sorted { a, b in
            let aMain = rank(a), bMain = rank(b)
            if aMain != bMain { return aMain < bMain }
            let aHere = LanguageCodes.htmlLanguage(ofZimLanguage: a.language) == language
            let bHere = LanguageCodes.htmlLanguage(ofZimLanguage: b.language) == language
            if aHere != bHere { return aHere }
            if a.articleCount != b.articleCount { return a.articleCount > b.articleCount }
            return a.title < b.title
        }
    }

    /// The kind of book, named as its project names itself (`wikipedia` → "Wikipedia"); empty
    /// when the tags don't say.
    static func kind(ofCategory category: String) -> String {
        let known = ["wikipedia": "Wikipedia", "wiktionary": "Wiktionary", "wikibooks": "Wikibooks",
                     "wikivoyage": "Wikivoyage", "wikiquote": "Wikiquote", "wikisource": "Wikisource",
                     "wikinews": "Wikinews", "wikiversity": "Wikiversity", "vikidia": "Vikidia",
                     "gutenberg": "Gutenberg", "ted": "TED", "stack_exchange": "Stack Exchange"]
        if let name = known[category.lowercased()] { return name }
        return category.isEmpty ? "" : category.prefix(1).uppercased() + category.dropFirst()
    }

    func render(_ t: LandingText) -> HTML {
        let ordered = Self.ordered(books, language: language, main: main)
        var titles: [String: Int] = [:]
        for book in books { titles[book.title, default: 0] += 1 }
        let items: [HTML] = ordered.map { card($0, t, sameTitle: (titles[$0.title] ?? 0) > 1) }
        return "<section aria-labelledby=\"books\"><h2 id=\"books\">\(t["landing.books"])</h2>\n"
            + "<ul class=\"list books\">\n\(items)</ul></section>\n"
    }

    private func card(_ book: Book, _ t: LandingText, sameTitle: Bool) -> HTML {
        let name = linkNames[book.name] ?? book.name
        let bookLanguage = LanguageCodes.htmlLanguage(ofZimLanguage: book.language)
        let attribute = LanguageCodes.attribute(bookLanguage)
        let icon: HTML = book.illustrationSizes.isEmpty
            ? "<span class=\"ph\" aria-hidden=\"true\">\(String(book.title.prefix(1)))</span>"
            : "<img src=\"/catalog/v2/illustration/\(URLPath.encodeSegment(name))?size=48\" width=\"48\" height=\"48\" alt=\"\">"
        let title: HTML = sameTitle && !book.date.isEmpty ? "\(book.title) (\(book.date))" : "\(book.title)"
        let isEmpty = book.articleCount == 0 || book.mainPagePath == nil
        let link = URLPath.content(book: name, path: "")
        let heading: HTML = isEmpty
            ? "<h3\(attribute) dir=\"auto\">\(title)</h3>"
            : "<h3><a href=\"\(link)\"\(attribute) dir=\"auto\">\(title)</a></h3>"
        var facts: [HTML] = []
        let languageName = LanguageCodes.nameElement(ofZimLanguage: book.language)
        if !languageName.isEmpty { facts.append(languageName) }
        let kind = Self.kind(ofCategory: book.category)
        if !kind.isEmpty { facts.append("\(kind)") }
        facts.append(isEmpty ? t["landing.book.empty"] : t["landing.book.count", ["count": .number(Int(book.articleCount))]])
        let description: HTML = book.description.isEmpty ? .empty : "<p\(attribute) dir=\"auto\">\(book.description)</p>"
        let actions: HTML = isEmpty ? .empty : """
            <p class="acts"><a href="\(link)" aria-label="\(t.plain("landing.book.open")) – \(book.title)">\(t["landing.book.open"])</a>\
            <a href="/random?content=\(URLPath.encodeQueryValue(name))" \
            aria-label="\(t.plain("landing.book.random")) – \(book.title)">\(t["landing.book.random"])</a></p>
            """
        return "<li>\(icon)<div>\(heading)\(description)<p class=\"facts\">\(facts.joined(separator: " · "))</p>\(actions)</div></li>\n"
    }
}
