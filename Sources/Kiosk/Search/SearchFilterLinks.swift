/// The results page's filters, as plain links (no JavaScript): the languages and the books that
/// have results, each with its count, and a way back to every book once a selection is made.
struct SearchFilterLinks {
    let query: SearchRequest
    /// The books searched, the visitor's language first.
    let books: [Book]
    /// Results per book name.
    let perBook: [String: Int]

    func render(language: String, strings: StringCatalog) -> HTML {
        let narrowed = !query.names.isEmpty || !query.ids.isEmpty || !query.filters.isEmpty
        let answering = books.filter { (perBook[$0.name] ?? 0) > 0 }
        var lines: [HTML] = []
        var languages: [(code: String, count: Int)] = []
        for book in answering {
            let code = String(book.language.split(separator: ",").first ?? "")
            guard !code.isEmpty else { continue }
            if let index = languages.firstIndex(where: { $0.code == code }) {
                languages[index].count += perBook[book.name] ?? 0
            } else {
                languages.append((code, perBook[book.name] ?? 0))
            }
        }
        if languages.count > 1 {
            let links: [HTML] = languages.map { entry in
                let name = LanguageCodes.nameElement(ofZimLanguage: entry.code)
                let label: HTML = name.isEmpty ? "\(entry.code)" : name
                return "<a href=\"\(query.link(selection: [("books.filter.lang", entry.code)]))\">\(label) (\(NumberText.grouped(entry.count, language: language)))</a>"
            }
            lines.append("<p>\(strings.html("search.filter.languages", language)) \(links.joined(separator: " · "))</p>")
        }
        if answering.count > 1 {
            let names = SuggestHandler.shortNames(answering)
            let links: [HTML] = answering.map { book in
                "<a href=\"\(query.link(selection: [("books.name", book.name)]))\">\(names[book.name] ?? book.title) (\(NumberText.grouped(perBook[book.name] ?? 0, language: language)))</a>"
            }
            lines.append("<p>\(strings.html("search.filter.books", language)) \(links.joined(separator: " · "))</p>")
        }
        if narrowed {
            lines.append("<p><a href=\"\(query.link(selection: []))\">\(strings.html("search.filter.all", language))</a></p>")
        }
        guard !lines.isEmpty else { return .empty }
        return "<nav class=\"filters\" aria-label=\"\(strings.text("search.filter.label", language))\">\(lines.joined())</nav>\n"
    }
}
