/// The usage report's texts built into the binary (`report.…` keys), French and English, one
/// file per language; `locales/<language>.ini` may override them like any other key.
public enum ReportStrings {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]
}
