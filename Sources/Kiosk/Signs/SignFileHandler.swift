import HTTPServer

/// `/signs/<id>.pdf|.svg|.png[?paper=A4|A5|A6|sticker-sheet&dpi=150]`: a catalogued sign, rendered
/// on demand with the kiosk's current host and Wi-Fi names, cached (see `SignDesk`), with an ETag.
struct SignFileHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard segments.count == 1, let name = segments.first, let dot = name.lastIndex(of: ".") else {
            return ErrorPages.notFound(request: request, context: context)
        }
        let id = String(name[..<dot])
        guard let format = SignOutputFormat(rawValue: name[name.index(after: dot)...].lowercased()), Sign.isValidID(id) else {
            return Response.text("Bad request: a sign file is /signs/<ID>.pdf, .svg or .png.\n", status: 400)
        }
        guard let paper = PaperFormat(name: request.query["paper"] ?? "A6") else {
            return Response.text("Bad request: paper is A4, A5, A6 or sticker-sheet.\n", status: 400)
        }
        let dpiText = request.query["dpi"] ?? "150"
        guard let dpi = Int(dpiText), (72...300).contains(dpi) else {
            return Response.text("Bad request: dpi is a whole number from 72 to 300.\n", status: 400)
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
            return Response.text("This sign can't be made: \(error.message)\n", status: 404)
        }
        var response = Response(status: 200, headers: ["Content-Type": format.mimeType], body: .bytes(bytes))
        response.headers.set("ETag", "\"sign-\(Self.hash(key + "|\(bytes.count)"))\"")
        response.headers.set("Cache-Control", "no-cache")
        response.headers.set("Content-Disposition", "inline; filename=\"sign-\(sign.id)-\(paper.rawValue).\(format.rawValue)\"")
        return response
    }

    /// FNV-1a, 64 bits, in hex: a short, stable tag for the ETag.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return String(value, radix: 16)
    }
}
