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
    /// The key of this item's compressed body in the gzip cache (decorated pages by decoration).
    public let cacheKey: String

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
        if let decoration {
            headers.set("ETag", ETag.make(book.id, item.path, decoration.tag))
            cacheKey = book.id + "/" + decoration.tag + "/" + item.path
        } else {
            headers.set("ETag", ETag.make(book.id, item.path))
            cacheKey = book.id + "/" + item.path
        }
        headers.set("Cache-Control", Self.cacheControl)
        if Gzip.isCompressible(mimeType: item.mimeType) { headers.set("Vary", "Accept-Encoding") }
        self.headers = headers
    }

    public var etag: String { headers["ETag"] ?? "" }
}

/// What a resolving route found: a resource to serve, or an answer already (a redirect).
public enum Resolution: Sendable {
    case resource(Resource)
    case response(Response)
}
