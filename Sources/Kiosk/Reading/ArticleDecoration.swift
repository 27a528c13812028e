import HTTPServer

/// What the kiosk changes in an article's HTML, made once per book and settings: the toolbar
/// inserted right after `<body …>`, and links to other sites pointed at the kiosk's offline-link
/// page (`ExternalLinks`). `tag` names the result in the entry's ETag and gzip-cache key, so
/// a phone's cached copy and the cached compressed body are replaced when the bar changes.
public final class ArticleDecoration: Sendable {
    /// The toolbar's bytes (empty when `[reading] toolbar = off`).
    let toolbar: [UInt8]
    /// Whether links to other sites are pointed at the offline-link page.
    let rewritesLinks: Bool
    /// A short hash of the decoration (toolbar and link-rewriting version).
    public let tag: String

    /// Bump when the rewriting itself changes (not the toolbar's markup, which is hashed).
    static let version = "links-1"

    init(toolbar: HTML, rewritesLinks: Bool) {
        self.toolbar = Array(toolbar.markup.utf8)
        self.rewritesLinks = rewritesLinks
        var hash = FNV1a()
        hash.add(rewritesLinks ? Self.version : "links-off")
        hash.add(self.toolbar)
        tag = hash.hex
    }

    /// The decorated page.
    func apply(to page: UnsafeRawBufferPointer) -> [UInt8] {
        let bytes = page.bindMemory(to: UInt8.self)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + toolbar.count + 512)
        ExternalLinks.rewrite(bytes, into: &out, insertingAfterBody: toolbar, rewritingLinks: rewritesLinks)
        return out
    }
}
