import Foundation
import HTTPServer

/// The catalogue on the signs page, checked line by line with the same checker as
/// `wikikiosk sign --check`: each sign with its article's title, place and language, its scans
/// and last scan date, and its PDF — or, for a line pointing to a missing book or article or
/// with a malformed id, what is wrong and what to do (no PDF for it).
struct AdminSignsCatalogue {
    let area: AdminArea
    let t: AdminText

    func render(_ catalog: SignCatalog?, composer: SignComposer) -> HTML {
        var html: HTML = "<h2>\(t["admin.signs.list"])</h2>\n"
        guard let catalog, let file = area.options.signsFile else { return html + "<p class=\"hint\">\(t["admin.signs.none"])</p>\n" }
        let findings = SignCatalogChecker.findings(catalog, composer: composer)
        let broken = Dictionary(findings.compactMap { finding in finding.signID.map { ($0, finding) } }, uniquingKeysWith: { first, _ in first })
        let scans = self.scans()
        if catalog.signs.isEmpty {
            html += "<p class=\"hint\">\(t["admin.signs.none"])</p>\n"
        } else {
            html += """
                <div class="scroll"><table class="stack"><caption class="sr">\(t["admin.signs.list"])</caption><thead><tr>\
                <th>\(t["admin.dash.sign"])</th><th>\(t["admin.signs.article"])</th><th>\(t["admin.signs.label"])</th>\
                <th class="n">\(t["admin.signs.scans"])</th><th>\(t["admin.signs.lastscan"])</th><th>\(t["admin.signs.status"])</th>\
                </tr></thead><tbody>\n
                """
            for sign in catalog.signs {
                let title = composer.title(of: sign)
                let count = scans[sign.id]
                let status: HTML
                if let finding = broken[sign.id] {
                    status = "<span class=\"no\">\(fix(finding, file: file))</span>"
                } else {
                    status = "<span class=\"yes\">\(t["admin.signs.ok"])</span> "
                        + "<a href=\"/admin/signs/pdf?id=\(sign.id)&amp;paper=A6\">\(t["admin.signs.pdf"])</a>"
                }
                let language = t.strings.has("language.name", in: sign.language) ? t.strings.text("language.name", sign.language) : sign.language
                html += "<tr><td><code>\(sign.id)</code></td><td>\(title) <small>(\(sign.book.isEmpty ? t.plain("admin.signs.target.\(sign.target.rawValue)") : sign.book))</small></td>"
                    + "<td data-label=\"\(t.plain("admin.signs.label"))\">\(sign.label)</td>"
                    + "<td class=\"n\" data-label=\"\(t.plain("admin.signs.scans"))\">\(t.number(count?.scans ?? 0))</td>"
                    + "<td data-label=\"\(t.plain("admin.signs.lastscan"))\">\(count?.last ?? t.plain("admin.signs.never"))</td>"
                    + "<td>\(status) <span class=\"hint\" lang=\"\(sign.language)\">\(language)</span></td></tr>\n"
            }
            html += "</tbody></table></div>\n"
        }
        let unreadable = findings.filter { $0.signID == nil }
        if !unreadable.isEmpty {
            let items: [HTML] = unreadable.map { "<li>\(fix($0, file: file))</li>" }
            html += AdminPage.notice("\(t["admin.signs.problems"])<ul>\(items)</ul>", kind: "error")
        }
        return html + "<p class=\"hint\">\(t["admin.signs.catalogue"]) <code>\(file)</code></p>\n"
    }

    /// What is wrong with a line and what to do, in the staff member's language.
    private func fix(_ finding: SignCatalogChecker.Finding, file: String) -> HTML {
        let line: TextArgument = .number(finding.line ?? 0)
        switch finding.reason {
        case .bookNotFound(let name, _):
            return t["admin.signs.fix.book", ["book": .text(name), "line": line]]
        case .articleNotFound(let article, let book, let closest):
            let titles = closest.map { "« \($0) »" }.joined(separator: ", ")
            return t["admin.signs.fix.article", ["article": .text(article.replacingOccurrences(of: "_", with: " ")),
                                                  "book": .text(book), "line": line]]
                + (closest.isEmpty ? .empty : " " + t["admin.signs.error.closest"] + " \(titles)")
        case .other:
            return t["admin.signs.fix.line", ["line": line, "message": .text(finding.message)]]
        }
    }

    /// Scans since the statistics began, and the last day scanned, by sign id: one grouped
    /// query on the usage database (not a whole report).
    private func scans() -> [String: (scans: Int, last: String?)] {
        guard let log = area.context.usage as? UsageLog,
              let db = try? SQLiteConnection(path: log.path, readOnly: true, create: false),
              let rows = try? db.rows("""
                  SELECT UPPER(detail), COUNT(*), MAX(day) FROM events WHERE kind = \(EventKind.sign.sql) GROUP BY UPPER(detail)
                  """) else { return [:] }
        return Dictionary(rows.map { ($0[0].string ?? "", ($0[1].int ?? 0, $0[2].string)) }, uniquingKeysWith: { first, _ in first })
    }
}
