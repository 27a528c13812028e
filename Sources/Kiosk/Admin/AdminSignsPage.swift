import Foundation
import HTTPServer
import Synchronization

/// `/admin/signs`: make a QR sign for an article and add it to the catalogue, so that no plaque
/// is ever printed that scans to something else than what it shows.
///
/// - `GET /admin/signs`: the form (book, article by title with suggestions where JavaScript
///   runs, optional place, id checked as typed, paper, target, language), a watermarked preview
///   once an article is found, and the catalogue checked line by line (`AdminSignsCatalogue`).
/// - `GET /admin/signs/preview?…`: the preview PNG, marked "APERÇU" across.
/// - `GET /admin/signs/id?id=…`: whether an id is free, or whose it is and a free one (JSON).
/// - `POST /admin/signs/add`: appends the sign to `signs.csv` (atomically, previous version kept
///   as `signs.csv.bak`) and starts its PDF's download.
/// - `GET /admin/signs/pdf?id=…&paper=…`: the PDF of a sign of the catalogue, and of no other.
struct AdminSignsPage {
    let area: AdminArea

    /// One catalogue write at a time.
    private static let writing = Mutex(())

    func handle(_ parts: [String], _ request: Request, _ page: AdminPage) -> Response? {
        switch (parts.first ?? "", request.method == .post) {
        case ("", false) where parts.isEmpty: return form(request, page, notice: .empty, status: 200)
        case ("preview", false): return preview(request, page)
        case ("pdf", false): return pdf(request, page)
        case ("id", false): return idStatus(request, page)
        case ("add", true): return add(request, page)
        default: return nil
        }
    }

    // MARK: - What the page works with

    private var settings: KioskSettings { area.context.settings.current }

    var template: SignTemplate {
        guard let config = area.options.configFile else { return SignTemplate() }
        let file = ((config as NSString).deletingLastPathComponent as NSString).appendingPathComponent("sign-template.ini")
        guard FileManager.default.fileExists(atPath: file) else { return SignTemplate() }
        return SignTemplate.load(file: file).template
    }

    var composer: SignComposer {
        SignComposer(library: area.context.library, kioskHost: settings.canonicalHost, ssid: settings.hotspot.ssid,
                     publicBase: template.publicBase)
    }

    /// The catalogue as it is on disk now (read once per request: pass it on).
    var catalog: SignCatalog? {
        guard let file = area.options.signsFile, FileManager.default.fileExists(atPath: file) else { return nil }
        return SignCatalog.load(file: file)
    }

    private func draft(_ fields: QueryParameters, _ request: Request, _ catalog: SignCatalog?) -> AdminSignDraft? {
        AdminSignDraft(fields, request: request, context: area.context, taken: Set(catalog?.signs.map(\.id) ?? []))
    }

    // MARK: - Files

    /// The preview PNG: the sign as it will print, marked "APERÇU" across so it is never printed.
    private func preview(_ request: Request, _ page: AdminPage) -> Response {
        guard let draft = draft(request.query, request, catalog), Sign.isValidID(draft.id) else {
            return area.refusal("admin.error.signform", status: 400, request)
        }
        var renderer = SignRenderer(template: template, paper: draft.paper, format: .png, dpi: 60)
        renderer.watermark = page.t.plain("admin.signs.watermark")
        return file(draft.sign, renderer: renderer, request)
    }

    /// The PDF of the catalogue's sign `id` (404 for an id the catalogue doesn't have).
    private func pdf(_ request: Request, _ page: AdminPage) -> Response {
        let id = (request.query["id"] ?? "").uppercased()
        guard let sign = catalog?.sign(id: id) else {
            return area.refusal("admin.signs.error.notincatalogue", status: 404, request, ["id": .text(id)])
        }
        let paper = request.query["paper"].flatMap(PaperFormat.init(name:)) ?? .a6
        return file(sign, renderer: SignRenderer(template: template, paper: paper, format: .pdf), request)
    }

    private func file(_ sign: Sign, renderer: SignRenderer, _ request: Request) -> Response {
        do throws(SignError) {
            let content = try composer.compose(sign)
            guard let bytes = try renderer.render([content]).first else { throw SignError("nothing was drawn") }
            if renderer.format == .pdf {
                return AdminResponse.download(bytes, contentType: renderer.format.mimeType, fileName: "sign-\(sign.id).pdf")
            }
            var response = Response(status: 200, headers: ["Content-Type": renderer.format.mimeType], body: .bytes(bytes))
            AdminResponse.secure(&response, nonce: nil)
            return response
        } catch {
            return area.refusal("admin.error.signpreview", status: 422, request, ["reason": .text(error.message)])
        }
    }

    /// `{"id": "NDPARIS", "status": "taken", "title": "…", "proposal": "NDPARIS2", "message": "…"}`.
    private func idStatus(_ request: Request, _ page: AdminPage) -> Response {
        struct Answer: Encodable { let id, status, title, proposal, message: String }
        let id = (request.query["id"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let status = AdminSignID(id: id, catalog: catalog, composer: composer)
        let answer = Answer(id: id, status: status.kind, title: status.takenTitle ?? "", proposal: status.proposal ?? "",
                            message: status.message(page.t).markup)
        return AdminResponse.json(String(decoding: JSONText.encode(answer), as: UTF8.self))
    }

    // MARK: - Adding to the catalogue

    private func add(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        guard let file = area.options.signsFile else {
            return form(request, page, notice: AdminPage.notice(t["admin.settings.nofile"], kind: "error"), status: 409)
        }
        let catalog = self.catalog
        guard let draft = draft(request.form, request, catalog) else {
            return form(request, page, notice: AdminPage.notice(t["admin.signs.error.noarticle"], kind: "error"), status: 422)
        }
        var sign = draft.sign
        if sign.target == .kiosk || !sign.book.isEmpty {
            switch composer.resolve(sign) {
            case .success(let found): sign.article = found.entry.path
            case .failure(let error) where sign.target == .kiosk:
                return form(request, page, notice: AdminSignsMessages(t: t).problem(error, draft: draft), status: 422)
            case .failure: break
            }
        }
        let status = AdminSignID(id: sign.id, catalog: catalog, composer: composer)
        guard status.kind == "free" else {
            return form(request, page, notice: AdminPage.notice(status.message(t), kind: "error"), status: 409)
        }
        let result: Result<Void, SignError> = Self.writing.withLock { _ in
            let original = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            var text = original.isEmpty ? SignCatalog.header.joined(separator: ",") + "\n" : original
            if !text.hasSuffix("\n") { text += "\n" }
            text += Self.csvLine([sign.id, sign.book, sign.article, sign.label, sign.language, sign.target.rawValue]) + "\n"
            let before = SignCatalog.parse(original, file: file)
            let after = SignCatalog.parse(text, file: file)
            if before.sign(id: sign.id) != nil { return .failure(SignError("the id \(sign.id) is already in the catalogue")) }
            let newProblems = after.problems.filter { !before.problems.map(\.message).contains($0.message) }
            if let problem = newProblems.first { return .failure(SignError(problem.message)) }
            guard after.sign(id: sign.id) != nil else { return .failure(SignError("the sign could not be added")) }
            do {
                try AtomicFile.write(Array(text.utf8), to: file)
            } catch {
                return .failure(SignError("\(error)"))
            }
            return .success(())
        }
        switch result {
        case .success:
            area.context.log.info("staff area: sign \(sign.id) added to \(file)")
            var response = AdminResponse.redirect("/admin/signs?added=\(URLPath.encodeQueryValue(sign.id))&paper=\(draft.paper.rawValue)")
            response.headers.add("Set-Cookie", "\(AdminSignDraft.bookCookie)=\(URLPath.encodeQueryValue(draft.book)); Path=/admin; HttpOnly; SameSite=Strict; Max-Age=31536000")
            return response
        case .failure(let error):
            return form(request, page, notice: AdminPage.notice("\(t["admin.signs.problems"]) \(error.message)", kind: "error"),
                        status: 422)
        }
    }

    /// One CSV record (RFC 4180 quoting).
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            let flat = field.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            guard flat.contains(where: { $0 == "," || $0 == "\"" }) || flat != flat.trimmingCharacters(in: .whitespaces) else {
                return flat
            }
            return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    // MARK: - The page

    private func form(_ request: Request, _ page: AdminPage, notice: HTML, status: Int) -> Response {
        let t = page.t
        let fields = request.method == .post ? request.form : request.query
        var body = notice
        var refresh: (seconds: Int, url: String)?
        if let added = request.query["added"].map({ $0.uppercased() }), Sign.isValidID(added) {
            let paper = request.query["paper"].flatMap(PaperFormat.init(name:)) ?? .a6
            let link = "/admin/signs/pdf?id=\(added)&paper=\(paper.rawValue)"
            body += AdminPage.notice(t["admin.signs.added.download", ["id": .text(added)]]
                                     + " <a id=\"pdf\" href=\"\(link)\">\(t["admin.signs.pdf.link", ["id": .text(added)]])</a>", kind: "ok")
            refresh = (1, link)
        }
        let catalog = self.catalog
        let draft = draft(fields, request, catalog)
        body += AdminSignsForm(t: t, context: area.context, draft: draft, fields: fields, request: request).render()
        if let draft {
            body += AdminSignsMessages(t: t).preview(draft, composer: composer, catalog: catalog, csrf: page.csrfField)
        }
        body += AdminSignsCatalogue(area: area, t: t).render(catalog, composer: composer)
        let html = page.render(title: t.plain("admin.nav.signs"), active: "/admin/signs", body: body,
                               script: HTML(trusted: AdminSignsForm.script), refresh: refresh)
        var response = AdminResponse.html(html, status: status, nonce: page.nonce)
        if let draft, request.method == .get {
            response.headers.add("Set-Cookie", "\(AdminSignDraft.bookCookie)=\(URLPath.encodeQueryValue(draft.book)); Path=/admin; HttpOnly; SameSite=Strict; Max-Age=31536000")
        }
        return response
    }
}
