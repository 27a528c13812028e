/// The texts printed on QR signs (`sign.…` keys), French and English, one file per language.
/// (`SignStrings` is what a sign being drawn reads from the catalog.)
public enum SignTexts {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]
}
