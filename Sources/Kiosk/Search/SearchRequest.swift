import HTTPServer

/// The parameters of `/search`, as kiwix-serve (libkiwix 14.2) takes them.
struct SearchRequest: Sendable {
    enum Format: String, Sendable { case html, xml, json }

    let pattern: String
    /// Book names as given (`books.name` repeated, `content`), and ids (`books.id`).
    let names: [String]
    let ids: [String]
    /// The `books.filter.*` parameters as given (kept in the links to other pages).
    let filters: [(name: String, value: String)]
    /// 0-based first result, as libkiwix counts since 14.1 (kiwix-serve 3.3.0 counted from 1).
    let start: Int
    let pageLength: Int
    let format: Format?
    /// The search stands for an article asked for by its Wikipedia or QRpedia address that this
    /// kiosk does not have (`missing=1`): the page says so.
    let isMissingArticle: Bool
    /// The visitor asked for the words as typed (`nocorrect=1`): no spelling correction.
    let keepsSpelling: Bool
    /// The visitor followed the correction offered for this query (`corrects=`; usage only).
    let corrects: String?

    static let defaultPageLength = 25
    static let maxPageLength = 140

    /// Nil when a parameter is malformed (→ 400).
    init?(_ query: QueryParameters) {
        pattern = query["pattern"] ?? ""
        isMissingArticle = query["missing"] == "1"
        keepsSpelling = query["nocorrect"] == "1"
        corrects = query["corrects"].flatMap { $0.isEmpty ? nil : $0 }
        names = query.all("books.name") + query.all("content")
        ids = query.all("books.id")
        filters = query.items.filter { $0.name.hasPrefix("books.filter.") && !$0.value.isEmpty }
        let startText = query["start"] ?? "0"
        let lengthText = query["pageLength"] ?? String(Self.defaultPageLength)
        guard let start = Int(startText.isEmpty ? "0" : startText), start >= 0,
              let length = Int(lengthText.isEmpty ? String(Self.defaultPageLength) : lengthText), length >= 0 else {
            return nil
        }
        self.start = start
        pageLength = min(length == 0 ? Self.defaultPageLength : length, Self.maxPageLength)
        if let raw = query["format"], !raw.isEmpty {
            guard let format = Format(rawValue: raw) else { return nil }
            self.format = format
        } else {
            format = nil
        }
    }

    /// The first page of the same words in other books: `selection` as query parameters
    /// (`books.name=…`, `books.filter.lang=…`, or none for every book).
    func link(selection: [(name: String, value: String)]) -> String {
        let parts = ["pattern=" + URLPath.encodeQueryValue(pattern)]
            + selection.map { $0.name + "=" + URLPath.encodeQueryValue($0.value) }
        return "/search?" + parts.joined(separator: "&")
    }

    /// Query string for another page of the same search (`start` 0-based), or of the search for
    /// `pattern` in the same books.
    func link(start: Int, format: Format? = nil, pattern: String? = nil) -> String {
        var parts = ["pattern=" + URLPath.encodeQueryValue(pattern ?? self.pattern)]
        parts += names.map { "books.name=" + URLPath.encodeQueryValue($0) }
        parts += ids.map { "books.id=" + URLPath.encodeQueryValue($0) }
        parts += filters.map { $0.name + "=" + URLPath.encodeQueryValue($0.value) }
        parts.append("start=\(start)")
        parts.append("pageLength=\(pageLength)")
        if let format = format ?? self.format { parts.append("format=\(format.rawValue)") }
        if keepsSpelling && pattern == nil { parts.append("nocorrect=1") }
        return "/search?" + parts.joined(separator: "&")
    }
}
