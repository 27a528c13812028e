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

    /// The name without its edition's date (`wikipedia_fr_all_maxi_2024-01` →
    /// `wikipedia_fr_all_maxi`), nil when it ends with none: the stable name a library serves
    /// its newest edition under, so signs, featured articles and bookmarks outlive a replacement.
    public static func undated(_ name: String) -> String? {
        guard let match = name.range(of: #"_[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"#, options: .regularExpression),
              match.lowerBound > name.startIndex else { return nil }
        return String(name[..<match.lowerBound])
    }
}
