/// Every text the kiosk shows — visitor pages, the staff area, the report, printed signs — in
/// every language it has: one table per language, one lookup, one fallback rule.
///
/// A table maps a key (`landing.welcome`) to a text. Texts name their parameters in braces,
/// `Cette page n'existe pas dans « {book} ».`; a text that depends on a number gives its CLDR
/// plural forms as keys of their own, `landing.book.count[one] = {count} article` and
/// `landing.book.count[other] = {count} articles`, and the form is chosen by the `count`
/// argument (see `PluralCategory`).
///
/// The fallback rule: the asked language, then the kiosk's first language (`fallback`), then
/// English, then the key itself (so a missing text shows its name rather than nothing). A text
/// found in a fallback language takes that language's plural rules.
///
/// Built-in tables (`BuiltInCatalog`) are overlaid by the kiosk's translation files
/// (`locales/<language>.ini`, every key overridable) and by the texts staff change in the
/// settings page.
public struct StringCatalog: Sendable, Equatable {
    /// Language code → key → text (plural forms as `key[category]`).
    public let tables: [String: [String: String]]
    /// The kiosk's first language: the default for visitors and the first fallback.
    public let fallback: String
    /// The languages visitors are offered (`languages` in `wikikiosk.conf`), in order; other
    /// tables still serve the staff area, printed signs and fallbacks.
    public let offered: [String]

    public init(tables: [String: [String: String]] = BuiltInCatalog.tables, fallback: String = "fr",
                offered: [String]? = nil) {
        self.tables = tables
        self.fallback = fallback
        self.offered = (offered ?? tables.keys.sorted()).filter { tables[$0] != nil }
    }

    /// The languages with a table, sorted by code.
    public var languages: [String] { tables.keys.sorted() }

    /// The language for a visitor: explicit choice (`?lang=`) first, then their browser's list
    /// (`Accept-Language`, already sorted by preference), then the kiosk's first language.
    public func language(explicit: String?, acceptLanguage: [String]) -> String {
        if let explicit, offered.contains(explicit.lowercased()) { return explicit.lowercased() }
        for tag in acceptLanguage {
            let primary = String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
            if offered.contains(primary) { return primary }
        }
        return fallback
    }

    /// The text for `key` in `language` with its `{parameters}` filled in.
    public func text(_ key: String, _ language: String, _ arguments: [String: TextArgument] = [:]) -> String {
        guard let (template, found) = template(key, language, count: Self.count(in: arguments)) else { return key }
        return MessageTemplate.fill(template, arguments: arguments, language: found, escape: nil)
    }

    /// The text for `key` as HTML: the text and the `arguments` escaped, `markup` (links,
    /// emphasis) inserted as it is.
    public func html(_ key: String, _ language: String, _ arguments: [String: TextArgument] = [:],
                     markup: [String: HTML] = [:]) -> HTML {
        guard let (template, found) = template(key, language, count: Self.count(in: arguments)) else {
            return HTML(trusted: HTML.escape(key))
        }
        let filled = MessageTemplate.fill(HTML.escape(template), arguments: arguments, language: found,
                                          escape: { HTML.escape($0) }, markup: markup.mapValues(\.markup))
        return HTML(trusted: filled)
    }

    /// Whether `language` has its own text for `key` (plain or any plural form).
    public func has(_ key: String, in language: String) -> Bool {
        guard let table = tables[language] else { return false }
        return table[key] != nil || table[key + "[other]"] != nil
    }

    /// `rtl` for languages written right to left (Arabic, Hebrew, Persian, Urdu…), else `ltr`:
    /// the value of a page's `dir` attribute.
    public static func direction(of language: String) -> String {
        rightToLeft.contains(language) ? "rtl" : "ltr"
    }

    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"]

    /// These texts with `overrides` (language → key → text, e.g. the `[texts]` of
    /// `wikikiosk.conf` set from the staff area) on top, for the languages this catalog has.
    public func overlaid(with overrides: [String: [String: String]]) -> StringCatalog {
        guard !overrides.isEmpty else { return self }
        var tables = self.tables
        for (language, texts) in overrides where tables[language] != nil {
            tables[language]!.merge(texts) { _, new in new }
        }
        return StringCatalog(tables: tables, fallback: fallback, offered: offered)
    }

    /// The template of `key` along the fallback chain, and the language it was found in.
    private func template(_ key: String, _ language: String, count: Int?) -> (String, String)? {
        for candidate in [language, fallback, "en"] {
            guard let table = tables[candidate] else { continue }
            if let count {
                let category = PluralCategory.of(count, language: candidate)
                if let form = table[key + "[" + category.rawValue + "]"] { return (form, candidate) }
                if let other = table[key + "[other]"] { return (other, candidate) }
            }
            if let plain = table[key] { return (plain, candidate) }
            if let other = table[key + "[other]"] { return (other, candidate) }
        }
        return nil
    }

    private static func count(in arguments: [String: TextArgument]) -> Int? {
        if case .number(let count)? = arguments["count"] { return count }
        return nil
    }
}
