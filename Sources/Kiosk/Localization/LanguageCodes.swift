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

    /// The HTML `lang` value for a ZIM `Language` metadata value (`fra,eng` → `fr`).
    public static func htmlLanguage(ofZimLanguage zimLanguage: String) -> String {
        let first = String(zimLanguage.split(separator: ",").first ?? "")
        return bcp47(fromISO6393: first) ?? first
    }
}
