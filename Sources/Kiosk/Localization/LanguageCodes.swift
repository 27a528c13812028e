import Foundation

/// ISO 639-3 (ZIM metadata) to BCP 47 (HTML `lang`) for the languages kiosks meet most.
public enum LanguageCodes {
    static let table: [String: String] = [
        "fra": "fr", "eng": "en", "deu": "de", "spa": "es", "ita": "it", "por": "pt", "nld": "nl",
        "bre": "br", "oci": "oc", "cat": "ca", "eus": "eu", "cos": "co", "ara": "ar", "rus": "ru",
        "bel": "be", "ukr": "uk", "pol": "pl", "ron": "ro", "tur": "tr", "zho": "zh", "jpn": "ja",
        "wol": "wo", "lin": "ln", "mlg": "mg", "hat": "ht", "vie": "vi", "fas": "fa", "heb": "he",
    ]

    /// The two-letter code for a three-letter one, or nil when not in the table.
    public static func bcp47(fromISO6393 code: String) -> String? {
        table[code.lowercased()]
    }

    /// The language's name in itself ("Français" for `fra`), from ICU's data; the code itself
    /// when unknown.
    public static func name(ofISO6393 code: String) -> String {
        guard let short = bcp47(fromISO6393: code),
              let name = Locale(identifier: short).localizedString(forLanguageCode: short), !name.isEmpty
        else { return code }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The HTML `lang` value for a ZIM `Language` metadata value (`fra,eng` → `fr`); empty when
    /// the metadata is not a language tag (one shared ZIM says `=en`).
    public static func htmlLanguage(ofZimLanguage zimLanguage: String) -> String {
        let first = String(zimLanguage.split(separator: ",").first ?? "").trimmingCharacters(in: .whitespaces)
        let tag = bcp47(fromISO6393: first) ?? first
        return isLanguageTag(tag) ? tag : ""
    }

    /// Whether `tag` has the shape of a BCP 47 language tag: 2–8 letters, then subtags of 1–8
    /// letters or digits (`fr`, `zh-Hant`, `pt-BR`).
    public static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...8).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The first language of a ZIM `Language` value by its own name, marked up in that language
    /// (`fra` → `<span lang="fr">Français</span>`); nothing when it is not a language tag.
    static func nameElement(ofZimLanguage zimLanguage: String) -> HTML {
        let tag = htmlLanguage(ofZimLanguage: zimLanguage)
        guard !tag.isEmpty else { return .empty }
        let code = String(zimLanguage.split(separator: ",").first ?? "").trimmingCharacters(in: .whitespaces)
        return "<span lang=\"\(tag)\">\(name(ofISO6393: code))</span>"
    }

    /// ` lang="…"` for an element in that language, or nothing when the tag is empty.
    static func attribute(_ tag: String) -> HTML {
        tag.isEmpty ? .empty : " lang=\"\(tag)\""
    }
}
