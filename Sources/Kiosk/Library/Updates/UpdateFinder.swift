import Foundation

/// Asks a Kiwix catalogue (OPDS v2, `…/catalog/v2/entries`) for a newer edition of each book,
/// by the book's `Name` metadata (`wikipedia_fr_all_nopic`; its file name without the date when
/// it has none), as Kiwix apps do. A link to a `.meta4` metalink (library.kiwix.org's) is
/// followed for the file's size, SHA-256 and first mirror.
struct UpdateFinder {
    let catalog: String
    let curl: CurlTool

    func newerEditions(of books: [Book]) throws(ShelfError) -> [BookShelf.UpdateCheck.Found] {
        var found: [BookShelf.UpdateCheck.Found] = []
        for book in books {
            let name = book.archive.metadata("Name").flatMap { $0.isEmpty ? nil : $0 } ?? book.editionKey
            guard var address = URLComponents(string: catalog) else { throw .catalogUnreachable(reason: catalog) }
            address.queryItems = (address.queryItems ?? []) + [URLQueryItem(name: "name", value: name),
                                                               URLQueryItem(name: "count", value: "20")]
            guard let url = address.url else { throw .catalogUnreachable(reason: catalog) }
            let entries = CatalogDocuments.entries(try curl.document(url.absoluteString), base: url)
            let newer = entries.filter { $0.name == name && !$0.href.isEmpty && $0.date > String(book.date.prefix(10)) }
            guard let newest = newer.max(by: { $0.date < $1.date }), let edition = try edition(newest) else { continue }
            found.append(.init(bookName: book.name, bookTitle: book.title, bookDate: book.date, edition: edition))
        }
        return found
    }

    /// Where the entry's file is, its size and SHA-256: from its metalink when it links one.
    private func edition(_ entry: CatalogDocuments.Entry) throws(ShelfError) -> RemoteEdition? {
        guard entry.href.hasSuffix(".meta4") else {
            guard let length = entry.length else { return nil }
            return RemoteEdition(name: entry.name, title: entry.title, date: entry.date, url: entry.href, size: length, sha256: nil)
        }
        let metalink = CatalogDocuments.metalink(try curl.document(entry.href))
        guard let size = metalink.size ?? entry.length else { return nil }
        let url = metalink.urls.first ?? String(entry.href.dropLast(".meta4".count))
        return RemoteEdition(name: entry.name, title: entry.title, date: entry.date, url: url, size: size, sha256: metalink.sha256)
    }
}
