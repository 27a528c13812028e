/// The report's sections under the headings of Wikimédia France's evaluation grid: people made
/// aware and objectives (effectiveness), relevance (the questionnaire, rendered by `answers`),
/// replication and sustainability (sessions, signs, content read and missing).
extension ReportHTML {
    /// People made aware: objectives against results, people and pages per day, when the kiosk
    /// was on and in use, how phones got from the Wi-Fi to an article, and — merged — each kiosk.
    static func peopleMadeAware(_ report: UsageReport, _ s: ReportText) -> HTML {
        var html: HTML = .empty
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
        let byDay = Dictionary(report.days.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        html += section(s.t("availability"), table(
            [s.t("day"), s.t("minuteson"), s.t("activeminutes"), s.t("peoplereached"), s.t("pagesread")],
            report.availability.map { day in
                [day.day, day.minutesOn > 0 ? s.duration(day.minutesOn) : "—", s.number(day.activeMinutes),
                 s.number(byDay[day.day]?.people ?? 0), s.number(byDay[day.day]?.pagesRead ?? 0)]
            }) + "<p class=\"note\">\(s.t("availabilitynote"))</p>")
        if report.kioskTotals.count > 1 { html += section(s.t("perkiosk"), kiosks(report, s)) }
        html += section(s.t("busiestdays"), table(
            [s.t("day"), s.t("peoplereached"), s.t("visits"), s.t("pagesread"), s.t("searches"), s.t("signscans")],
            report.busiestDays.map { [$0.day, s.number($0.people), s.number($0.visits), s.number($0.pagesRead),
                                      s.number($0.searches), s.number($0.signScans)] }))
        html += section(s.t("byhour"), SVGChart.columns(
            report.hours.map { .init(label: "\($0.hour)", value: $0.pagesRead) }, name: s.t("byhour"), height: 160, labelEvery: 2))
        let funnel = report.funnel
        let funnelBars: [SVGChart.Bar] = funnel.joined > 0
            ? [.init(label: s.t("joined"), value: funnel.joined), .init(label: s.t("landed"), value: funnel.landed),
               .init(label: s.t("read"), value: funnel.read)]
            : [.init(label: s.t("alldevicesfunnel"), value: funnel.allDevices),
               .init(label: s.t("landed"), value: funnel.anyLanding), .init(label: s.t("read"), value: funnel.anyRead)]
        html += section(s.t("funnel"), SVGChart.rows(funnelBars, name: s.t("funnel"), color: "#59a14f"))
        html += section(s.t("devices"), SVGChart.rows(report.devices.map { .init(label: s.deviceClass($0.name), value: $0.count) },
                                                      name: s.t("devices"), color: "#76b7b2"))
        return html
    }

    /// Each kiosk of a merged report, and a total row equal to the report's totals.
    private static func kiosks(_ report: UsageReport, _ s: ReportText) -> HTML {
        let rows = report.kioskTotals.map { kiosk in
            [kiosk.name, s.number(kiosk.peopleReached), s.number(kiosk.pagesRead), s.number(kiosk.searches),
             s.number(kiosk.signScans), s.number(kiosk.sessions), s.number(kiosk.activeDays),
             kiosk.minutesOn > 0 ? s.duration(kiosk.minutesOn) : "—"]
        }
        let totals = report.totals
        let total = [s.t("total"), s.number(totals.peopleReached), s.number(totals.pagesRead), s.number(totals.searches),
                     s.number(totals.signScans), s.number(report.sessions.count),
                     s.number(report.kioskTotals.reduce(0) { $0 + $1.activeDays }),
                     totals.minutesOn > 0 ? s.duration(totals.minutesOn) : "—"]
        return table([s.t("kiosk"), s.t("peoplereached"), s.t("pagesread"), s.t("searches"), s.t("signscans"),
                      s.t("sessions"), s.t("activedays"), s.t("minuteson")], rows + [total])
    }

    /// Replication and sustainability: the sessions held, the signs and their scans, what was
    /// read and how readers came to it, what was searched and what was missing.
    static func replication(_ report: UsageReport, _ s: ReportText) -> HTML {
        var html: HTML = .empty
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
        html += section(s.t("toparticles"), table(
            [s.t("book"), s.t("article"), s.t("views"), s.t("readers")],
            report.topArticles.map { [report.bookTitles[$0.book] ?? $0.book, $0.title, s.number($0.views), s.number($0.readers)] }))
        html += section(s.t("arrivals"), SVGChart.rows(report.arrivals.map { .init(label: s.arrival($0.name), value: $0.count) },
                                                       name: s.t("arrivals")))
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
        return html
    }
}
