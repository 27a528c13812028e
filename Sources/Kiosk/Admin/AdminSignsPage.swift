import Foundation
import HTTPServer
import Synchronization

/// `/admin/signs`: make a QR sign for an article and add it to the catalogue.
///
/// - `GET /admin/signs`: the form (article search with suggestions where JavaScript runs, paper,
///   target, language), a preview once an article is chosen, and the catalogue with scan counts.
/// - `GET /admin/signs/preview?…`: the sign as a PNG (shown in the page).
/// - `GET /admin/signs/pdf?…`: the sign as a PDF download.
/// - `POST /admin/signs/add`: appends the sign to `signs.csv` (atomically, previous version kept
///   as `signs.csv.bak`).
struct AdminSignsPage {
    let area: AdminArea

    /// One catalogue write at a time.
    private static let writing = Mutex(())

    func handle(_ parts: [String], _ request: Request, _ page: AdminPage) -> Response? {
        switch (parts.first ?? "", request.method == .post) {
        case ("", false) where parts.isEmpty: return form(request, page, notice: "", status: 200)
        case ("preview", false): return render(request, format: .png)
        case ("pdf", false): return render(request, format: .pdf)
        case ("add", true): return add(request, page)
        default: return nil
        }
    }

    // MARK: - The sign asked for

    private var settings: KioskSettings { area.context.settings.current }

    private var template: SignTemplate {
        guard let config = area.options.configFile else { return SignTemplate() }
        let file = ((config as NSString).deletingLastPathComponent as NSString).appendingPathComponent("sign-template.ini")
        guard FileManager.default.fileExists(atPath: file) else { return SignTemplate() }
        return SignTemplate.load(file: file).template
    }

    private var composer: SignComposer {
        SignComposer(library: area.context.library, kioskHost: settings.canonicalHost, ssid: settings.hotspot.ssid,
                     publicBase: template.publicBase)
    }

    /// The sign described by the query or form fields; an id is made from the label when missing.
    private func sign(_ fields: QueryParameters) -> Sign? {
        let article = (fields["article"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !article.isEmpty else { return nil }
        let label = (fields["label"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let given = (fields["id"] ?? "").trimmingCharacters(in: .whitespaces)
        let id = given.isEmpty ? Sign.suggestedID(from: label.isEmpty ? article : label) : given
        let language = fields["language"].flatMap { SettingsParser.isLanguageCode($0) ? $0 : nil } ?? "fr"
        let target = fields["target"].flatMap(SignTarget.init(rawValue:)) ?? .kiosk
        let library = area.context.library
        let book = fields["book"] ?? library.books.first.map(library.stableName) ?? ""
        return Sign(id: id, book: book, article: article, label: label.isEmpty ? article : label, language: language,
                    target: target)
    }

    private func paper(_ fields: QueryParameters) -> PaperFormat {
        fields["paper"].flatMap(PaperFormat.init(name:)) ?? .a6
    }

    private func render(_ request: Request, format: SignOutputFormat) -> Response {
        guard let sign = sign(request.query), Sign.isValidID(sign.id) else {
            return area.refusal("admin.error.signform", status: 400, request)
        }
        do {
            let content = try composer.compose(sign)
            let renderer = SignRenderer(template: template, paper: paper(request.query), format: format, dpi: 60)
            guard let bytes = try renderer.render([content]).first else { throw SignError("nothing was drawn") }
            if format == .pdf {
                return AdminResponse.download(bytes, contentType: format.mimeType, fileName: "sign-\(sign.id).pdf")
            }
            var response = Response(status: 200, headers: ["Content-Type": format.mimeType], body: .bytes(bytes))
            AdminResponse.secure(&response, nonce: nil)
            return response
        } catch {
            return area.refusal("admin.error.signpreview", status: 422, request, ["reason": .text((error as? SignError)?.message ?? "\(error)")])
        }
    }

    // MARK: - Adding to the catalogue

    private func add(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        let fields = request.form
        guard let file = area.options.signsFile else {
            return form(request, page, notice: AdminPage.notice(t["admin.settings.nofile"], kind: "error"), status: 409)
        }
        guard let sign = sign(fields) else {
            return form(request, page, notice: AdminPage.notice("\(t["admin.signs.problems"]) \(t["admin.signs.article"])",
                                                              kind: "error"), status: 422)
        }
        if case .failure(let error) = composer.resolve(sign), sign.target == .kiosk {
            return form(request, page, notice: AdminPage.notice("\(t["admin.signs.problems"]) \(error.message)",
                                                              kind: "error"), status: 422)
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
            return AdminResponse.redirect("/admin/signs?added=\(URLPath.encodeQueryValue(sign.id))")
        case .failure(let error):
            return form(request, page, notice: AdminPage.notice("\(t["admin.signs.problems"]) \(error.message)",
                                                              kind: "error"), status: 422)
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
        if let added = request.query["added"] {
            body += AdminPage.notice("\(t["admin.signs.added"]) <code>\(added)</code>", kind: "ok")
        }
        let chosen = sign(fields)
        // Signs name a book by its stable name (undated for the newest edition): they outlive
        // a new edition.
        let library = area.context.library
        let names = library.books.map { ($0, library.stableName(of: $0)) }
        let selectedBook = fields["book"] ?? names.first?.1 ?? ""
        func selected(_ yes: Bool) -> HTML { yes ? " selected" : .empty }
        let bookOptions: [HTML] = names.map { book, name in
            "<option value=\"\(name)\"\(selected(name == selectedBook))>\(book.title)</option>"
        }
        let paperOptions: [HTML] = PaperFormat.allCases.map { paper in
            "<option value=\"\(paper.rawValue)\"\(selected(paper == self.paper(fields)))>\(paper.rawValue)</option>"
        }
        let targetOptions: [HTML] = SignTarget.allCases.map { target in
            "<option value=\"\(target.rawValue)\"\(selected(target == (chosen?.target ?? .kiosk)))>\(t["admin.signs.target.\(target.rawValue)"])</option>"
        }
        let language = chosen?.language ?? t.language
        let languageOptions: [HTML] = Array(Set(settings.languages + ["fr", "en"])).sorted().map { code in
            "<option value=\"\(code)\"\(selected(code == language))>\(code)</option>"
        }
        func value(_ name: String) -> String { fields[name] ?? "" }
        body += """
            <h2>\(t["admin.signs.new"])</h2>
            <form method="get" action="/admin/signs" class="card" id="signform">
            <div class="row"><div><label for="book">\(t["admin.signs.book"])</label><select id="book" name="book">\(bookOptions)</select></div>
            <div><label for="article">\(t["admin.signs.search"])</label>
            <input id="article" name="article" type="search" autocomplete="off" required value="\(value("article"))">
            <ul id="sug" class="sug" hidden></ul></div></div>
            <p class="hint">\(t["admin.signs.searchhint"])</p>
            <div class="row"><div><label for="label">\(t["admin.signs.label"])</label>
            <input id="label" name="label" type="text" maxlength="120" value="\(value("label"))"></div>
            <div><label for="id">\(t["admin.signs.id"])</label>
            <input id="id" name="id" type="text" maxlength="16" pattern="[A-Za-z0-9]{1,16}" value="\(value("id"))"></div></div>
            <div class="row"><div><label for="paper">\(t["admin.signs.paper"])</label><select id="paper" name="paper">\(paperOptions)</select></div>
            <div><label for="target">\(t["admin.signs.target"])</label><select id="target" name="target">\(targetOptions)</select></div>
            <div><label for="language">\(t["admin.signs.language"])</label><select id="language" name="language">\(languageOptions)</select></div></div>
            <button type="submit" id="preview">\(t["admin.signs.preview"])</button>
            </form>\n
            """
        if let chosen { body += preview(chosen, fields: fields, page) }
        body += catalogue(t)
        let html = page.render(title: t.plain("admin.nav.signs"), active: "/admin/signs", body: body, script: HTML(trusted: Self.script))
        return AdminResponse.html(html, status: status, nonce: page.nonce)
    }

    private func preview(_ sign: Sign, fields: QueryParameters, _ page: AdminPage) -> HTML {
        let t = page.t
        if case .failure(let error) = composer.resolve(sign), sign.target == .kiosk {
            return AdminPage.notice("\(t["admin.signs.problems"]) \(error.message)", kind: "error")
        }
        var query: [(String, String)] = [("book", sign.book), ("article", sign.article), ("label", sign.label),
                                          ("id", sign.id), ("language", sign.language), ("target", sign.target.rawValue)]
        query.append(("paper", paper(fields).rawValue))
        let encoded = query.map { "\($0.0)=\(URLPath.encodeQueryValue($0.1))" }.joined(separator: "&")
        let hidden: [HTML] = query.map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" }
        return """
            <div class="card preview"><h2>\(t["admin.signs.preview"]) · <code>\(sign.id)</code></h2>
            <p><img src="/admin/signs/preview?\(encoded)" alt="\(t["admin.signs.preview"])" width="300"></p>
            <p><a class="button" id="pdf" href="/admin/signs/pdf?\(encoded)">\(t["admin.signs.pdf"])</a></p>
            <form method="post" action="/admin/signs/add">\(page.csrfField)\(hidden)
            <button type="submit" id="add">\(t["admin.signs.add"])</button></form></div>\n
            """
    }

    private func catalogue(_ t: AdminText) -> HTML {
        var html: HTML = "<h2>\(t["admin.signs.list"])</h2>\n"
        guard let file = area.options.signsFile, FileManager.default.fileExists(atPath: file) else {
            return html + "<p class=\"hint\">\(t["admin.signs.none"])</p>\n"
        }
        let catalog = SignCatalog.load(file: file)
        var scans: [String: Int] = [:]
        if let log = area.context.usage as? UsageLog,
           let report = try? AdminDashboard.report(log, AdminDashboard.period(endingOn: log.today().day)) {
            for count in report.signTotals { scans[count.name.uppercased(), default: 0] += count.count }
        }
        if catalog.signs.isEmpty {
            html += "<p class=\"hint\">\(t["admin.signs.none"])</p>\n"
        } else {
            html += "<div class=\"scroll\"><table><thead><tr><th>\(t["admin.dash.sign"])</th><th>\(t["admin.signs.article"])</th>"
                + "<th>\(t["admin.signs.label"])</th><th class=\"n\">\(t["admin.signs.scans"])</th><th></th></tr></thead><tbody>\n"
            for sign in catalog.signs {
                let query = [("book", sign.book), ("article", sign.article), ("label", sign.label), ("id", sign.id),
                             ("language", sign.language), ("target", sign.target.rawValue)]
                    .map { "\($0.0)=\(URLPath.encodeQueryValue($0.1))" }.joined(separator: "&")
                html += "<tr><td><code>\(sign.id)</code></td><td>\(sign.article)"
                    + " <small>(\(sign.book))</small></td><td>\(sign.label)</td>"
                    + "<td class=\"n\">\(t.number(scans[sign.id] ?? 0))</td>"
                    + "<td><a href=\"/admin/signs/pdf?\(query)\">PDF</a></td></tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        if !catalog.problems.isEmpty {
            let problems: [HTML] = catalog.problems.map { "<li>\($0.description)</li>" }
            html += AdminPage.notice("\(t["admin.signs.problems"])<ul>\(problems)</ul>", kind: "info")
        }
        return html + "<p class=\"hint\">\(t["admin.signs.catalogue"]) <code>\(file)</code></p>\n"
    }

    /// Title suggestions from `/suggest` for the chosen book while typing.
    static let script = """
        (function(){var i=document.getElementById('article'),l=document.getElementById('sug'),b=document.getElementById('book'),\
        t=null;if(!i||!l)return;function close(){l.hidden=true;l.textContent=''}\
        i.addEventListener('input',function(){clearTimeout(t);var q=i.value.trim();if(q.length<2){close();return}\
        t=setTimeout(function(){fetch('/suggest?count=8&content='+encodeURIComponent(b.value)+'&term='+encodeURIComponent(q))\
        .then(function(r){return r.ok?r.json():[]}).then(function(items){l.textContent='';items.filter(function(x){\
        return x.kind==='path'}).forEach(function(x){var li=document.createElement('li'),btn=document.createElement('button');\
        btn.type='button';btn.textContent=x.value;btn.addEventListener('click',function(){i.value=x.path;close();\
        var lab=document.getElementById('label');if(lab&&!lab.value)lab.value=x.value});li.appendChild(btn);l.appendChild(li)});\
        l.hidden=!l.children.length}).catch(close)},200)})})();
        """
}
