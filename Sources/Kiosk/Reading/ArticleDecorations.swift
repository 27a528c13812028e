import Synchronization

/// The decoration of each book's articles, made when first needed and again when the settings
/// change (the kiosk's name, `[reading] toolbar`): one lock and one dictionary lookup per
/// article request, nothing rendered.
public final class ArticleDecorations: Sendable {
    private let settings: LiveSettings
    private let strings: StringCatalog
    /// By book object (hashing a pointer, not a 36-character id, on every article request);
    /// the id is checked too, as a freed book's address can be reused by another.
    private let made = Mutex<[ObjectIdentifier: (id: String, generation: Int, decoration: ArticleDecoration?)]>([:])

    /// Books remembered at most (a kiosk has a handful; a library folder that churns is bounded).
    static let capacity = 256

    public init(settings: LiveSettings, strings: StringCatalog) {
        self.settings = settings
        self.strings = strings
    }

    /// The decoration of `book`'s HTML entries; nil when `[reading]` turns both the toolbar and
    /// the offline links off (pages are then sent exactly as stored).
    public func decoration(for book: Book) -> ArticleDecoration? {
        let generation = settings.generation
        let key = ObjectIdentifier(book)
        if let known = made.withLock({ $0[key] }), known.generation == generation, known.id == book.id {
            return known.decoration
        }
        let current = settings.current
        let toolbar: HTML = current.readingToolbar
            ? ReadingToolbar.markup(book: book, language: language(of: book), kioskName: current.name, strings: strings)
            : .empty
        let decoration = current.readingToolbar || current.readingExternalLinks
            ? ArticleDecoration(toolbar: toolbar, rewritesLinks: current.readingExternalLinks) : nil
        made.withLock { made in
            if made.count >= Self.capacity { made.removeAll() }
            made[key] = (book.id, generation, decoration)
        }
        return decoration
    }

    /// The toolbar speaks the book's language when the kiosk has it (the article around it is
    /// in that language), else the kiosk's first language.
    func language(of book: Book) -> String {
        strings.language(explicit: LanguageCodes.htmlLanguage(ofZimLanguage: book.language), acceptLanguage: [])
    }
}
