/// The staff area's texts built into the binary (`admin.…` keys), French and English, one file
/// per language. A kiosk's `locales/<language>.ini` may override any of them, or add a language,
/// exactly like the visitor texts.
public enum AdminStrings {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]
}
