import ZimKit

/// What the OPDS catalog says about a book, read from its metadata when asked.
struct CatalogBook: Sendable {
    let book: Book
    let name: String
    let flavour: String
    let category: String
    let tags: String
    let creator: String
    let publisher: String
    /// Where the ZIM file itself can be downloaded, when the kiosk allows it.
    var acquisition: String?

    init(_ book: Book) {
        self.book = book
        let archive = book.archive
        func meta(_ key: String) -> String { archive.metadata(key) ?? "" }
        name = meta("Name")
        flavour = meta("Flavour")
        let rawTags = meta("Tags")
        category = book.category
        tags = Self.normalisedTags(rawTags, hasFullTextIndex: book.hasFullTextIndex)
        creator = meta("Creator")
        publisher = meta("Publisher")
    }

    /// A ZIM's `Tags` as libkiwix 14.2 lists them: the old forms written the current way
    /// (`_ftindex` → `_ftindex:yes`, `nopic` → `_pictures:no`, `novid` → `_videos:no`, `nodet` →
    /// `_details:no`), then the flags a ZIM does not state, at their default: `_ftindex` as the
    /// book really is (libkiwix says `no`), `_pictures:yes`, `_videos:yes`, `_details:yes`.
    static func normalisedTags(_ raw: String, hasFullTextIndex: Bool) -> String {
        let legacy = ["_ftindex": "_ftindex:yes", "nopic": "_pictures:no", "novid": "_videos:no", "nodet": "_details:no",
                      "_pictures": "_pictures:yes", "_videos": "_videos:yes", "_details": "_details:yes"]
        var tags = raw.split(separator: ";").map { legacy[String($0)] ?? String($0) }
        let defaults = [("_ftindex", hasFullTextIndex ? "yes" : "no"), ("_pictures", "yes"), ("_videos", "yes"),
                        ("_details", "yes")]
        for (name, value) in defaults where !tags.contains(where: { $0.hasPrefix(name + ":") }) {
            tags.append(name + ":" + value)
        }
        return tags.joined(separator: ";")
    }

    /// The UUID with dashes (8-4-4-4-12), as OPDS ids carry it.
    var dashedID: String { Self.dashed(book.id) }

    static func dashed(_ hex: String) -> String {
        guard hex.count == 32 else { return hex }
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    /// The ZIM's `Date` (YYYY-MM-DD) as an Atom date, or the epoch when absent or malformed.
    var updated: String { Self.atomDate(book.date) }

    static func atomDate(_ date: String) -> String {
        let parts = date.split(separator: "-")
        guard parts.count == 3, parts.allSatisfy({ Int($0) != nil }), parts[0].count == 4 else {
            return "1970-01-01T00:00:00Z"
        }
        return "\(parts[0])-\(parts[1])-\(parts[2])T00:00:00Z"
    }
}
