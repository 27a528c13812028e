import Foundation
import HTTPServer

/// `/landing/<file>`: the kiosk's static files — the landing page's style sheet and the
/// article toolbar's script. Each URL carries a hash of the file's content, so phones may keep
/// it for a year and a new version is fetched at once.
struct LandingAssets: Sendable {
    let context: KioskContext

    /// One served file.
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
        /// A short content hash used as version and ETag.
        let version: String

        init(_ text: String, contentType: String) {
            bytes = Array(text.utf8)
            self.contentType = contentType
            version = FNV1a.hex(bytes)
        }
    }

    static let assets: [String: Asset] = [
        "landing.css": Asset(LandingStyle.css, contentType: "text/css; charset=utf-8"),
        "toolbar.js": Asset(ToolbarScript.source, contentType: "text/javascript; charset=utf-8"),
    ]

    /// The URL pages link to for `name`.
    static func url(_ name: String) -> String { "/landing/\(name)?v=\(assets[name]?.version ?? "")" }
    static let cssURL = url("landing.css")
    static let toolbarScriptURL = url("toolbar.js")

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard segments.count == 1, let name = segments.first, let asset = Self.assets[name] else { throw .notFound }
        // Identity body: the pipeline's Compression step gzips it for clients that accept it.
        var response = Response(status: 200, headers: ["Content-Type": asset.contentType], body: .bytes(asset.bytes))
        // Weak: the gzipped and identity bodies are the same file (RFC 9110 §8.8.1).
        response.headers.set("ETag", "W/\"\(asset.version)\"")
        response.headers.set("Cache-Control", request.query["v"] == asset.version
            ? "public, max-age=31536000, immutable" : "no-cache")
        return response
    }
}
