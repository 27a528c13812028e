/// A `UsageReport` as one self-contained HTML page: inline CSS and SVG, no script, no
/// external asset; A4 print styles. French or English.
public enum ReportHTML {
    public static func render(_ report: UsageReport, language: String) -> String {
        let s = ReportStrings(language: language)
        let totals = report.totals
        var html = """
            <!DOCTYPE html>
            <html lang="\(s.language)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(s.t(.title).htmlEscaped)</title>
            <style>\(css)</style></head><body>
            <h1>\(s.t(.title).htmlEscaped)</h1>
            <p class="meta">\(s.t(.period)) : <b>\(period(report, s))</b> · \(s.t(.kiosks)) : \
            \(report.kiosks.map(\.htmlEscaped).joined(separator: ", ")) · \(s.t(.generated)) \(report.generated.prefix(10))</p>

            """
        if s.language == "en" { html = html.replacingOccurrences(of: " : ", with: ": ") }
        html += "<section class=\"cards\">"
        html += card(s.t(.peopleReached), s.number(totals.peopleReached), s.t(.peopleNote))
        html += card(s.t(.visits), s.number(totals.visits), s.t(.visitsNote))
        html += card(s.t(.pagesRead), s.number(totals.pagesRead), "")
        html += card(s.t(.peak), s.number(totals.peakPeople), totals.peakDay ?? "")
        html += card(s.t(.searches), s.number(totals.searches), "\(s.number(totals.zeroResultSearches)) · \(s.t(.zeroResults).lowercased())")
        html += card(s.t(.signScans), s.number(totals.signScans), "")
        html += "</section>\n"
        if report.days.isEmpty { html += "<p><i>\(s.t(.noData))</i></p>" }

        html += section(s.t(.perDay), SVGChart.columns(
            report.days.map { .init(label: String($0.day.suffix(5)), value: $0.people, secondary: $0.pagesRead) },
            labelEvery: max(1, report.days.count / 14))
            + legend([("#3366cc", s.t(.peopleReached)), ("#f28e2b", s.t(.pagesRead))]))
        html += section(s.t(.byHour), SVGChart.columns(
            report.hours.map { .init(label: "\($0.hour)", value: $0.pagesRead) }, height: 160, labelEvery: 2))
        html += section(s.t(.busiestDays), table(
            [s.t(.day), s.t(.peopleReached), s.t(.visits), s.t(.pagesRead), s.t(.searches), s.t(.signScans)],
            report.busiestDays.map { [$0.day, s.number($0.people), s.number($0.visits), s.number($0.pagesRead),
                                      s.number($0.searches), s.number($0.signScans)] }))
        let funnel = report.funnel
        let funnelBars: [SVGChart.Bar] = funnel.joined > 0
            ? [.init(label: s.t(.joined), value: funnel.joined), .init(label: s.t(.landed), value: funnel.landed),
               .init(label: s.t(.read), value: funnel.read)]
            : [.init(label: s.t(.allDevicesFunnel), value: funnel.allDevices),
               .init(label: s.t(.landed), value: funnel.anyLanding), .init(label: s.t(.read), value: funnel.anyRead)]
        html += section(s.t(.funnel), SVGChart.rows(funnelBars, color: "#59a14f"))
        html += section(s.t(.topArticles), table(
            [s.t(.book), s.t(.article), s.t(.views), s.t(.readers)],
            report.topArticles.map { [$0.book, $0.title, s.number($0.views), s.number($0.readers)] }))
        html += section(s.t(.arrivals), SVGChart.rows(report.arrivals.map { .init(label: s.arrival($0.name), value: $0.count) }))
        html += section(s.t(.signs), SVGChart.rows(report.signTotals.map { .init(label: $0.name, value: $0.count) }, color: "#e15759")
            + table([s.t(.sign), s.t(.day), s.t(.scans), s.t(.devicesCol)],
                    report.signs.map { [$0.sign, $0.day, s.number($0.scans), s.number($0.devices)] }))
        let note = "<p class=\"note\">\(s.number(report.hiddenQueries)) \(s.t(.hiddenQueries)) (\(report.minimumDevices)).</p>"
        html += section(s.t(.topSearches), table(
            [s.t(.query), s.t(.searches), s.t(.devicesCol), s.t(.zeroResults)],
            report.topSearches.map { [$0.query, s.number($0.searches), s.number($0.devices), s.number($0.zeroResults)] }))
        html += section(s.t(.contentGaps), table(
            [s.t(.query), s.t(.searches), s.t(.devicesCol)],
            report.contentGaps.map { [$0.query, s.number($0.searches), s.number($0.devices)] }) + note)
        html += section(s.t(.devices), SVGChart.rows(report.devices.map { .init(label: s.deviceClass($0.name), value: $0.count) },
                                                     color: "#76b7b2"))
        var footer: [String] = []
        if totals.undatedEvents > 0 { footer.append("\(s.number(totals.undatedEvents)) \(s.t(.undated)).") }
        if totals.droppedEvents > 0 { footer.append("\(s.number(totals.droppedEvents)) \(s.t(.dropped)).") }
        footer.append(s.t(.privacy))
        html += "<footer>" + footer.map { "<p>\($0.htmlEscaped)</p>" }.joined() + "</footer>\n</body></html>\n"
        return html
    }

    private static func period(_ report: UsageReport, _ s: ReportStrings) -> String {
        let from = report.from ?? report.days.first?.day
        let to = report.to ?? report.days.last?.day
        guard let from, let to else { return s.t(.allDates) }
        return from == to ? from : "\(from) → \(to)"
    }

    private static func card(_ title: String, _ value: String, _ note: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(title.htmlEscaped)</div><div class=\"value\">\(value)</div>"
            + "<div class=\"note\">\(note.htmlEscaped)</div></div>"
    }

    private static func section(_ title: String, _ body: String) -> String {
        "<section><h2>\(title.htmlEscaped)</h2>\(body)</section>\n"
    }

    private static func legend(_ items: [(String, String)]) -> String {
        "<p class=\"legend\">" + items.map { "<span style=\"background:\($0.0)\"></span>\($0.1.htmlEscaped)" }
            .joined(separator: " ") + "</p>"
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "<p class=\"note\">—</p>" }
        var out = "<table><thead><tr>" + header.map { "<th>\($0.htmlEscaped)</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>" + row.enumerated().map { index, cell in
                let numeric = index > 0 && !cell.isEmpty && cell.allSatisfy { $0.isNumber || $0 == "," || $0 == "\u{202F}" }
                return numeric ? "<td class=\"n\">\(cell.htmlEscaped)</td>" : "<td>\(cell.htmlEscaped)</td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    private static let css = """
        @page { size: A4; margin: 15mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; max-width: 180mm; margin: 0 auto; padding: 8px; font-size: 11pt; }
        h1 { font-size: 20pt; margin: 0 0 4px; } h2 { font-size: 13pt; border-bottom: 2px solid #3366cc; padding-bottom: 2px; margin-top: 18px; }
        .meta, .note { color: #555; font-size: 9pt; }
        .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin-top: 12px; }
        .card { border: 1px solid #ccd; border-radius: 6px; padding: 8px; break-inside: avoid; }
        .card .label { font-size: 9pt; color: #444; } .card .value { font-size: 20pt; font-weight: bold; color: #3366cc; }
        section { break-inside: avoid; }
        table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; }
        footer { margin-top: 20px; border-top: 1px solid #ccc; font-size: 9pt; color: #444; }
        """
}
