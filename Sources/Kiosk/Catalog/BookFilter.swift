import HTTPServer

/// libkiwix's book selection: the catalog's `q`, `lang`, `name`, `category`, `tag`, `notag` and
/// `maxsize`, and the same after `books.filter.` on `/search`.
///
/// - `q`: every word in the title, description or name (accents and case ignored);
/// - `lang`, `category`: comma-separated, any of them (`lang` as ISO 639-3, against every
///   language of the book);
/// - `tag`, `notag`: semicolon-separated, all of them / none of them;
/// - `maxsize`: the file's size in bytes at most.
struct BookFilter: Sendable {
    var words: [String] = []
    var languages: Set<String> = []
    var name: String?
    var categories: Set<String> = []
    var tags: [String] = []
    var excludedTags: [String] = []
    var maxSize: UInt64?

    /// The names, in order, that `init(_:prefix:)` reads after its prefix.
    static let parameters = ["q", "lang", "name", "category", "tag", "notag", "maxsize"]

    /// The filter in `query`'s parameters named with `prefix` (empty values are ignored).
    /// Throws when `maxsize` is not a whole number.
    init(_ query: QueryParameters, prefix: String = "") throws(KioskError) {
        func value(_ name: String) -> String? {
            guard let value = query[prefix + name], !value.isEmpty else { return nil }
            return value
        }
        func list(_ text: String?, _ separator: Character) -> [String] {
            (text ?? "").split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        words = TextFolding.words(value("q") ?? "")
        languages = Set(list(value("lang"), ",").map { $0.lowercased() })
        name = value("name")
        categories = Set(list(value("category"), ","))
        tags = list(value("tag"), ";")
        excludedTags = list(value("notag"), ";")
        if let size = value("maxsize") {
            guard let bytes = UInt64(size) else { throw .invalidParameter(prefix + "maxsize", expects: "badrequest.number") }
            maxSize = bytes
        }
    }

    /// No condition at all: every book matches.
    var isEmpty: Bool {
        words.isEmpty && languages.isEmpty && name == nil && categories.isEmpty && tags.isEmpty && excludedTags.isEmpty
            && maxSize == nil
    }

    func matches(_ book: Book) -> Bool {
        if !words.isEmpty {
            let haystack = TextFolding.fold(book.title + " " + book.description + " " + book.name)
            guard words.allSatisfy({ haystack.contains($0) }) else { return false }
        }
        if !languages.isEmpty {
            guard book.language.split(separator: ",").contains(where: { languages.contains($0.lowercased()) }) else {
                return false
            }
        }
        if let maxSize, book.fileSize > maxSize { return false }
        guard name != nil || !categories.isEmpty || !tags.isEmpty || !excludedTags.isEmpty else { return true }
        let catalog = CatalogBook(book)
        if let name, catalog.name != name && book.name != name { return false }
        if !categories.isEmpty, !categories.contains(catalog.category) { return false }
        let bookTags = Set(catalog.tags.split(separator: ";").map(String.init))
        return tags.allSatisfy(bookTags.contains) && !excludedTags.contains(where: bookTags.contains)
    }
}
