import ZimKit

/// Where a Wikipedia or QRpedia address leads on this kiosk: the article in a book of that
/// language (by path, by title, then accent- and case-insensitively through the search title
/// index; redirects followed), else a search for its title that says it is not here.
struct WikipediaArticles: Sendable {
    let library: Library
    let search: SearchService

    /// The kiosk address to send the phone to.
    func destination(of address: WikipediaAddress) -> String {
        let books = library.books
            .filter { LanguageCodes.htmlLanguage(ofZimLanguage: $0.language) == address.language }
            .sorted { $0.articleCount > $1.articleCount }
        for book in books {
            if let path = article(address.title, in: book) {
                return URLPath.content(book: book.name, path: path) + "?from=" + address.kind.rawValue
            }
        }
        var target = "/search?pattern=" + URLPath.encodeQueryValue(address.title) + "&missing=1"
        for book in books { target += "&books.name=" + URLPath.encodeQueryValue(book.name) }
        return target
    }

    private func article(_ title: String, in book: Book) -> String? {
        if let entry = SignArticles.resolve(title, in: book.archive) { return entry.path }
        return search.exactTitleHits(TextFolding.fold(title), pattern: title, in: book, indexWait: 0.5).first?.path
    }
}
