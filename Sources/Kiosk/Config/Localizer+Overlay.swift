extension Localizer {
    /// These strings with `overrides` (language → key → text, e.g. the `[texts]` of
    /// `wikikiosk.conf` set from the staff area) on top, for the languages this localizer has.
    /// Returns `self` unchanged when there is nothing to override.
    public func overlaid(with overrides: [String: [String: String]]) -> Localizer {
        guard !overrides.isEmpty else { return self }
        var tables = self.tables
        for (language, texts) in overrides where tables[language] != nil {
            tables[language]!.merge(texts) { _, new in new }
        }
        return Localizer(tables: tables, fallback: fallback)
    }
}
