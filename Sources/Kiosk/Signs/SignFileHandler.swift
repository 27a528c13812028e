import HTTPServer

/// `/signs/<id>.pdf|.svg|.png[?paper=A4|A5|A6|sticker-sheet&dpi=150]`: a catalogued sign, rendered
/// on demand with the kiosk's current host and Wi-Fi names, cached (see `SignDesk`), with an ETag.
struct SignFileHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard segments.count == 1, let name = segments.first, let dot = name.lastIndex(of: ".") else { throw .notFound }
        let id = String(name[..<dot])
        guard let format = SignOutputFormat(rawValue: name[name.index(after: dot)...].lowercased()), Sign.isValidID(id) else {
            throw KioskError(status: 400, key: "badrequest", message: "badrequest.signfile")
        }
        guard let paper = PaperFormat(name: request.query["paper"] ?? "A6") else {
            throw .invalidParameter("paper", expects: "badrequest.choice", ["choices": .text("A4, A5, A6, sticker-sheet")])
        }
        let dpiText = request.query["dpi"] ?? "150"
        guard let dpi = Int(dpiText), (72...300).contains(dpi) else {
            throw .invalidParameter("dpi", expects: "badrequest.range", ["min": .number(72), "max": .number(300)])
        }
        let desk = context.signs
        let catalog = desk.catalog
        guard let sign = catalog.sign(id: id) else {
            return SignPages.unknown(id, malformed: false, request: request, context: context, catalog: catalog)
        }
        let settings = context.settings.current
        let composer = SignComposer(library: context.library, kioskHost: settings.canonicalHost,
                                    ssid: settings.hotspot.ssid, publicBase: desk.template.publicBase)
        let bookID = context.library.book(named: sign.book)?.id ?? "-"
        let key = [sign.id, format.rawValue, paper.rawValue, String(dpi), settings.canonicalHost, settings.hotspot.ssid, bookID]
            .joined(separator: "|")
        let bytes: [UInt8]
        do {
            bytes = try desk.cached(key) { () throws(SignError) -> [UInt8] in
                let content = try composer.compose(sign)
                let renderer = SignRenderer(template: desk.template, paper: paper, format: format, dpi: Double(dpi))
                return try renderer.render([content]).first ?? []
            }
        } catch {
            context.log.error("sign \(sign.id): \(error.message)")
            throw KioskError(status: 404, key: "error.signfile", arguments: ["id": .text(sign.id), "reason": .text(error.message)])
        }
        var response = Response(status: 200, headers: ["Content-Type": format.mimeType], body: .bytes(bytes))
        response.headers.set("ETag", "\"sign-\(FNV1a.hex((key + "|\(bytes.count)").utf8))\"")
        response.headers.set("Cache-Control", "no-cache")
        response.headers.set("Content-Disposition", "inline; filename=\"sign-\(sign.id)-\(paper.rawValue).\(format.rawValue)\"")
        return response
    }
}
