/// The texts of the staff area's signs page (`admin.signs.…` beyond the basics in
/// `AdminStrings`: id checks, fixes, watermark, papers), French and English, one file per language.
public enum SignStaffStrings {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]
}
