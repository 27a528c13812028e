import HTTPServer

/// What the signs page says about the sign being made, in the staff member's language: why its
/// book or article can't be found (with the closest titles as links that fill the field), and
/// the preview card with the button that adds it to the catalogue and downloads its PDF.
struct AdminSignsMessages {
    let t: AdminText

    /// The problem of `error` for `draft`, with what to do.
    func problem(_ error: SignError, draft: AdminSignDraft) -> HTML {
        switch error.reason {
        case .bookNotFound(let name, let closest):
            var text = t["admin.signs.error.book", ["book": .text(name)]]
            if let closest { text += " " + link(t["admin.signs.error.didyoumean", ["book": .text(closest)]], draft, ("book", closest)) }
            return AdminPage.notice(text, kind: "error")
        case .articleNotFound(let article, _, let closest):
            var text = t["admin.signs.error.article", ["article": .text(article)]]
            if !closest.isEmpty {
                let buttons = closest.map { link(HTML(trusted: HTML.escape($0)), draft, ("article", $0), button: true) }
                text += " " + t["admin.signs.error.closest"] + " " + buttons.reduce(HTML.empty) { $0 + $1 + " " }
            }
            return AdminPage.notice(text, kind: "error")
        case .other:
            return AdminPage.notice("\(t["admin.signs.problems"]) \(error.message)", kind: "error")
        }
    }

    /// A link to the form with `change` made to the draft's fields.
    private func link(_ text: HTML, _ draft: AdminSignDraft, _ change: (String, String), button: Bool = false) -> HTML {
        var fields = draft.fields.filter { $0.0 != change.0 && $0.0 != "id" }
        if !draft.typedID.isEmpty { fields.append(("id", draft.typedID)) }
        fields.append(change)
        let query = fields.map { "\($0.0)=\(URLPath.encodeQueryValue($0.1))" }.joined(separator: "&")
        let style: HTML = button ? " class=\"button choice\"" : .empty
        return "<a\(style) href=\"/admin/signs?\(query)#preview\">\(text)</a>"
    }

    /// The preview card: the article's title, the id's status, the watermarked image and "Add
    /// to the catalogue and download the PDF"; or the problem.
    func preview(_ draft: AdminSignDraft, composer: SignComposer, catalog: SignCatalog?, csrf: HTML) -> HTML {
        var sign = draft.sign
        if sign.target == .kiosk || !sign.book.isEmpty {
            switch composer.resolve(sign) {
            case .success(let found): sign.resolvedTitle = found.entry.title
            case .failure(let error) where sign.target == .kiosk: return problem(error, draft: draft)
            case .failure: break
            }
        }
        let status = AdminSignID(id: draft.id, catalog: catalog, composer: composer)
        let query = draft.fields.map { "\($0.0)=\(URLPath.encodeQueryValue($0.1))" }.joined(separator: "&")
        let hidden: [HTML] = draft.fields.map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" }
        let place: HTML = draft.label.isEmpty ? t["admin.signs.noplace"] : "\(draft.label)"
        return """
            <div class="card preview" id="preview"><h2>\(t["admin.signs.preview"]) · <code>\(draft.id)</code></h2>
            <p><b>\(sign.displayTitle)</b><br><span class="hint">\(place)</span></p>
            <p>\(status.message(t))</p>
            <p><img src="/admin/signs/preview?\(query)" alt="\(t.plain("admin.signs.preview.alt", ["title": .text(sign.displayTitle)]))" width="300"></p>
            <p class="hint">\(t["admin.signs.preview.hint"])</p>
            <form method="post" action="/admin/signs/add">\(csrf)\(hidden)
            <button type="submit" id="add">\(t["admin.signs.addpdf"])</button></form></div>\n
            """
    }
}
