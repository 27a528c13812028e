import ZimKit

/// The bar the kiosk puts at the top of every article: the kiosk's name (home), a search box
/// for this book with "all books" one tap away, a random article, the book's title and language.
///
/// Plain HTML: the search is a GET form with two submit buttons (the first, taken by Enter,
/// searches this book; the second every book), so it works with no JavaScript on Android 4.4's
/// WebView. Its style is scoped to `#wkbar` (the article's layout is never touched), uses no
/// grid, no vendor prefixes (flexbox unprefixed: Chrome 29+, Android 4.4) and no custom
/// properties, follows the phone's dark mode, is hidden in print, and gives every control a
/// 44 px tap target. A small script (`/landing/toolbar.js`) adds title
/// suggestions when JavaScript runs. Under 2 KB with its style.
enum ReadingToolbar {
    /// The bar for `book`, in `language` (the book's own when the kiosk has it).
    static func markup(book: Book, language: String, kioskName: String, strings: StringCatalog) -> HTML {
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> HTML { strings.html(key, language, arguments) }
        let direction = StringCatalog.direction(of: language)
        let bookLanguage = LanguageCodes.htmlLanguage(ofZimLanguage: book.language)
        let name = LanguageCodes.nameElement(ofZimLanguage: book.language)
        let languageName: HTML = name.isEmpty ? .empty : " · " + name
        let random = "/random?content=" + URLPath.encodeQueryValue(book.name)
        return """
            <style>\(HTML(trusted: style))</style><nav id="wkbar" lang="\(language)" dir="\(direction)" \
            aria-label="\(strings.text("reading.toolbar", language))"><a class="wkh" href="/">\(kioskName)</a>\
            <form action="/search" method="get" role="search"><input id="wkq" type="search" name="pattern" \
            aria-label="\(strings.text("reading.search.label", language, ["book": .text(book.title)]))" accesskey="f" \
            autocomplete="off" list="wkl" data-book="\(book.name)" \
            placeholder="\(strings.text("reading.search.placeholder", language))"><datalist id="wkl"></datalist>\
            <button name="books.name" value="\(book.name)">\(t("reading.search.button"))</button>\
            <button class="wka">\(t("reading.search.all"))</button></form>\
            <a href="\(random)">\(t("reading.random"))</a>\
            <span class="wkb"><span\(LanguageCodes.attribute(bookLanguage)) dir="auto">\(book.title)</span>\(languageName)</span>\
            </nav><script src="\(LandingAssets.toolbarScriptURL)" defer></script>

            """
    }

    /// Every rule starts with `#wkbar`, so nothing applies to the article; the bar resets what
    /// an article's style sheet could otherwise give it (fonts, widths, floats).
    static let style = """
        #wkbar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;margin:0 0 .5em;\
        padding:0 6px 6px;background:#1f3864;color:#fff;font:15px/1.3 sans-serif;text-align:start;clear:both}\
        #wkbar *{box-sizing:border-box}#wkbar a{color:#fff;display:inline-block;padding:12px 6px;min-height:44px}\
        #wkbar .wkh{flex:1 1 0;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;\
        font-weight:700;text-decoration:none}\
        #wkbar form{display:flex;flex-wrap:wrap;flex:1 1 100%;order:2;margin:0}\
        #wkbar input{flex:1 1 7em;min-width:0;height:44px;margin:0 4px 4px 0;padding:0 8px;font:inherit;\
        color:#202122;background:#fff;border:1px solid #a2a9b1;border-radius:4px}\
        #wkbar button{height:44px;margin:0 4px 4px 0;padding:0 10px;font:inherit;color:#1f3864;background:#fff;\
        border:0;border-radius:4px}\
        #wkbar .wka{background:#c8d3ea}[dir=rtl]#wkbar input,[dir=rtl]#wkbar button{margin:0 0 4px 4px}\
        #wkbar .wkb{order:3;flex:1 1 100%;padding:0 2px;font-size:13px;color:#e3eaf7}\
        #wkbar :focus{outline:3px solid #ffd34d}\
        @media (prefers-color-scheme:dark){#wkbar{background:#101a2e}#wkbar input{background:#202122;color:#eee}}\
        @media print{#wkbar{display:none}}
        """
}
