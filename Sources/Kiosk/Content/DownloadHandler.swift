import Foundation
import HTTPServer

/// `/download/<book>.zim`: the ZIM file itself, for a visitor's Kiwix app to take home, when the
/// kiosk allows it (`[library] downloads = on`; otherwise 404). Sent from the file with sendfile;
/// `Range` (the pipeline's conditional step) makes an interrupted download resumable
/// (`curl -C -`, Kiwix apps). The book is found by its stable or dated name.
struct DownloadHandler: RouteHandler {
    let context: KioskContext

    static let contentType = "application/x-zim"

    /// The download address of `book`, by the name it is linked by.
    static func path(of book: Book, in library: Library) -> String {
        "/download/" + URLPath.encodeSegment(library.stableName(of: book) + ".zim")
    }

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard context.settings.current.bookDownloads, segments.count == 1, let file = segments.first,
              file.hasSuffix(".zim"), let book = context.library.book(named: String(file.dropLast(4)))
        else { throw .notFound }
        var response = Response(status: 200, body: .file(path: book.path, offset: 0, count: book.fileSize))
        response.headers.set("Content-Type", Self.contentType)
        let fileName = (book.path as NSString).lastPathComponent
        let plain = String(fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        response.headers.set("Content-Disposition",
                             "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(URLPath.encodeSegment(fileName))")
        // The file's UUID and size name its bytes: a resumed download never mixes two editions.
        response.headers.set("ETag", "\"\(book.id)-\(book.fileSize)\"")
        response.headers.set("Cache-Control", "public, max-age=86400")
        return response
    }
}
