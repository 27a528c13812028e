/// The texts of the Books page's library changes (`admin.shelf.…`: USB sticks, copies,
/// removals), French and English, one file per language.
public enum ShelfStrings {
    /// Language code → key → text.
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]
}
