import Foundation
import HTTPServer

/// `/landing/landing.css`: the landing page's one style sheet. Its URL carries a hash of its
/// content, so phones may keep it for a year and a new version is fetched at once.
struct LandingAssets: Sendable {
    let context: KioskContext

    static let cssBytes = Array(LandingStyle.css.utf8)
    /// A short content hash used as version and ETag.
    static let version = FNV1a.hex(cssBytes)
    /// The URL the page links to.
    static let cssURL = "/landing/landing.css?v=\(version)"

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard Array(segments) == ["landing.css"] else { throw .notFound }
        // Identity body: the pipeline's Compression step gzips it for clients that accept it.
        var response = Response(status: 200, headers: ["Content-Type": "text/css; charset=utf-8"], body: .bytes(Self.cssBytes))
        // Weak: the gzipped and identity bodies are the same sheet (RFC 9110 §8.8.1).
        response.headers.set("ETag", "W/\"\(Self.version)\"")
        response.headers.set("Cache-Control", request.query["v"] == Self.version
            ? "public, max-age=31536000, immutable" : "no-cache")
        return response
    }
}
