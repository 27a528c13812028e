import Foundation
import HTTPServer

/// `/admin`: today's live numbers and the last 30 days (people reached, pages read, top
/// articles, sign scans, searches with no result) with an inline SVG chart; where JavaScript
/// runs, the numbers and chart refresh every 20 s from `/admin/api/dashboard` without a reload.
/// `/admin/report` downloads the evaluation report (HTML or CSV) for a chosen period.
struct AdminDashboard {
    let area: AdminArea
    static let days = 30

    private var usageLog: UsageLog? { area.context.usage as? UsageLog }

    func page(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        guard let log = usageLog else {
            var body = AdminPage.notice(t["admin.dash.nostats"], kind: "info")
            if let problem = (area.context.usage as? NoUsageRecording)?.problem {
                body += AdminPage.notice("\(t["admin.dash.statsproblem"]) \(problem)", kind: "error")
            }
            return AdminResponse.html(page.render(title: t.plain("admin.nav.dashboard"), active: "/admin", body: body),
                                      nonce: page.nonce)
        }
        let today = log.today()
        let period = Self.period(endingOn: today.day)
        let report = try? Self.report(log, period)
        let day: HTML = today.day.map { " <small>(\($0))</small>" } ?? .empty
        var body: HTML = "<p><a class=\"button\" href=\"/admin/presenter\" id=\"presenter\">\(t["admin.dash.presenter"])</a></p>\n"
        body += AdminSessionForms(area: area).card(log, page)
        body += AdminObjectivesForm(area: area).card(log, page, dashboard: (period, report))
        body += "<h2>\(t["admin.dash.today"])\(day)</h2>\n"
        body += "<div class=\"grid\" id=\"today\">"
        for (key, value) in Self.todayCards(today) {
            body += "<div class=\"num\"><b data-k=\"\(key)\">\(t.number(value))</b><span>\(t["admin.dash.\(key)"])</span></div>"
        }
        body += "</div>\n"
        if today.day == nil { body += AdminPage.notice(t["admin.dash.undated"], kind: "info") }
        if let aside = log.setAside {
            body += AdminPage.notice(t["admin.dash.setaside", ["file": .text(aside)]], kind: "info")
        }
        if let problem = today.problem {
            body += AdminPage.notice(t["admin.dash.problem", ["count": .number(today.pending),
                                                               "cause": .text(t.plain("admin.dash.cause." + problem))]],
                                     kind: "error")
        }
        if today.dropped > 0 {
            body += AdminPage.notice(t["admin.dash.lost", ["count": .number(today.dropped)]], kind: "info")
        }
        body += "<h2>\(t["admin.dash.last30"]) <small>(\(period.from) → \(period.to))</small></h2>\n"
        if let report {
            body += last30(report, period, t)
        } else {
            body += AdminPage.notice(t["admin.dash.noreport"], kind: "info")
        }
        body += reportForm(period, t)
        let html = page.render(title: t.plain("admin.nav.dashboard"), active: "/admin", body: body, script: HTML(trusted: Self.script))
        return AdminResponse.html(html, nonce: page.nonce)
    }

    private static func todayCards(_ today: TodayCounters) -> [(String, Int)] {
        [("people", today.people), ("articleViews", today.articleViews), ("searches", today.searches),
         ("zeroResultSearches", today.zeroResultSearches), ("signScans", today.signScans), ("portalJoins", today.portalJoins)]
    }

    private func last30(_ report: UsageReport, _ period: (from: String, to: String), _ t: AdminText) -> HTML {
        let totals = report.totals
        var html: HTML = "<div class=\"grid\">"
        for (key, value) in [("people", totals.peopleReached), ("articleViews", totals.pagesRead),
                             ("signScans", totals.signScans), ("zeroResultSearches", totals.zeroResultSearches)] {
            html += "<div class=\"num\"><b>\(t.number(value))</b><span>\(t["admin.dash.\(key)"])</span></div>"
        }
        html += "</div>\n<figure class=\"card chart\" aria-labelledby=\"chartcap\"><figcaption id=\"chartcap\" class=\"hint\">"
            + "\(t["admin.dash.chartlegend"])</figcaption>"
            + "<div id=\"chart\">\(Self.chart(report, period, name: t.plain("admin.dash.chartlegend")))</div>"
            + numbers(report, t) + "</figure>\n"
        let articles = report.topArticles.sorted { $0.views > $1.views }.prefix(10)
        html += "<h2>\(t["admin.dash.toparticles"])</h2>\n"
        html += table(t, headers: ["admin.dash.article", "admin.dash.views"], rows: articles.map { article in
            let link = URLPath.content(book: article.book, path: article.path)
            let title = article.title.isEmpty ? article.path : article.title
            return ["<a href=\"\(link)\">\(title)</a> <small>(\(article.book))</small>", "\(t.number(article.views))"]
        })
        html += "<h2>\(t["admin.dash.signs"])</h2>\n"
        html += table(t, headers: ["admin.dash.sign", "admin.dash.scans"], rows: report.signTotals.prefix(20).map {
            ["<code>\($0.name)</code>", "\(t.number($0.count))"]
        })
        html += "<h2>\(t["admin.dash.gaps"])</h2>\n<p class=\"hint\">\(t["admin.dash.gapshint", ["count": .number(report.minimumDevices)]])</p>\n"
        html += table(t, headers: ["admin.dash.query", "admin.dash.searchcount"], rows: report.contentGaps.prefix(20).map {
            ["\($0.query)", "\(t.number($0.searches))"]
        })
        return html + freeTexts(t)
    }

    /// The questionnaire's last free-text answers: in the staff area only, never in a report.
    private func freeTexts(_ t: AdminText) -> HTML {
        let questions = area.context.settings.current.questionnaire.questions.filter { $0.kind == .text }.map(\.id)
        guard let log = usageLog, !questions.isEmpty,
              let db = try? SQLiteConnection(path: log.path, readOnly: true, create: false) else { return .empty }
        let list = questions.map { _ in "?" }.joined(separator: ", ")
        let texts = (try? db.rows("SELECT query FROM events WHERE kind = \(EventKind.answer.sql) AND detail IN (\(list)) "
                                  + "ORDER BY id DESC LIMIT 50", questions.map { .text($0) }))?.compactMap { $0[0].string } ?? []
        var html: HTML = "<h2 id=\"freetexts\">\(t["admin.dash.freetexts"])</h2>\n<p class=\"hint\">\(t["admin.dash.freetextshint"])</p>\n"
        guard !texts.isEmpty else { return html + "<p class=\"hint\">\(t["admin.dash.none"])</p>\n" }
        let items: [HTML] = texts.map { "<li>\($0)</li>" }
        html += "<ul>\(items)</ul>\n"
        return html
    }

    /// A table whose columns after the first are numbers (right-aligned).
    private func table(_ t: AdminText, headers: [String], rows: [[HTML]]) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"hint\">\(t["admin.dash.none"])</p>\n" }
        func cellClass(_ column: Int) -> HTML { column > 0 ? " class=\"n\"" : .empty }
        let head: [HTML] = headers.enumerated().map { "<th\(cellClass($0.offset))>\(t[$0.element])</th>" }
        let body: HTML = rows.map { row -> HTML in
            let cells: [HTML] = row.enumerated().map { "<td\(cellClass($0.offset))>\($0.element)</td>" }
            return "<tr>\(cells)</tr>"
        }.joined(separator: "\n")
        return "<div class=\"scroll\"><table><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table></div>\n"
    }

    private func reportForm(_ period: (from: String, to: String), _ t: AdminText) -> HTML {
        """
        <h2>\(t["admin.report.title"])</h2>
        <form method="get" action="/admin/report" class="card"><div class="row">
        <div><label for="from">\(t["admin.report.from"])</label><input id="from" name="from" type="date" value="\(period.from)" required></div>
        <div><label for="to">\(t["admin.report.to"])</label><input id="to" name="to" type="date" value="\(period.to)" required></div>
        <div><label for="format">\(t["admin.report.format"])</label><select id="format" name="format">\
        <option value="html">\(t["admin.report.html"])</option><option value="csv">\(t["admin.report.csv"])</option></select></div>
        </div><input type="hidden" name="lang" value="\(t.language)">
        <button type="submit" id="download-report">\(t["admin.report.download"])</button></form>
        """
    }

    /// `/admin/api/today` (today's counters) and `/admin/api/dashboard` (today + the 30-day chart).
    func api(_ name: String, _ request: Request) -> Response {
        guard let log = usageLog else { return AdminResponse.json("{\"error\": \"statistics are off\"}", status: 404) }
        let today = log.today()
        switch name {
        case "today":
            return AdminResponse.json(today.json)
        case "dashboard":
            let period = Self.period(endingOn: today.day)
            let name = area.text(for: request, session: nil).plain("admin.dash.chartlegend")
            let chart = (try? Self.report(log, period)).map { Self.chart($0, period, name: name).markup } ?? ""
            let encoded = String(decoding: JSONText.encode(chart), as: UTF8.self)
            return AdminResponse.json("{\"today\": \(today.json), \"chart\": \(encoded)}")
        default:
            return AdminResponse.json("{\"error\": \"no such endpoint\"}", status: 404)
        }
    }

    /// `/admin/report?from=…&to=…&format=html|csv&lang=…`: the evaluation report as a download.
    func report(_ request: Request, _ page: AdminPage) -> Response {
        guard let log = usageLog else { return area.refusal("admin.error.nostats", status: 404, request) }
        let today = log.today()
        let fallback = Self.period(endingOn: today.day)
        let from = request.query["from"] ?? fallback.from, to = request.query["to"] ?? fallback.to
        guard UsageReportBuilder.isDay(from), UsageReportBuilder.isDay(to), from <= to else {
            return area.refusal("admin.error.period", status: 400, request)
        }
        log.flush()
        var builder = UsageReportBuilder(databases: [log.path], from: from, to: to)
        builder.minimumDevices = 2
        let questionnaire = area.context.settings.current.questionnaire
        builder.textQuestions = Set(questionnaire.questions.filter { $0.kind == .text }.map(\.id))
        guard var report = try? builder.build() else {
            return area.refusal("admin.error.report", status: 500, request)
        }
        let settings = area.context.settings.current
        report.kioskName = settings.name
        report.kioskPlace = settings.place
        report.bookTitles = Dictionary(area.context.library.books.map { ($0.name, $0.title) }, uniquingKeysWith: { first, _ in first })
        if let file = area.options.signsFile, FileManager.default.fileExists(atPath: file) {
            for sign in SignCatalog.load(file: file).signs where !sign.label.isEmpty { report.signLabels[sign.id] = sign.label }
        }
        let objectives = settings.objectives
        report.objectives = objectives.results(report)
        if let start = objectives.from, let end = objectives.to { report.objectivesPeriod = "\(start) – \(end)" }
        let name = "wikikiosk-report-\(from)-\(to)"
        switch request.query["format"] ?? "html" {
        case "csv":
            let tables = ReportCSV.tables(report)
            if let only = request.query["table"], let table = tables.first(where: { $0.name == only }) {
                return AdminResponse.download(Array(table.csv.utf8), contentType: "text/csv; charset=utf-8",
                                              fileName: "\(name)-\(only).csv")
            }
            let text = tables.map { "# \($0.name)\r\n" + $0.csv }.joined(separator: "\r\n")
            return AdminResponse.download(Array(text.utf8), contentType: "text/csv; charset=utf-8", fileName: name + ".csv")
        case "html":
            return AdminResponse.download(Array(ReportHTML.render(report, language: page.t.language, strings: area.strings,
                                                                  questionnaire: questionnaire).utf8),
                                          contentType: "text/html; charset=utf-8", fileName: name + ".html")
        default:
            return area.refusal("admin.error.format", status: 400, request)
        }
    }

    /// The report for the dashboard's period.
    static func report(_ log: UsageLog, _ period: (from: String, to: String)) throws -> UsageReport {
        var builder = UsageReportBuilder(databases: [log.path], from: period.from, to: period.to)
        builder.topArticlesPerBook = 10
        return try builder.build()
    }

    /// The chart's numbers as a table (its text alternative), days with visits only.
    private func numbers(_ report: UsageReport, _ t: AdminText) -> HTML {
        let days = report.days.filter { $0.pagesRead > 0 || $0.people > 0 }
        guard !days.isEmpty else { return "<p class=\"hint\">\(t["admin.dash.chartempty"])</p>" }
        var rows: HTML = .empty
        for day in days {
            rows += "<tr><td>\(day.day)</td><td class=\"n\">\(t.number(day.pagesRead))</td><td class=\"n\">\(t.number(day.people))</td></tr>"
        }
        return "<details><summary>\(t["admin.dash.chartnumbers"])</summary><table><thead><tr><th scope=\"col\">\(t["admin.dash.day"])</th>"
            + "<th scope=\"col\" class=\"n\">\(t["admin.dash.articleViews"])</th><th scope=\"col\" class=\"n\">\(t["admin.dash.people"])</th>"
            + "</tr></thead><tbody>\(rows)</tbody></table></details>"
    }

    /// Pages read (bars) and people (thin bars) per day, every day of the period shown.
    static func chart(_ report: UsageReport, _ period: (from: String, to: String), name: String) -> HTML {
        let byDay = Dictionary(report.days.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        let bars = Self.daysList(period).map { day in
            SVGChart.Bar(label: String(day.suffix(5)), value: byDay[day]?.pagesRead ?? 0, secondary: byDay[day]?.people ?? 0)
        }
        return SVGChart.columns(bars, name: name, width: 680, height: 200, labelEvery: 5)
    }

    /// The 30 days ending on `day` (today, or the system's today while the date is unknown).
    static func period(endingOn day: String?) -> (from: String, to: String) {
        let end = day.flatMap(date(of:)) ?? Date()
        let start = Calendar.current.date(byAdding: .day, value: -(days - 1), to: end) ?? end
        return (string(of: start), string(of: end))
    }

    static func daysList(_ period: (from: String, to: String)) -> [String] {
        guard var current = date(of: period.from), let end = date(of: period.to) else { return [] }
        var out: [String] = []
        while current <= end, out.count < 400 {
            out.append(string(of: current))
            current = Calendar.current.date(byAdding: .day, value: 1, to: current) ?? end.addingTimeInterval(1)
        }
        return out
    }

    private static func date(of day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Calendar.current.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }

    private static func string(of date: Date) -> String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Refreshes the numbers and the chart every 20 s; stops when the session has ended.
    static let script = """
        (function(){var fmt=function(n){return Number(n).toLocaleString(document.documentElement.lang)};\
        function tick(){fetch('/admin/api/dashboard',{credentials:'same-origin',cache:'no-store'}).then(function(r){\
        if(r.status===401){location.href='/admin/login';throw 0}return r.json()}).then(function(d){\
        document.querySelectorAll('[data-k]').forEach(function(e){var k=e.getAttribute('data-k');\
        if(d.today&&k in d.today)e.textContent=fmt(d.today[k])});var c=document.getElementById('chart');\
        if(c&&d.chart)c.innerHTML=d.chart;setTimeout(tick,20000)}).catch(function(e){if(e!==0)setTimeout(tick,60000)})}\
        setTimeout(tick,20000)})();
        """
}
