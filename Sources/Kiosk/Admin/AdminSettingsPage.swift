import Foundation
import HTTPServer
import Synchronization

/// `/admin/settings`: the kiosk's name and place, the landing page's welcome and introduction in
/// each language, and the featured articles, in one form. A post is checked like the file
/// itself (`SettingsParser`), written back to `wikikiosk.conf` atomically (the previous version
/// kept as `wikikiosk.conf.bak`) and applied at once (`LiveSettings.replace`), no restart.
struct AdminSettingsPage {
    let area: AdminArea

    /// One save at a time (two staff members saving at once must not interleave).
    private static let saving = Mutex(())

    /// The values the form edits.
    struct Values {
        var name: String
        var place: String
        /// language → text key → text.
        var texts: [String: [String: String]]
        var featured: String
    }

    func handle(_ request: Request, _ page: AdminPage) -> Response {
        if request.method == .post { return save(request, page) }
        let settings = area.context.settings.current
        let notice = request.query["saved"] != nil ? AdminPage.notice(page.t["admin.settings.saved"], kind: "ok") : .empty
        return form(page, values: current(settings), notice: notice + warnings(settings, page.t), status: 200)
    }

    private func languages(_ settings: KioskSettings) -> [String] {
        let configured = settings.languages.filter { area.strings.tables[$0] != nil }
        return configured.isEmpty ? area.strings.tables.keys.sorted() : configured
    }

    /// The texts shown on the landing page now, per language (overrides, else the translation files).
    private func current(_ settings: KioskSettings) -> Values {
        var texts: [String: [String: String]] = [:]
        let overlaid = area.strings.overlaid(with: settings.landingTexts)
        for language in languages(settings) {
            for text in SettingsParser.editableTexts {
                texts[language, default: [:]][text.key] = LandingText(strings: overlaid, language: language).plain(text.key)
            }
        }
        let featured = settings.featured.map { article in
            "\(article.title) = \(article.book)/\(article.path)" + (article.description.isEmpty ? "" : " | \(article.description)")
        }.joined(separator: "\n")
        return Values(name: settings.name, place: settings.place, texts: texts, featured: featured)
    }

    private func save(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        let fields = request.form
        let settings = area.context.settings.current
        var values = Values(name: clean(fields["name"]), place: clean(fields["place"]), texts: [:],
                            featured: (fields["featured"] ?? "").replacingOccurrences(of: "\r", with: ""))
        var overrides: [String: [String: String]] = [:]
        for language in languages(settings) {
            for text in SettingsParser.editableTexts {
                let value = clean(fields["\(text.name)_\(language)"])
                values.texts[language, default: [:]][text.key] = value
                let standard = LandingText(strings: area.strings, language: language).plain(text.key)
                if !value.isEmpty && value != standard { overrides[language, default: [:]][text.key] = value }
            }
        }
        var problems: [String] = []
        let featuredLines = values.featured.split(separator: "\n").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
        for (number, line) in featuredLines.enumerated() {
            if line.hasPrefix("[") || line.hasPrefix("#") || line.hasPrefix(";") || !line.contains("=") {
                problems.append(t.plain("admin.settings.featuredline", ["line": .number(number + 1)])
                                + " " + t.plain("admin.settings.featuredformat"))
                continue
            }
            let single = SettingsParser.parse("[featured]\n" + line, file: "")
            for problem in single.problems {
                problems.append(t.plain("admin.settings.featuredline", ["line": .number(number + 1)]) + " " + problem.message)
            }
        }
        guard let file = area.options.configFile else {
            return form(page, values: values, notice: AdminPage.notice(t["admin.settings.nofile"], kind: "error"), status: 409)
        }
        let rewriter = ConfigRewriter(name: values.name, place: values.place, featuredLines: featuredLines,
                                      texts: overrides, languages: settings.languages)
        let outcome: Result<KioskSettings, SaveError> = Self.saving.withLock { _ in
            let original = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let text = rewriter.rewrite(original)
            let parsed = SettingsParser.parse(text, file: file)
            let all = problems + parsed.problems.map(\.message)
            guard all.isEmpty else { return .failure(.invalid(all)) }
            guard parsed.settings.name == values.name, parsed.settings.place == values.place,
                  parsed.settings.landingTexts == overrides else {
                return .failure(.invalid([t.plain("admin.settings.unwritable")]))
            }
            do {
                try AtomicFile.write(Array(text.utf8), to: file)
            } catch {
                return .failure(.write("\(error)"))
            }
            var live = area.context.settings.current
            live.name = parsed.settings.name
            live.place = parsed.settings.place
            live.featured = parsed.settings.featured
            live.landingTexts = parsed.settings.landingTexts
            area.context.settings.replace(with: live)
            return .success(live)
        }
        switch outcome {
        case .success:
            area.context.log.info("staff area: settings saved to \(file)")
            return AdminResponse.redirect("/admin/settings?saved=1")
        case .failure(.invalid(let messages)):
            let list: [HTML] = messages.map { "<li>\($0)</li>" }
            return form(page, values: values, notice: AdminPage.notice("\(t["admin.settings.problems"])<ul>\(list)</ul>",
                                                                      kind: "error"), status: 422)
        case .failure(.write(let message)):
            return form(page, values: values, notice: AdminPage.notice("\(t["admin.settings.writefailed"]) \(message)",
                                                                      kind: "error"), status: 500)
        }
    }

    private enum SaveError: Error {
        case invalid([String])
        case write(String)
    }

    /// One line, trimmed (a line break would end the value in the file).
    private func clean(_ value: String?) -> String {
        (value ?? "").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: " \t")
    }

    /// Featured articles the landing page can't show (book or article missing).
    private func warnings(_ settings: KioskSettings, _ t: AdminText) -> HTML {
        var missing: [HTML] = []
        for article in settings.featured {
            let book = area.context.library.book(named: article.book)
            let found = book.map { $0.archive.hasEntry(path: article.path) || $0.archive.hasEntry(path: "A/" + article.path) } ?? false
            if !found { missing.append("<li>\(article.title) (<code>\(article.book)/\(article.path)</code>)</li>") }
        }
        guard !missing.isEmpty else { return .empty }
        return AdminPage.notice("\(t["admin.settings.missing"])<ul>\(missing)</ul>", kind: "info")
    }

    private func form(_ page: AdminPage, values: Values, notice: HTML, status: Int) -> Response {
        let t = page.t
        let settings = area.context.settings.current
        var texts = HTML.empty
        for language in languages(settings) {
            let languageName = AdminText(strings: area.strings, language: language).plain("admin.language.name")
            texts += "<fieldset class=\"card\" lang=\"\(language)\"><legend>\(languageName)</legend>"
            for text in SettingsParser.editableTexts {
                let id = "\(text.name)_\(language)"
                let value = values.texts[language]?[text.key] ?? ""
                texts += "<label for=\"\(id)\">\(t["admin.settings.\(text.name)"])</label>"
                if text.maximum > 150 {
                    texts += "<textarea id=\"\(id)\" name=\"\(id)\" maxlength=\"\(text.maximum)\" rows=\"3\">\(value)</textarea>"
                } else {
                    texts += "<input id=\"\(id)\" name=\"\(id)\" type=\"text\" maxlength=\"\(text.maximum)\" value=\"\(value)\">"
                }
            }
            texts += "<p class=\"hint\">\(t["admin.settings.texthint"])</p></fieldset>\n"
        }
        let file: HTML = area.options.configFile.map { "<p class=\"hint\">\(t["admin.settings.file"]) <code>\($0)</code></p>" } ?? .empty
        let body: HTML = notice + """
            <form method="post" action="/admin/settings">\(page.csrfField)
            <div class="card">
            <label for="name">\(t["admin.settings.name"])</label>
            <input id="name" name="name" type="text" maxlength="80" required value="\(values.name)">
            <label for="place">\(t["admin.settings.place"])</label>
            <input id="place" name="place" type="text" maxlength="120" value="\(values.place)">
            </div>
            \(texts)<div class="card">
            <label for="featured">\(t["admin.settings.featured"])</label>
            <textarea id="featured" name="featured" rows="6">\(values.featured)</textarea>
            <p class="hint">\(t["admin.settings.featuredformat"])</p>
            </div>
            <button type="submit">\(t["admin.settings.save"])</button>
            </form>
            \(file)
            """
        return AdminResponse.html(page.render(title: t.plain("admin.nav.settings"), active: "/admin/settings", body: body),
                                  status: status, nonce: page.nonce)
    }
}
