import HTTPServer
import ZimKit

/// Turns a ZIM item into the HTTP response a phone should get: right type, cacheable,
/// compressed when it pays, and without copying big payloads.
public struct ContentResponder: Sendable {
    /// Bodies smaller than this aren't compressed: they fit one TCP segment anyway.
    public static let compressionThreshold = 1400
    /// Uncompressed items at least this big are sent with sendfile instead of through memory.
    public static let sendfileThreshold: UInt64 = 64 * 1024
    /// Items bigger than this are sent as they are: compressing them would hold them in memory.
    public static let compressionLimit: UInt64 = 8 << 20
    /// Items smaller than this are copied out of their cluster for sending (see `respond`).
    public static let copyLimit = 256 * 1024

    public let cache: CompressedBodyCache
    /// `Cache-Control` for content: an item can't change for a given archive UUID, and the
    /// ETag (UUID + path) lets a phone revalidate in one cheap 304 when the book was replaced.
    public let cacheControl = "public, max-age=86400"

    public init(cache: CompressedBodyCache) {
        self.cache = cache
    }

    /// The response for `item` of `book`, honouring If-None-Match, Range and Accept-Encoding.
    public func respond(book: Book, item: Item, request: Request) -> Response {
        let etag = ETag.make(book.id, item.path)
        var headers = HTTPHeaders()
        headers.set("Content-Type", item.mimeType)
        headers.set("ETag", etag)
        headers.set("Cache-Control", cacheControl)
        let compressible = Gzip.isCompressible(mimeType: item.mimeType)
        if compressible { headers.set("Vary", "Accept-Encoding") }
        if ETag.matches(request.ifNoneMatch, etag) {
            return Response(status: 304, headers: headers)
        }
        let wantsGzip = compressible && request.acceptsGzip && request.range == nil
            && item.size >= UInt64(Self.compressionThreshold) && item.size <= Self.compressionLimit
        do throws(ZimError) {
            if wantsGzip {
                let key = book.id + "/" + item.path
                let body: [UInt8]
                if let cached = cache.body(for: key) {
                    body = cached
                } else {
                    body = try compress(book: book, item: item, key: key)
                }
                headers.set("Content-Encoding", "gzip")
                return Response(status: 200, headers: headers, body: .bytes(body))
            }
            if let direct = item.directAccess, item.size >= Self.sendfileThreshold {
                return Response(status: 200, headers: headers,
                                body: .file(path: direct.path, offset: direct.offset, count: item.size))
            }
            let blob = try book.archive.data(of: item)
            guard let base = blob.baseAddress else {
                return Response(status: 200, headers: headers, body: .bytes([]))
            }
            if blob.count < Self.copyLimit {
                // A small item's blob points into its whole decoded cluster (megabytes): a copy
                // lets the cluster go while a slow phone downloads.
                return Response(status: 200, headers: headers, body: .bytes(blob.bytes))
            }
            return Response(status: 200, headers: headers,
                            body: .borrowed(pointer: base, count: blob.count, owner: blob))
        } catch {
            return Response.text("This entry can't be read: the file is damaged (\(error.message)).\n", status: 500)
        }
    }

    private func compress(book: Book, item: Item, key: String) throws(ZimError) -> [UInt8] {
        let blob = try book.archive.data(of: item)
        guard let base = blob.baseAddress else { return Gzip.compress([]) }
        // A page asked for the first time (most of a cold workload) is compressed fast (level 1,
        // ~3x less CPU than 6, ~10 % bigger); the second time, when it goes into the cache for the
        // next visitors, well (level 6).
        let level: Int32 = cache.wasOffered(key) ? 6 : 1
        let body = Gzip.compress(base, count: blob.count, level: level)
        cache.offer(body, for: key)
        return body
    }
}
