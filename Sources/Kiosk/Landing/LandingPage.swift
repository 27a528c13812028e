import Foundation
import HTTPServer

/// `/`: the landing page a phone shows when it joins the kiosk's Wi-Fi.
///
/// Tells in five seconds what this is (kiosk name and place, the welcome), offers one search box
/// over every book (a plain GET form; suggestions where JavaScript runs), the featured articles,
/// the books, how to use it and how to contribute, and the language switch. Made for captive
/// sheets: one HTML and one CSS request, no cookies, no external resource, works without JavaScript.
struct LandingPage: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard segments.allSatisfy(\.isEmpty) else { throw .notFound }
        let language = context.language(for: request)
        let settings = context.settings.current
        let state = context.portal.touch(request.remoteAddress ?? "local", timeout: settings.portalTimeout)
        if request.method == .get { context.usage.record(UsageEvent(.landingView, from: request)) }
        let explicitLanguage = request.query["lang"].map { _ in language }
        let html = render(language: language, explicitLanguage: explicitLanguage, settings: settings, portal: state,
                          justContinued: request.query["continued"] != nil, pattern: request.query["pattern"] ?? "")
        var response = Response.page(html, language: language)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Vary", "Accept-Language")
        return response
    }

    /// The whole page.
    func render(language: String, explicitLanguage: String?, settings: KioskSettings,
                portal: PortalDevices.State, justContinued: Bool, pattern: String = "") -> HTML {
        let t = LandingText(strings: context.strings.overlaid(with: settings.landingTexts), language: language)
        var notice = HTML.empty
        if portal == .probing && !justContinued {
            notice = portalBanner(t, explicitLanguage: explicitLanguage)
        } else if justContinued {
            notice = """
                <section class="card done" role="status"><p>\(t["landing.continued"])<br>\
                <strong>\(settings.canonicalURL)</strong></p></section>\n
                """
        }
        var layout = PageLayout(language: language, title: "\(settings.name) · \(t.plain("landing.welcome"))", body: """
            <a class="skip" href="#q">\(t["landing.skip"])</a>
            \(header(t, settings: settings, language: language))\
            <main id="main" class="wrap">
            \(notice)\(searchCard(t, explicitLanguage: explicitLanguage, pattern: pattern))\
            \(featured(t, settings: settings))\(books(t, language: language))\(questionnaire(t, settings: settings))\(help(t))\
            </main>
            <footer class="wrap"><p>\(t["landing.address"]) <strong>\(settings.canonicalURL)</strong></p>\
            <p>\(t["landing.privacy"])</p></footer>
            """)
        layout.head = "<meta name=\"description\" content=\"\(t.plain("landing.intro"))\">\n"
        layout.stylesheet = LandingAssets.cssURL
        layout.script = HTML(trusted: LandingScript.source)
        return layout.render()
    }

    private func header(_ t: LandingText, settings: KioskSettings, language: String) -> HTML {
        let switcher: [HTML] = offeredLanguages(settings).map { code in
            let name = context.strings.text("language.name", code)
            let direction = StringCatalog.direction(of: code)
            return code == language
                ? "<span lang=\"\(code)\" dir=\"\(direction)\" aria-current=\"true\">\(name)</span>"
                : "<a href=\"/?lang=\(code)\" lang=\"\(code)\" dir=\"\(direction)\" hreflang=\"\(code)\">\(name)</a>"
        }
        let place: HTML = settings.place.isEmpty ? .empty : "<span class=\"place\">\(settings.place)</span>"
        return """
            <header class="top"><div class="wrap bar">
            <p class="brand">\(Self.logo)<span><span class="name">\(settings.name)</span>\(place)</span></p>
            <nav class="langs" aria-label="\(t["landing.languages"])">\(switcher)</nav>
            </div></header>\n
            """
    }

    private func portalBanner(_ t: LandingText, explicitLanguage: String?) -> HTML {
        """
        <section class="card portal" aria-labelledby="portal-title">
        <h2 id="portal-title">\(t["landing.portal.title"])</h2>
        <p>\(t["landing.portal.body"])</p>
        <form method="post" action="/portal/continue">\(Self.languageField(explicitLanguage))\
        <button type="submit">\(t["landing.portal.button"])</button></form>
        </section>\n
        """
    }

    /// `pattern` pre-fills the box (a link such as `/?pattern=volcan` opens the page ready to search).
    private func searchCard(_ t: LandingText, explicitLanguage: String?, pattern: String) -> HTML {
        let value: HTML = pattern.isEmpty ? .empty : " value=\"\(String(pattern.prefix(200)))\""
        let dataLanguage: HTML = explicitLanguage.map { " data-lang=\"\($0)\"" } ?? .empty
        return """
            <section class="card">
            <h1>\(t["landing.welcome"])</h1>
            <p class="intro">\(t["landing.intro"])</p>
            <form id="search" class="search" action="/search" method="get" role="search"\(dataLanguage)>
            <label for="q">\(t["landing.search.label"])</label>
            <div class="row"><input id="q" name="pattern" type="search" autocomplete="off" autocapitalize="off" \
            enterkeyhint="search"\(value) placeholder="\(t["landing.search.placeholder"])" required>\
            \(Self.languageField(explicitLanguage))<button type="submit">\(t["landing.search.button"])</button></div>
            <ul id="sug" role="listbox" aria-label="\(t["landing.search.label"])" hidden></ul>
            <p id="sug-status" class="sr" aria-live="polite" data-texts="\(suggestionCounts(t))"></p>
            </form>
            </section>\n
            """
    }

    /// "1 suggestion|2 suggestions|…" up to the 8 the script shows, each in the language's own
    /// plural form: the script picks by position, so no plural rule has to be written in JavaScript.
    private func suggestionCounts(_ t: LandingText) -> String {
        (1...LandingScript.maximumSuggestions)
            .map { t.plain("landing.search.suggestions", ["count": .number($0)]).replacingOccurrences(of: "|", with: "/") }
            .joined(separator: "|")
    }

    private func featured(_ t: LandingText, settings: KioskSettings) -> HTML {
        let items: [HTML] = settings.featured.compactMap { article in
            guard let book = context.library.book(named: article.book) else { return nil }
            let path = book.archive.hasEntry(path: article.path) ? article.path
                : book.archive.hasEntry(path: "A/" + article.path) ? "A/" + article.path : nil
            guard let path else { return nil }
            let description: HTML = article.description.isEmpty ? .empty : "<span>\(article.description)</span>"
            return """
                <li><a href="\(URLPath.content(book: context.library.stableName(of: book), path: path))">\
                <span class="star" aria-hidden="true">\(Self.star)</span>\
                <span dir="auto"><b>\(article.title)</b>\(description)</span></a></li>\n
                """
        }
        guard !items.isEmpty else { return .empty }
        return "<section aria-labelledby=\"featured\"><h2 id=\"featured\">\(t["landing.featured"])</h2>\n"
            + "<ul class=\"list feat\">\n\(items)</ul></section>\n"
    }

    private func books(_ t: LandingText, language: String) -> HTML {
        let books = context.library.books
        guard !books.isEmpty else {
            return "<section aria-labelledby=\"books\"><h2 id=\"books\">\(t["landing.books"])</h2><p>\(t["landing.empty"])</p></section>\n"
        }
        var cards = BookCards(books: books, language: language, main: context.settings.current.mainBooks)
        cards.linkNames = Dictionary(books.map { ($0.name, context.library.stableName(of: $0)) }, uniquingKeysWith: { first, _ in first })
        guard context.settings.current.bookDownloads else { return cards.render(t) }
        return cards.render(t) + "<p class=\"takehome\"><a class=\"big\" href=\"/take-home\">\(t["takehome.link"])</a></p>\n"
    }

    /// The questionnaire's card, open and closable (no cookie remembers it), when it is on.
    private func questionnaire(_ t: LandingText, settings: KioskSettings) -> HTML {
        guard settings.questionnaire.enabled, !settings.questionnaire.questions.isEmpty else { return .empty }
        return """
            <section aria-label="\(t.plain("landing.questionnaire"))"><details class="card" open><summary>\(t["landing.questionnaire"])</summary>\
            <div><p>\(t["landing.questionnaire.body"])</p><p><a class="big" href="/questionnaire">\(t["landing.questionnaire.link"])</a></p></div></details></section>\n
            """
    }

    private func help(_ t: LandingText) -> HTML {
        """
        <section aria-label="\(t.plain("landing.help.title"))"><h2 class="sr">\(t["landing.help.title"])</h2>
        <details><summary>\(t["landing.help.title"])</summary><div><ol><li>\(t["landing.help.1"])</li>\
        <li>\(t["landing.help.2"])</li><li>\(t["landing.help.3"])</li></ol></div></details>
        <details><summary>\(t["landing.contribute.title"])</summary><div><p>\(t["landing.contribute.body"])</p></div></details>
        </section>\n
        """
    }

    /// The hidden field that keeps a language the visitor chose explicitly.
    private static func languageField(_ explicitLanguage: String?) -> HTML {
        explicitLanguage.map { "<input type=\"hidden\" name=\"lang\" value=\"\($0)\">" } ?? .empty
    }

    /// The configured languages that have strings, in the configured order.
    private func offeredLanguages(_ settings: KioskSettings) -> [String] {
        let available = settings.languages.filter { context.strings.tables[$0] != nil }
        return available.isEmpty ? context.strings.tables.keys.sorted() : available
    }

    /// An open book on a globe's meridians: the kiosk's mark, inline so it costs no request.
    static let logo: HTML = """
        <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false">\
        <circle cx="20" cy="20" r="19" fill="#fff"/>\
        <path d="M8 13c4-1.6 8-1.2 11 1.2v15c-3-2.2-7-2.6-11-1.2z" fill="#2a4b8d"/>\
        <path d="M32 13c-4-1.6-8-1.2-11 1.2v15c3-2.2 7-2.6 11-1.2z" fill="#3d6fc4"/>\
        <path d="M20 4v4M20 32v4" stroke="#2a4b8d" stroke-width="2"/></svg>
        """

    static let star: HTML = """
        <svg width="18" height="18" viewBox="0 0 24 24" focusable="false"><path fill="#2a4b8d" \
        d="M12 2l2.9 6.6 7.1.6-5.4 4.7 1.6 7-6.2-3.8-6.2 3.8 1.6-7L2 9.2l7.1-.6z"/></svg>
        """
}

/// The landing page's strings in one language (with the kiosk's own landing texts over the catalog).
struct LandingText {
    let strings: StringCatalog
    let language: String

    /// The text for `key`, as HTML.
    subscript(key: String, arguments: [String: TextArgument] = [:]) -> HTML {
        strings.html(key, language, arguments)
    }

    /// The text for `key`, as plain text.
    func plain(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
        strings.text(key, language, arguments)
    }
}
