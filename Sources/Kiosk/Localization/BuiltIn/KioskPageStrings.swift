/// The texts of the staff area's Kiosk page (`admin.kiosk.…`: health, clock, Wi-Fi, power, kit) and of workshop sessions (`admin.session.…`),
/// French and English, one file per language.
public enum KioskPageStrings {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]
}
