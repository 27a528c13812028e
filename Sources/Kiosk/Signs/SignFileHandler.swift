import HTTPServer

/// `/signs/<id>.pdf|.svg|.png[?paper=A4|A5|A6|sticker-sheet&dpi=150|300]`: a catalogued sign,
/// rendered on demand with the kiosk's current host and Wi-Fi names, cached (see `SignDesk`),
/// with an ETag. Anyone may ask, so only the variants the signs page offers are made (4 papers ×
/// 2 resolutions × 3 formats per sign), one at a time off the request threads; when the
/// renderer is busy the answer is 503 with `Retry-After`.
struct SignFileHandler: Sendable {
    let context: KioskContext

    /// The resolutions offered for PNG files (print quality and poster quality).
    static let resolutions = [150, 300]
    /// Seconds a client is told to wait when the renderer is busy.
    static let retryAfter = 5

    func handle(_ request: Request, _ segments: ArraySlice<String>, completion: @escaping @Sendable (Response) -> Void) {
        do {
            try start(request, segments, completion: completion)
        } catch {
            completion(context.errors.response(for: error, to: request))
        }
    }

    private func start(_ request: Request, _ segments: ArraySlice<String>,
                       completion: @escaping @Sendable (Response) -> Void) throws(KioskError) {
        guard segments.count == 1, let name = segments.first, let dot = name.lastIndex(of: ".") else { throw .notFound }
        let id = String(name[..<dot])
        guard let format = SignOutputFormat(rawValue: name[name.index(after: dot)...].lowercased()), Sign.isValidID(id) else {
            throw KioskError(status: 400, key: "badrequest", message: "badrequest.signfile")
        }
        guard let paper = PaperFormat(name: request.query["paper"] ?? "A6") else {
            throw .invalidParameter("paper", expects: "badrequest.choice", ["choices": .text("A4, A5, A6, sticker-sheet")])
        }
        guard let dpi = Int(request.query["dpi"] ?? "150"), Self.resolutions.contains(dpi) else {
            throw .invalidParameter("dpi", expects: "badrequest.choice",
                                    ["choices": .text(Self.resolutions.map(String.init).joined(separator: ", "))])
        }
        let desk = context.signs
        let catalog = desk.catalog
        guard let sign = catalog.sign(id: id) else {
            return completion(SignPages.unknown(id, malformed: false, request: request, context: context, catalog: catalog))
        }
        let settings = context.settings.current
        let composer = SignComposer(library: context.library, kioskHost: settings.canonicalHost,
                                    ssid: settings.hotspot.ssid, publicBase: desk.template.publicBase)
        let bookID = context.library.book(named: sign.book)?.id ?? "-"
        // The file depends on these only, so PDF and SVG share one render whatever `dpi` says.
        let resolution = format == .png ? dpi : 0
        let key = [sign.id, format.rawValue, paper.rawValue, String(resolution), settings.canonicalHost,
                   settings.hotspot.ssid, bookID].joined(separator: "|")
        let context = context
        let accepted = desk.file(key, make: { () throws(SignError) -> [UInt8] in
            let content = try composer.compose(sign)
            let renderer = SignRenderer(template: desk.template, paper: paper, format: format, dpi: Double(dpi))
            return try renderer.render([content]).first ?? []
        }, completion: { result in
            switch result {
            case .success(let bytes):
                var response = Response(status: 200, headers: ["Content-Type": format.mimeType], body: .bytes(bytes))
                response.headers.set("ETag", "\"sign-\(FNV1a.hex((key + "|\(bytes.count)").utf8))\"")
                response.headers.set("Cache-Control", "no-cache")
                response.headers.set("Content-Disposition", "inline; filename=\"sign-\(sign.id)-\(paper.rawValue).\(format.rawValue)\"")
                completion(response)
            case .failure(let error):
                context.log.warning("sign \(sign.id) can't be made: \(error.message)", cause: "sign " + sign.id)
                completion(context.errors.response(for: KioskError(status: 404, key: "error.signfile", arguments: [
                    "id": .text(sign.id), "reason": .text(error.message)]), to: request))
            }
        })
        guard accepted else {
            var busy = KioskError(status: 503, key: "error.busy")
            busy.headers = [("Retry-After", String(Self.retryAfter))]
            throw busy
        }
    }
}
