/// The texts built into the binary, so the kiosk speaks with no configuration folder at all:
/// every area's tables merged, language by language. `locales/<language>.ini` files override
/// any key (see `TranslationFiles`).
public enum BuiltInCatalog {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = merged([VisitorStrings.tables, AdminStrings.tables, ShelfStrings.tables, SignStaffStrings.tables, KioskPageStrings.tables, KitStrings.tables, ReportStrings.tables, SignTexts.tables])

    /// Every key the kiosk uses: a translation file's key outside this set is a typo.
    public static let knownKeys: Set<String> = Set(tables.values.flatMap(\.keys))

    /// The built-in texts as a catalog (French fallback), for tools that run without a
    /// configuration folder (`wikikiosk report`).
    public static let catalog = StringCatalog(tables: tables, fallback: "fr", offered: ["fr", "en"])

    static func merged(_ areas: [[String: [String: String]]]) -> [String: [String: String]] {
        var tables: [String: [String: String]] = [:]
        for area in areas {
            for (language, table) in area {
                tables[language, default: [:]].merge(table) { first, _ in first }
            }
        }
        return tables
    }
}
