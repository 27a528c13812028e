/// The texts a visitor sees — landing page, search, error pages, sign short links, the
/// captive portal — built into the binary in every language the kiosk ships. Each language's
/// table is in a file of its own (`VisitorStrings+French.swift`…); keys and parameters are the
/// same in every language (`{book}`, `{count}`…; plural forms as `key[one]`, `key[other]`…).
public enum VisitorStrings {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = [
        "fr": french, "en": english, "es": spanish, "de": german, "uk": ukrainian, "ar": arabic,
    ]
}
