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
        var html: HTML = "<h1>\(s.t("title"))\(report.kioskName.map { " · \($0)" } ?? "")</h1>\n"
        if let place = report.kioskPlace, !place.isEmpty { html += "<p class=\"place\">\(place)</p>\n" }
        html += "<p class=\"meta\">\(meta)</p>\n"
        if let name = report.kioskName {
            html += "<p class=\"summary\">\(s.t("summary", ["count": .number(totals.peopleReached), "name": .text(name), "period": .text(period(report, s)), "pages": .number(totals.pagesRead), "searches": .number(totals.searches), "scans": .number(totals.signScans), "sessions": .number(report.sessions.count)]))</p>\n"
        }
        html += "<section class=\"cards\">"
        html += card(s.t("peoplereached"), s.number(totals.peopleReached), s.t("peoplenote"))
        html += card(s.t("visits"), s.number(totals.visits), s.t("visitsnote"))
        html += card(s.t("pagesread"), s.number(totals.pagesRead), "")
        html += card(s.t("peak"), s.number(totals.peakPeople), totals.peakDay ?? "")
        html += card(s.t("searches"), s.number(totals.searches), "\(s.number(totals.zeroResultSearches)) · \(s.t("zeroresults").lowercased())")
        html += card(s.t("signscans"), s.number(totals.signScans), "")
        html += "</section>\n"
        if report.days.isEmpty { html += "<p><i>\(s.t("nodata"))</i></p>" }
        if !report.objectives.isEmpty {
            let note = report.objectivesPeriod.map { "<p class=\"note\">\(s.t("objectivesperiod", ["period": .text($0)]))</p>" as HTML } ?? .empty
            html += section(s.t("objectives"), table(
                [s.t("indicator"), s.t("target"), s.t("result"), s.t("variance")],
                report.objectives.map { objective in
                    let variance = (objective.variance > 0 ? "+" : "") + s.number(objective.variance)
                    return [s.t("objective." + objective.indicator), s.number(objective.target), s.number(objective.result),
                            variance + (objective.percent.map { " (\($0) %)" } ?? "")]
                }) + note)
        }

        html += section(s.t("perday"), SVGChart.columns(
            report.days.map { .init(label: String($0.day.suffix(5)), value: $0.people, secondary: $0.pagesRead) },
            name: s.t("perday"), labelEvery: max(1, report.days.count / 14))
            + legend([("#3366cc", s.t("peoplereached")), ("#f28e2b", s.t("pagesread"))]))
        html += section(s.t("byhour"), SVGChart.columns(
            report.hours.map { .init(label: "\($0.hour)", value: $0.pagesRead) }, name: s.t("byhour"), height: 160, labelEvery: 2))
        html += section(s.t("busiestdays"), table(
            [s.t("day"), s.t("peoplereached"), s.t("visits"), s.t("pagesread"), s.t("searches"), s.t("signscans")],
            report.busiestDays.map { [$0.day, s.number($0.people), s.number($0.visits), s.number($0.pagesRead),
                                      s.number($0.searches), s.number($0.signScans)] }))
        let funnel = report.funnel
        let funnelBars: [SVGChart.Bar] = funnel.joined > 0
            ? [.init(label: s.t("joined"), value: funnel.joined), .init(label: s.t("landed"), value: funnel.landed),
               .init(label: s.t("read"), value: funnel.read)]
            : [.init(label: s.t("alldevicesfunnel"), value: funnel.allDevices),
               .init(label: s.t("landed"), value: funnel.anyLanding), .init(label: s.t("read"), value: funnel.anyRead)]
        html += section(s.t("funnel"), SVGChart.rows(funnelBars, name: s.t("funnel"), color: "#59a14f"))
        html += section(s.t("toparticles"), table(
            [s.t("book"), s.t("article"), s.t("views"), s.t("readers")],
            report.topArticles.map { [report.bookTitles[$0.book] ?? $0.book, $0.title, s.number($0.views), s.number($0.readers)] }))
        html += section(s.t("arrivals"), SVGChart.rows(report.arrivals.map { .init(label: s.arrival($0.name), value: $0.count) },
                                                       name: s.t("arrivals")))
        html += section(s.t("questionnaire"), answers(report, questionnaire, s))
        html += section(s.t("sessions"), table(
            [s.t("session"), s.t("sessionstart"), s.t("minutes"), s.t("participants"), s.t("pagesread"), s.t("searches"), s.t("signscans")],
            report.sessions.map { session in
                let who = [session.place, session.mediator].filter { !$0.isEmpty }.joined(separator: " · ")
                let participants = session.expected.map {
                    s.t("participantsof", ["count": .number(session.participants), "expected": .number($0)])
                } ?? s.number(session.participants)
                return [who.isEmpty ? session.title : "\(session.title) (\(who))", session.start, s.number(session.minutes),
                        participants, s.number(session.pagesRead), s.number(session.searches), s.number(session.signScans)]
            }))
        func sign(_ id: String) -> String { report.signLabels[id.uppercased()].map { "\($0) (\(id))" } ?? id }
        html += section(s.t("signs"), SVGChart.rows(report.signTotals.map { .init(label: sign($0.name), value: $0.count) },
                                                    name: s.t("signs"), color: "#e15759")
            + table([s.t("sign"), s.t("day"), s.t("scans"), s.t("devicescol")],
                    report.signs.map { [sign($0.sign), $0.day, s.number($0.scans), s.number($0.devices)] }))
        let note = s.t("hiddenqueries", ["count": .number(report.hiddenQueries), "minimum": .number(report.minimumDevices)])
        html += section(s.t("topsearches"), table(
            [s.t("query"), s.t("searches"), s.t("devicescol"), s.t("zeroresults")],
            report.topSearches.map { [$0.query, s.number($0.searches), s.number($0.devices), s.number($0.zeroResults)] }))
        html += section(s.t("contentgaps"), table(
            [s.t("query"), s.t("searches"), s.t("devicescol")],
            report.contentGaps.map { gap in
                [gap.correction.map { s.t("corrected", ["query": .text(gap.query), "correction": .text($0)]) } ?? gap.query,
                 s.number(gap.searches), s.number(gap.devices)]
            }) + "<p class=\"note\">\(note)</p>")
        html += section(s.t("devices"), SVGChart.rows(report.devices.map { .init(label: s.deviceClass($0.name), value: $0.count) },
                                                      name: s.t("devices"), color: "#76b7b2"))
        var footer: [String] = []
        if totals.undatedEvents > 0 { footer.append(s.t("undated", ["count": .number(totals.undatedEvents)])) }
        if totals.droppedEvents > 0 { footer.append(s.t("dropped", ["count": .number(totals.droppedEvents)])) }
        footer.append(s.t("privacy"))
        html += "<footer>\(footer.map { "<p>\($0)</p>" as HTML })</footer>"
        return PageLayout(language: language, title: s.t("title"), style: css, body: html).render().markup
    }

    private static func period(_ report: UsageReport, _ s: ReportText) -> String {
        let from = report.from ?? report.days.first?.day
        let to = report.to ?? report.days.last?.day
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
            html += "<h3>\(text)</h3><p>\(s.t("answers", ["count": .number(result.answers)]))</p>"
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

    private static func section(_ title: String, _ body: HTML) -> HTML {
        "<section><h2>\(title)</h2>\(body)</section>\n"
    }

    private static func legend(_ items: [(color: String, label: String)]) -> HTML {
        let entries: [HTML] = items.map { "<span style=\"background:\($0.color)\"></span>\($0.label)" }
        return "<p class=\"legend\">\(entries.joined(separator: " "))</p>"
    }

    /// A table whose cells after the first column that hold only a number are right-aligned.
    private static func table(_ header: [String], _ rows: [[String]]) -> HTML {
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
        h1 { font-size: 20pt; margin: 0 0 4px; } h2 { font-size: 13pt; border-bottom: 2px solid #3366cc; padding-bottom: 2px; margin-top: 18px; }
        .meta, .note { color: #555; font-size: 9pt; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 8px; margin-top: 12px; }
        .card { border: 1px solid #ccd; border-radius: 6px; padding: 8px; break-inside: avoid; }
        .card .label { font-size: 9pt; color: #444; } .card .value { font-size: 20pt; font-weight: bold; color: #3366cc; }
        section { break-inside: avoid; overflow-x: auto; } .summary { font-size: 11.5pt; line-height: 1.45; }
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
