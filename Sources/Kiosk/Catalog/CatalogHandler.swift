import HTTPServer

/// `/catalog/v2/…`: the OPDS catalog Kiwix apps read (root, entries and partial entries with
/// `q`/`lang`/`name`/`category`/`tag`/`start`/`count`, one entry, categories, languages, the
/// OpenSearch description) and the books' icons.
struct CatalogHandler: Sendable {
    let context: KioskContext
    let illustration: IllustrationHandler

    init(context: KioskContext) {
        self.context = context
        self.illustration = IllustrationHandler(context: context)
    }

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        let parts = Array(segments)
        guard parts.count >= 2, parts[0] == "v2" else { throw .notFound }
        let rest = parts.dropFirst(2)
        switch parts[1] {
        case "illustration":
            return illustration.handle(request, segments)
        case "root.xml" where rest.allSatisfy(\.isEmpty):
            record("root", request)
            return xml(OPDSFeed.root(id: feedID("root"), updated: updated(context.library.books)),
                       type: OPDSFeed.navigationType)
        case "searchdescription.xml" where rest.allSatisfy(\.isEmpty):
            return xml(OPDSFeed.searchDescription, type: OPDSFeed.searchDescriptionType)
        case "entries" where rest.allSatisfy(\.isEmpty):
            return try entries(request, partial: false)
        case "partial_entries" where rest.allSatisfy(\.isEmpty):
            return try entries(request, partial: true)
        case "categories" where rest.allSatisfy(\.isEmpty):
            record("categories", request)
            let books = context.library.books
            return xml(OPDSNavigation.categories(books.map(CatalogBook.init), id: feedID("categories"),
                                                 updated: updated(books)), type: OPDSFeed.navigationType)
        case "languages" where rest.allSatisfy(\.isEmpty):
            record("languages", request)
            let books = context.library.books
            return xml(OPDSNavigation.languages(books.map(CatalogBook.init), id: feedID("languages"),
                                                updated: updated(books)), type: OPDSFeed.navigationType)
        case "entry":
            guard let id = rest.first, rest.dropFirst().allSatisfy(\.isEmpty),
                  let book = context.library.book(id: id) ?? context.library.book(named: id) else { throw .notFound }
            record("entry", request)
            return xml(OPDSFeed.entry(catalogBook(book), standalone: true), type: OPDSFeed.entryType)
        default:
            throw .notFound
        }
    }

    private func entries(_ request: Request, partial: Bool) throws(KioskError) -> Response {
        let query = request.query
        let startText = query["start"] ?? "", countText = query["count"] ?? ""
        guard let start = startText.isEmpty ? 0 : Int(startText), start >= 0 else {
            throw .invalidParameter("start", expects: "badrequest.number")
        }
        guard let count = countText.isEmpty ? -1 : Int(countText), count >= -1 else {
            throw .invalidParameter("count", expects: "badrequest.number")
        }
        let all = context.library.books
        let filter = try BookFilter(query)
        let matching = all.filter(filter.matches)
        let page = Array(matching.dropFirst(start).prefix(count < 0 ? Int.max : count))
        var filters: [String] = []
        for name in BookFilter.parameters + ["start", "count"] {
            if let value = query[name], !value.isEmpty { filters.append("\(name)=\(value)") }
        }
        let title = filters.isEmpty ? "All Entries" : "Filtered Entries (\(filters.joined(separator: "&")))"
        let route = partial ? "partial_entries" : "entries"
        let selfHref = "/catalog/v2/" + route + (request.rawQuery.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
        record(route, request)
        let id = feedID(route, request.rawQuery ?? "")
        let books = page.map(catalogBook)
        let body = partial
            ? OPDSNavigation.partialEntries(id: id, selfHref: selfHref, title: title, updated: updated(all),
                                            total: matching.count, start: start, books: books)
            : OPDSFeed.entries(id: id, selfHref: selfHref, title: title, updated: updated(all),
                               total: matching.count, start: start, books: books)
        return xml(body, type: OPDSFeed.acquisitionType)
    }

    /// The document, to be revalidated on each use (`no-cache`): its ETag is a hash of its bytes,
    /// so a client that has it gets a 304 (the pipeline's conditional step) and no body. Atom
    /// feeds say their charset in the header, as libkiwix's do; the OpenSearch description does not.
    private func xml(_ document: HTML, type: String) -> Response {
        let header = type == OPDSFeed.searchDescriptionType ? type : type + ";charset=utf-8"
        var response = Response.text(document.markup, contentType: header)
        response.headers.set("ETag", ETag.make(type, document.markup))
        response.headers.set("Cache-Control", "no-cache")
        response.headers.set("Access-Control-Allow-Origin", "*")
        return response
    }

    /// The book as the catalog lists it, with its download link when the kiosk allows downloads.
    private func catalogBook(_ book: Book) -> CatalogBook {
        var entry = CatalogBook(book)
        if context.settings.current.bookDownloads {
            entry.acquisition = DownloadHandler.path(of: book, in: context.library)
        }
        return entry
    }

    private func record(_ kind: String, _ request: Request) {
        context.usage.record(UsageEvent(.catalog(kind: kind), from: request))
    }

    /// The newest book date (the kiosk may have no real-time clock: no wall-clock time here).
    private func updated(_ books: [Book]) -> String {
        books.map { CatalogBook.atomDate($0.date) }.max() ?? "1970-01-01T00:00:00Z"
    }

    private func feedID(_ parts: String...) -> String {
        OPDSFeed.derivedID(([context.library.books.map(\.id).joined(separator: ",")] + parts).joined(separator: "|"))
    }
}
