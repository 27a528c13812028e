import HTTPServer

/// gzip for every compressible answer the client accepts it for, in one place.
///
/// Entries of books (resolved resources) are answered from the cache of compressed bodies
/// before their data is read; a page asked for the first time is compressed fast (level 1,
/// ~2.3x less CPU than 6 with libdeflate, ~2 % bigger) and kept as it is while the cache has
/// room, and well (level 6) the second time, when it is offered to the cache again. Other answers (pages the kiosk writes) are compressed
/// as they are made. Ranges are served from the identity body, never compressed.
struct Compression: Middleware {
    let cache: CompressedBodyCache

    /// Bodies smaller than this aren't compressed: they fit one TCP segment anyway.
    static let threshold = 1400
    /// Bodies bigger than this are sent as they are: compressing them would hold them in memory.
    static let limit = 8 << 20

    func before(_ request: Request, serving resource: Resource) -> Response? {
        guard wanted(request, contentType: resource.item.mimeType, size: Int(clamping: resource.item.size)),
              let body = cache.body(for: resource.cacheKey) else { return nil }
        var headers = resource.headers
        Self.markGzipped(&headers)
        return Response(status: 200, headers: headers, body: .bytes(body))
    }

    func after(_ response: inout Response, for request: Request, resource: Resource?) {
        guard response.status == 200, !response.headers.contains("Content-Encoding"),
              let contentType = response.headers["Content-Type"], Gzip.isCompressible(mimeType: contentType),
              (Self.threshold...Self.limit).contains(Int(clamping: response.body.count)) else { return }
        if !(response.headers["Vary"] ?? "").contains("Accept-Encoding") {
            response.headers.set("Vary", response.headers["Vary"].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding")
        }
        guard request.acceptsGzip, request.range == nil else { return }
        let level: Int32 = resource.map { cache.wasOffered($0.cacheKey) ? 6 : 1 } ?? 6
        let body: [UInt8]
        switch response.body {
        case .bytes(let bytes): body = Gzip.compress(bytes, level: level)
        case .borrowed(let pointer, let count, _): body = Gzip.compress(pointer, count: count, level: level)
        case .file, .stream: return
        }
        if let resource { cache.offer(body, for: resource.cacheKey) }
        response.body = .bytes(body)
        Self.markGzipped(&response.headers)
    }

    /// `Content-Encoding: gzip`, and the compressed body's own strong ETag.
    static func markGzipped(_ headers: inout HTTPHeaders) {
        headers.set("Content-Encoding", "gzip")
        if let etag = headers["ETag"] { headers.set("ETag", ETag.gzipped(etag)) }
    }

    private func wanted(_ request: Request, contentType: String, size: Int) -> Bool {
        request.acceptsGzip && request.range == nil && size >= Self.threshold && size <= Self.limit
            && Gzip.isCompressible(mimeType: contentType)
    }
}
