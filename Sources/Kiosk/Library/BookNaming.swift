import Foundation

/// Derives a book's URL name from its file name, the way kiwix-serve does,
/// so links made for a kiwix-serve kiosk keep working here.
///
/// `wikipedia_fr_all_maxi_2024-01.zim` → `wikipedia_fr_all_maxi_2024-01`;
/// `Ma bibliothèque.zim` → `Ma_bibliotheque`. Characters such as `#` and `&` are kept
/// in the name and percent-encoded in URLs (see `URLPath`).
public enum BookNaming {
    /// The book name for a ZIM file path.
    public static func name(forFile path: String) -> String {
        var base = (path as NSString).lastPathComponent
        if base.lowercased().hasSuffix(".zim") { base = String(base.dropLast(4)) }
        let folded = base.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return folded.replacingOccurrences(of: " ", with: "_")
    }
}
