import HTTPServer

/// `/catalog/v2/illustration/<book name or id>?size=48`: a book's icon (PNG).
struct IllustrationHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        // segments: "v2", "illustration", <book>, [""]
        let parts = Array(segments)
        guard parts.count >= 3, parts[0] == "v2", parts[1] == "illustration",
              let book = context.library.book(nameOrID: parts[2]) else {
            return ErrorPages.notFound(request: request, context: context)
        }
        let size = request.query["size"].flatMap { UInt32($0) } ?? 48
        guard let blob = book.archive.illustration(size: size) else {
            return ErrorPages.notFound(request: request, context: context)
        }
        var headers = HTTPHeaders()
        headers.set("Content-Type", "image/png")
        headers.set("ETag", ETag.make(book.id, "illustration", String(size)))
        headers.set("Cache-Control", Resource.cacheControl)
        return Response(status: 200, headers: headers, body: .bytes(blob.bytes))
    }
}
