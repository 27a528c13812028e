/// One sign of the catalogue (`kiosk-config/signs.csv`): a plaque with a QR code.
public struct Sign: Sendable, Equatable {
    /// Short, stable, human-readable id: `A-Z` and `0-9`, 1 to 16 characters (stored uppercase;
    /// the catalogue may write it in any case). It is in the short link `/s/<id>`.
    public var id: String
    /// The book's URL name (`wikipedia_fr_all_maxi`); may be empty for online or redirect signs.
    public var book: String
    /// The article: a path in the book or a title.
    public var article: String
    /// Where the sign stands ("Place de Jaude"): printed on the sign.
    public var label: String
    /// The sign's language (`fr`, `en`…): its printed texts and the Wikipedia it links to.
    public var language: String
    public var target: SignTarget
    public var latitude: Double?
    public var longitude: Double?
    public var notes: String
    /// The line of the catalogue where the sign is described (0 when made in code).
    public var line: Int
    /// The article's title in other languages (further lines with the same id), used by
    /// `online` and `redirect` signs to send a phone to Wikipedia in its own language.
    public var otherLanguages: [Translation] = []
    /// The article's title as found in the book (set when the article is resolved), used for the
    /// printed title and the Wikipedia link.
    public var resolvedTitle: String?

    /// The article's title in another language.
    public struct Translation: Sendable, Equatable {
        public var language: String
        public var title: String
        public var line: Int
    }

    public init(id: String, book: String, article: String, label: String, language: String = "fr",
                target: SignTarget = .kiosk, latitude: Double? = nil, longitude: Double? = nil,
                notes: String = "", line: Int = 0) {
        self.id = id.uppercased()
        self.book = book
        self.article = article
        self.label = label
        self.language = language
        self.target = target
        self.latitude = latitude
        self.longitude = longitude
        self.notes = notes
        self.line = line
    }

    /// Longest id accepted.
    public static let maxIDLength = 16

    /// Whether `id` is a well-formed sign id (any case): 1 to 16 ASCII letters and digits.
    public static func isValidID(_ id: String) -> Bool {
        (1...maxIDLength).contains(id.utf8.count) && id.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
        }
    }

    /// An id made from a title that reads well on a plaque and in a URL: the significant words
    /// (articles and prepositions dropped), a first word with a hyphen by its initials, a long
    /// first word by its first four letters when more words follow, accents dropped, 16
    /// characters at most: "Notre-Dame de Paris" → "NDPARIS", "Cathédrale de Chartres" →
    /// "CATHCHARTRES", "L'église Saint-Pierre-des-Minimes" → "EGLISESPM", "Volvic" → "VOLVIC".
    public static func suggestedID(from text: String) -> String {
        func letters(_ word: some StringProtocol) -> String {
            TextFolding.fold(String(word)).uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        let words = text.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "’", with: "'")
            .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" })
            .map { word -> Substring in
                // l'église → église, d'Auvergne → Auvergne
                if let quote = word.firstIndex(of: "'"), word.distance(from: word.startIndex, to: quote) <= 2 {
                    return word[word.index(after: quote)...]
                }
                return word
            }
            .filter { !stopWords.contains(TextFolding.fold(String($0)).lowercased()) && !letters($0).isEmpty }
        guard let first = words.first else { return String(letters(text).prefix(maxIDLength)) }
        /// "Notre-Dame" → "ND", "Saint-Pierre-des-Minimes" → "SPM".
        func initials(_ word: Substring) -> String {
            word.split(separator: "-").filter { !stopWords.contains(TextFolding.fold(String($0)).lowercased()) }
                .map { String(letters($0).prefix(1)) }.joined()
        }
        let head: String
        if first.contains("-") {
            head = initials(first)
        } else if words.count > 1, letters(first).count > 6 {
            head = String(letters(first).prefix(4))
        } else {
            head = letters(first)
        }
        let rest = words.dropFirst().map { $0.contains("-") ? initials($0) : letters($0) }.joined()
        return String((head + rest).prefix(maxIDLength))
    }

    /// Words an id leaves out (French, English, Spanish, German articles and prepositions).
    static let stopWords: Set<String> = [
        "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "sous",
        "the", "of", "and", "in", "on", "at", "el", "los", "las", "del", "y", "der", "die", "das", "und", "von",
    ]

    /// `base`, or `base` followed by 2, 3… (shortened to fit 16 characters), the first one not in `taken`.
    public static func freeID(_ base: String, taken: Set<String>) -> String {
        let base = base.isEmpty ? "PANNEAU" : String(base.uppercased().prefix(maxIDLength))
        guard taken.contains(base) else { return base }
        var number = 2
        while true {
            let suffix = String(number)
            let candidate = String(base.prefix(maxIDLength - suffix.count)) + suffix
            if !taken.contains(candidate) { return candidate }
            number += 1
        }
    }
}
