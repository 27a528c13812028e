import HTTPServer
import ZimKit

/// The bytes of a resolved ZIM item, sent without copying big payloads: the pipeline has
/// already answered conditional requests and cached gzip bodies, and compresses what is
/// returned here when the client accepts it.
enum ContentResponder {
    /// Uncompressed items at least this big are sent with sendfile instead of through memory.
    static let sendfileThreshold: UInt64 = 64 * 1024
    /// Items smaller than this are copied out of their cluster for sending.
    static let copyLimit = 256 * 1024

    /// A 200 with the item's whole body.
    static func respond(_ resource: Resource) throws(KioskError) -> Response {
        let item = resource.item
        let headers = resource.headers
        // Compressible items go through memory, where the compression step reads them.
        if let direct = item.directAccess, item.size >= sendfileThreshold, !Gzip.isCompressible(mimeType: item.mimeType) {
            return Response(status: 200, headers: headers, body: .file(path: direct.path, offset: direct.offset, count: item.size))
        }
        do throws(ZimError) {
            let blob = try resource.book.archive.data(of: item)
            guard let base = blob.baseAddress else { return Response(status: 200, headers: headers, body: .bytes([])) }
            if blob.count < copyLimit {
                // A small item's blob points into its whole decoded cluster (megabytes): a copy
                // lets the cluster go while a slow phone downloads.
                return Response(status: 200, headers: headers, body: .bytes(blob.bytes))
            }
            return Response(status: 200, headers: headers, body: .borrowed(pointer: base, count: blob.count, owner: blob))
        } catch {
            throw .damaged(book: resource.book, path: item.path, detail: error.message)
        }
    }
}
