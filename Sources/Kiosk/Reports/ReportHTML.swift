/// A `UsageReport` as one self-contained HTML page: inline CSS and SVG, no script, no
/// external asset; A4 print styles. In any language of the string catalog (`report.…` keys).
public enum ReportHTML {
    /// The report in `language`, with the texts of `strings` (the built-in ones by default).
    public static func render(_ report: UsageReport, language: String,
                              strings: StringCatalog = BuiltInCatalog.catalog, questionnaire: Questionnaire = .standard) -> String {
        let s = ReportText(strings: strings, language: language)
        let totals = report.totals
        let meta = strings.html("report.meta", language, ["kiosks": .text(report.kiosks.joined(separator: ", ")),
                                                           "date": .text(String(report.generated.prefix(10)))],
                                markup: ["period": "<b>\(period(report, s))</b>"])
        let (from, to) = bounds(report)
        var html: HTML = "<h1>\(s.t("title"))\(report.kioskName.map { " · \($0)" } ?? "")</h1>\n"
        if let place = report.kioskPlace, !place.isEmpty { html += "<p class=\"place\">\(place)</p>\n" }
        html += "<p class=\"meta\">\(meta)</p>\n"
        if let name = report.kioskName {
            var summary = s.t("summary", ["count": .number(totals.peopleReached), "name": .text(name),
                                          "period": .text(s.period(from: from, to: to)), "pages": .number(totals.pagesRead),
                                          "searches": .number(totals.searches), "scans": .number(totals.signScans),
                                          "sessions": .number(report.sessions.count)])
            if totals.minutesOn > 0 {
                summary += " " + s.t("summary.on", ["on": .text(s.duration(totals.minutesOn)),
                                                    "active": .text(s.duration(totals.activeMinutes))])
            }
            html += "<p class=\"summary\">\(summary)</p>\n"
        }
        html += "<section class=\"cards\">"
        html += card(s.t("peoplereached"), s.number(totals.peopleReached), s.t("peoplenote"))
        html += card(s.t("visits"), s.number(totals.visits), s.t("visitsnote"))
        html += card(s.t("pagesread"), s.number(totals.pagesRead), "")
        html += card(s.t("peak"), s.number(totals.peakPeople), totals.peakDay.map { s.t("peaknote", ["day": .text(s.date($0))]) } ?? "")
        html += card(s.t("searches"), s.number(totals.searches), "\(s.number(totals.zeroResultSearches)) · \(s.t("zeroresults").lowercased())")
        html += card(s.t("signscans"), s.number(totals.signScans), "")
        if totals.minutesOn > 0 { html += card(s.t("minuteson"), s.duration(totals.minutesOn), s.t("minutesonnote")) }
        html += "</section>\n"
        if report.days.isEmpty { html += "<p><i>\(s.t("nodata"))</i></p>" }
        html += grid(s.t("grid.aware"), peopleMadeAware(report, s))
        html += grid(s.t("grid.relevance"), section(s.t("questionnaire"), answers(report, questionnaire, s)))
        html += grid(s.t("grid.replication"), replication(report, s))
        var footer: [String] = []
        if totals.undatedEvents > 0 { footer.append(s.t("undated", ["count": .number(totals.undatedEvents)])) }
        if totals.droppedEvents > 0 { footer.append(s.t("dropped", ["count": .number(totals.droppedEvents)])) }
        footer.append(s.t("privacy"))
        html += "<footer>\(footer.map { "<p>\($0)</p>" as HTML })</footer>"
        return PageLayout(language: language, title: s.t("title"), style: css, body: html).render().markup
    }

    /// The period asked for, or the first and last day with data.
    private static func bounds(_ report: UsageReport) -> (from: String?, to: String?) {
        (report.from ?? report.days.first?.day, report.to ?? report.days.last?.day)
    }

    private static func period(_ report: UsageReport, _ s: ReportText) -> String {
        let (from, to) = bounds(report)
        guard let from, let to else { return s.t("alldates") }
        return from == to ? from : "\(from) → \(to)"
    }

    private static func card(_ title: String, _ value: String, _ note: String) -> HTML {
        "<div class=\"card\"><div class=\"label\">\(title)</div><div class=\"value\">\(value)</div><div class=\"note\">\(note)</div></div>"
    }

    /// Each question with its number of answers and, from 3 answers, how they spread (free-text
    /// questions: the number only — their words are in the staff area, never in a report).
    private static func answers(_ report: UsageReport, _ questionnaire: Questionnaire, _ s: ReportText) -> HTML {
        guard !report.answers.isEmpty else { return "<p class=\"note\">—</p>" }
        var html: HTML = .empty
        for result in report.answers {
            let question = questionnaire.questions.first { $0.id == result.question }
            let text = question?.text(s.language, s.strings) ?? result.question
            html += "<h4>\(text)</h4><p>\(s.t("answers", ["count": .number(result.answers)]))</p>"
            if question?.kind == .text { continue }
            guard result.answers >= minimumAnswers else {
                html += "<p class=\"note\">\(s.t("fewanswers", ["count": .number(minimumAnswers)]))</p>"
                continue
            }
            let bars = result.values.map { value in
                SVGChart.Bar(label: label(value.name, question, s), value: value.count, secondary: nil)
            }
            html += SVGChart.rows(bars, name: text, color: "#f28e2b")
        }
        return html
    }

    /// Below this many answers a question's spread is not shown (one person's answer could be read from it).
    public static let minimumAnswers = 3

    private static func label(_ value: String, _ question: Questionnaire.Question?, _ s: ReportText) -> String {
        switch question?.kind {
        case .yesNo: return s.strings.text(value == "yes" ? "questionnaire.yes" : "questionnaire.no", s.language)
        case .choice: return Int(value).flatMap { index in question?.options(s.language)[safe: index] } ?? value
        default: return value
        }
    }

    static func section(_ title: String, _ body: HTML) -> HTML {
        "<section><h3>\(title)</h3>\(body)</section>\n"
    }

    /// One heading of the evaluation grid and its sections.
    static func grid(_ title: String, _ body: HTML) -> HTML {
        "<div class=\"grid\"><h2>\(title)</h2>\n\(body)</div>\n"
    }

    static func legend(_ items: [(color: String, label: String)]) -> HTML {
        let entries: [HTML] = items.map { "<span style=\"background:\($0.color)\"></span>\($0.label)" }
        return "<p class=\"legend\">\(entries.joined(separator: " "))</p>"
    }

    /// A table whose cells after the first column that hold only a number are right-aligned.
    static func table(_ header: [String], _ rows: [[String]]) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"note\">—</p>" }
        let head: [HTML] = header.map { "<th>\($0)</th>" }
        let body: [HTML] = rows.map { row in
            let cells: [HTML] = row.enumerated().map { index, cell in
                let numeric = index > 0 && !cell.isEmpty
                    && cell.allSatisfy { $0.isNumber || $0 == "," || $0 == "." || $0 == "\u{202F}" || $0 == "\u{00A0}" }
                return numeric ? "<td class=\"n\">\(cell)</td>" : "<td>\(cell)</td>"
            }
            return "<tr>\(cells)</tr>"
        }
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"
    }

    private static let css: HTML = """
        @page { size: A4; margin: 15mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; background: #fff; max-width: 180mm; margin: 0 auto; padding: 8px; font-size: 11pt; }
        h1 { font-size: 20pt; margin: 0 0 4px; } h2 { font-size: 14pt; border-bottom: 2px solid #3366cc; padding-bottom: 2px; margin-top: 22px; }
        .meta, .note { color: #555; font-size: 9pt; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 8px; margin-top: 12px; }
        .card { border: 1px solid #ccd; border-radius: 6px; padding: 8px; break-inside: avoid; }
        .card .label { font-size: 9pt; color: #444; } .card .value { font-size: 20pt; font-weight: bold; color: #3366cc; }
        section { break-inside: avoid; overflow-x: auto; } h3 { font-size: 11.5pt; margin: 14px 0 4px; } h4 { font-size: 10.5pt; margin: 10px 0 2px; } .summary { font-size: 11.5pt; line-height: 1.45; }
        @media (max-width: 600px) { body { font-size: 10pt; } th, td { padding: 3px 4px; } .card .value { font-size: 16pt; } }
        table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; }
        footer { margin-top: 20px; border-top: 1px solid #ccc; font-size: 9pt; color: #444; }
        """
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
