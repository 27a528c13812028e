import HTTPServer

/// The sign a staff member is making, read from the signs form: the book (their last choice,
/// else the kiosk's main book), the article as they typed or picked it (a title), the place
/// (optional: nothing is printed when empty), the id (theirs, else one proposed from the title
/// that is free in the catalogue), the paper, where the code leads and the sign's language.
struct AdminSignDraft {
    /// The cookie that remembers the book last chosen (staff area only, a book name, nothing personal).
    static let bookCookie = "wikikiosk_signbook"

    var book: String
    var article: String
    var label: String
    /// As typed (may be empty: then `id` is the proposal).
    var typedID: String
    var id: String
    var paper: PaperFormat
    var target: SignTarget
    var language: String

    /// The draft in `fields`; nil without an article. `taken` are the catalogue's ids.
    init?(_ fields: QueryParameters, request: Request, context: KioskContext, taken: Set<String>) {
        let article = (fields["article"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !article.isEmpty else { return nil }
        self.init(fields: fields, request: request, context: context, taken: taken, article: article)
    }

    private init(fields: QueryParameters, request: Request, context: KioskContext, taken: Set<String>, article: String) {
        self.article = article
        book = Self.book(fields, request: request, context: context)
        label = (fields["label"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        typedID = (fields["id"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let title = context.library.book(named: book).flatMap { found in
            SignArticles.resolve(article, in: found.archive).map { $0.title.isEmpty ? article : $0.title }
        } ?? article
        id = typedID.isEmpty ? Sign.freeID(Sign.suggestedID(from: title), taken: taken) : typedID
        paper = fields["paper"].flatMap(PaperFormat.init(name:)) ?? .a6
        target = fields["target"].flatMap(SignTarget.init(rawValue:)) ?? .kiosk
        language = fields["language"].flatMap { SettingsParser.isLanguageCode($0) ? $0 : nil } ?? "fr"
    }

    /// The book asked for, else the one chosen last (cookie), else the first main book served,
    /// else the first book; by the name signs use (undated for the newest edition).
    static func book(_ fields: QueryParameters, request: Request, context: KioskContext) -> String {
        if let asked = fields["book"], !asked.isEmpty { return asked }
        let library = context.library
        if let last = request.cookie(bookCookie), let book = library.book(named: last) { return library.stableName(of: book) }
        for name in context.settings.current.mainBooks {
            if let book = library.book(named: name) { return library.stableName(of: book) }
        }
        return library.books.first.map(library.stableName) ?? ""
    }

    /// The sign to compose and store.
    var sign: Sign {
        Sign(id: id, book: book, article: article, label: label, language: language, target: target)
    }

    /// The fields that describe it again (preview image, hidden form fields).
    var fields: [(String, String)] {
        [("book", book), ("article", article), ("label", label), ("id", id), ("language", language),
         ("target", target.rawValue), ("paper", paper.rawValue)]
    }
}
