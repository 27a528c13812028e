/// HTTP semantics common to every resource, applied after the app made a response for a GET/HEAD:
///
/// 1. If-None-Match matching the response's ETag (weak comparison, "*" matches) -> 304 with an empty
///    body, keeping ETag, Cache-Control, Content-Location, Date, Expires, Vary (RFC 9110 §15.4.5).
/// 2. Range on an unencoded 200 body (no Content-Encoding other than identity) -> 206 with
///    Content-Range, or 416 with "Content-Range: bytes */N". If-Range is honoured: a Range is only
///    applied if If-Range equals the strong ETag (or the Last-Modified value, byte for byte).
/// 3. "Accept-Ranges: bytes" on unencoded 200 bodies.
///
/// Responses to other methods, and non-200 responses, are left as they are.
public enum ConditionalResponder {
    /// Applies conditional requests and ranges to `response`, made by the app for `request`.
    public static func apply(to response: Response, for request: Request) -> Response {
        var response = response
        guard response.status == 200, request.method == .get || request.method == .head else {
            return response
        }
        if let etag = response.headers["ETag"] {
            let candidates = request.ifNoneMatch
            if !candidates.isEmpty, ETag.matches(candidates, etag) {
                return notModified(response)
            }
        }
        let encoding = response.headers["Content-Encoding"]?.trimmingOWS().asciiLowercased
        guard encoding == nil || encoding == "identity" else { return response }
        response.headers.set("Accept-Ranges", "bytes")

        guard request.range != nil, rangeAllowed(byIfRange: request.headers["If-Range"], response: response) else {
            return response
        }
        let size = response.body.count
        switch ByteRange.evaluate(header: request.range, resourceSize: size) {
        case .full:
            return response
        case .partial(let offset, let count):
            response.status = 206
            response.headers.set("Content-Range", "bytes \(offset)-\(offset + count - 1)/\(size)")
            response.body = response.body.slice(offset: offset, count: count)
            return response
        case .unsatisfiable:
            var unsatisfiable = Response(status: 416, body: .bytes([]))
            for name in ["ETag", "Cache-Control", "Accept-Ranges", "X-Content-Type-Options"] {
                if let value = response.headers[name] { unsatisfiable.headers.add(name, value) }
            }
            unsatisfiable.headers.set("Content-Range", "bytes */\(size)")
            return unsatisfiable
        }
    }

    /// The 304 for `response`: its validators and caching fields, no body.
    public static func notModified(_ response: Response) -> Response {
        var headers = HTTPHeaders()
        for (name, value) in response.headers {
            let kept = ["ETag", "Cache-Control", "Content-Location", "Date", "Expires", "Vary", "X-Content-Type-Options"]
            if kept.contains(where: { HTTPHeaders.same($0, name) }) { headers.add(name, value) }
        }
        return Response(status: 304, headers: headers, body: .bytes([]))
    }

    /// RFC 9110 §13.1.5: without If-Range the range applies; with it, only if it validates.
    private static func rangeAllowed(byIfRange ifRange: String?, response: Response) -> Bool {
        guard let ifRange = ifRange?.trimmingOWS() else { return true }
        if ifRange.hasPrefix("\"") || ifRange.hasPrefix("W/") {
            guard let etag = response.headers["ETag"] else { return false }
            return ETag.strongMatch(ifRange, etag.trimmingOWS())
        }
        return response.headers["Last-Modified"]?.trimmingOWS() == ifRange
    }
}

extension Response.Body {
    /// The sub-range `[offset, offset + count)` of this body, without copying big payloads.
    /// The caller guarantees the range lies within `count`.
    func slice(offset: UInt64, count: UInt64) -> Response.Body {
        switch self {
        case .bytes(let bytes):
            return .bytes(Array(bytes[Int(offset)..<Int(offset + count)]))
        case .borrowed(let pointer, _, let owner):
            return .borrowed(pointer: pointer + Int(offset), count: Int(count), owner: owner)
        case .file(let path, let start, _):
            return .file(path: path, offset: start + offset, count: count)
        case .stream(_, let chunkSize, let read):
            return .stream(count: count, chunkSize: chunkSize) { position, maxCount in
                read(offset + position, Int(min(UInt64(maxCount), count - min(position, count))))
            }
        }
    }
}
