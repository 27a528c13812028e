import Foundation
import HTTPServer

/// `/landing/landing.css`: the landing page's one style sheet. Its URL carries a hash of its
/// content, so phones may keep it for a year and a new version is fetched at once.
struct LandingAssets: Sendable {
    let context: KioskContext

    static let cssBytes = Array(LandingStyle.css.utf8)
    static let cssGzipped = Gzip.compress(cssBytes)
    /// A short content hash (FNV-1a, 64 bits) used as version and ETag.
    static let version: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in cssBytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }()
    /// The URL the page links to.
    static let cssURL = "/landing/landing.css?v=\(version)"

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard Array(segments) == ["landing.css"] else { return ErrorPages.notFound(request: request, context: context) }
        var response = Self.compressed(Self.cssBytes, gzipped: Self.cssGzipped,
                                       contentType: "text/css; charset=utf-8", request: request)
        let encoded = response.headers["Content-Encoding"] == nil ? "" : "-gz"
        response.headers.set("ETag", "\"\(Self.version)\(encoded)\"")
        response.headers.set("Cache-Control", request.query["v"] == Self.version
            ? "public, max-age=31536000, immutable" : "no-cache")
        return response
    }

    /// `bytes`, gzipped when the client accepts it (and no range is asked for).
    static func compressed(_ bytes: [UInt8], gzipped: [UInt8]? = nil, contentType: String, request: Request) -> Response {
        var response = Response(status: 200, headers: ["Content-Type": contentType, "Vary": "Accept-Encoding"],
                                body: .bytes(bytes))
        if request.acceptsGzip, request.range == nil, bytes.count >= Compression.threshold {
            response.body = .bytes(gzipped ?? Gzip.compress(bytes))
            response.headers.set("Content-Encoding", "gzip")
        }
        return response
    }
}
