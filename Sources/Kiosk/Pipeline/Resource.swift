import HTTPServer
import ZimKit

/// A ZIM item found for a request, before its bytes are read: what the pipeline needs to answer
/// `If-None-Match` (304) or from the gzip cache without decompressing anything, and to count a
/// page view. A class: it is handed to every step of the pipeline, before and after (one
/// reference each time rather than a copy of its strings and headers).
public final class Resource: Sendable {
    public let book: Book
    public let item: Item
    /// The response's fields when it is sent whole: Content-Type, ETag, Cache-Control, Vary.
    public let headers: HTTPHeaders
    /// Whether this is a page a visitor reads (an HTML entry of `/content/`), to be counted.
    public let isPageView: Bool
    /// What the kiosk adds to the page (toolbar, offline links); nil for bytes sent as stored.
    public let decoration: ArticleDecoration?
    /// The key of this item's compressed body in the gzip cache: its ETag, which names the book,
    /// the path and the decoration in 18 ASCII bytes (hashed ~3× per request: a book id and a
    /// percent-decoded path made the decorated page's key ~0.6 µs slower to hash; 64-bit FNV
    /// collides once in ~10⁹ caches of 100,000 pages).
    public var cacheKey: String { etag }
    /// The entry's ETag (archive UUID, path and decoration).
    public let etag: String

    /// Cache-Control for content: an item can't change for a given archive UUID, and the ETag
    /// (UUID + path) lets a phone revalidate in one cheap 304 when the book is replaced.
    public static let cacheControl = "public, max-age=86400"

    public init(book: Book, item: Item, isPageView: Bool, decoration: ArticleDecoration? = nil) {
        self.book = book
        self.item = item
        self.isPageView = isPageView
        self.decoration = decoration
        var headers = HTTPHeaders()
        headers.set("Content-Type", item.mimeType)
        etag = decoration.map { ETag.make(book.id, item.path, $0.tag) } ?? ETag.make(book.id, item.path)
        headers.set("ETag", etag)
        headers.set("Cache-Control", Self.cacheControl)
        if Gzip.isCompressible(mimeType: item.mimeType) { headers.set("Vary", "Accept-Encoding") }
        self.headers = headers
    }

}

/// What a resolving route found: a resource to serve, or an answer already (a redirect).
public enum Resolution: Sendable {
    case resource(Resource)
    case response(Response)
}
