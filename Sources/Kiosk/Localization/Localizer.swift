/// Picks the visitor's language and gives the interface strings in it.
///
/// French and English are built in; the language comes from `?lang=` when given, else from
/// `Accept-Language`, else French (the kiosks are in France).
public struct Localizer: Sendable {
    public let tables: [String: [String: String]]
    public let fallback: String

    public init(tables: [String: [String: String]] = BuiltInStrings.tables, fallback: String = "fr") {
        self.tables = tables
        self.fallback = fallback
    }

    /// The language for a visitor: explicit choice first, then their browser's list.
    public func language(explicit: String?, acceptLanguage: [String]) -> String {
        if let explicit, tables[explicit.lowercased()] != nil { return explicit.lowercased() }
        for tag in acceptLanguage {
            let primary = String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
            if tables[primary] != nil { return primary }
        }
        return fallback
    }

    /// The string for `key` in `language`, falling back to the default language, then the key.
    public func text(_ key: String, _ language: String) -> String {
        tables[language]?[key] ?? tables[fallback]?[key] ?? tables["en"]?[key] ?? key
    }
}
