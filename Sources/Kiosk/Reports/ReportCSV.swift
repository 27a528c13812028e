/// A `UsageReport` as tidy CSV tables, one per indicator (RFC 4180 quoting, header row).
public enum ReportCSV {
    /// Table name → CSV text ("days" → "day,people,…").
    public static func tables(_ report: UsageReport) -> [(name: String, csv: String)] {
        let t = report.totals
        return [
            ("totals", csv(["indicator", "value"], [
                ["people_reached", "\(t.peopleReached)"], ["peak_people", "\(t.peakPeople)"],
                ["peak_day", t.peakDay ?? ""], ["visits", "\(t.visits)"], ["pages_read", "\(t.pagesRead)"],
                ["landing_views", "\(t.landingViews)"], ["searches", "\(t.searches)"],
                ["zero_result_searches", "\(t.zeroResultSearches)"], ["sign_scans", "\(t.signScans)"],
                ["suggestions", "\(t.suggestions)"], ["active_days", "\(t.activeDays)"],
                ["undated_events", "\(t.undatedEvents)"], ["dropped_events", "\(t.droppedEvents)"],
                ["minutes_on", "\(t.minutesOn)"], ["active_minutes", "\(t.activeMinutes)"],
            ])),
            ("availability", csv(["day", "minutes_on", "active_minutes"],
                                 report.availability.map { [$0.day, "\($0.minutesOn)", "\($0.activeMinutes)"] })),
            ("kiosks", csv(["kiosk", "people_reached", "pages_read", "searches", "sign_scans", "sessions", "active_days", "minutes_on"],
                           report.kioskTotals.map { [$0.name, "\($0.peopleReached)", "\($0.pagesRead)", "\($0.searches)",
                                                     "\($0.signScans)", "\($0.sessions)", "\($0.activeDays)", "\($0.minutesOn)"] })),
            ("days", csv(["day", "people", "visits", "pages_read", "landing_views", "searches", "sign_scans"],
                         report.days.map { [$0.day, "\($0.people)", "\($0.visits)", "\($0.pagesRead)",
                                            "\($0.landingViews)", "\($0.searches)", "\($0.signScans)"] })),
            ("hours", csv(["hour", "pages_read", "events"], report.hours.map { ["\($0.hour)", "\($0.pagesRead)", "\($0.events)"] })),
            ("top_articles", csv(["book", "path", "title", "views", "readers"],
                                 report.topArticles.map { [$0.book, $0.path, $0.title, "\($0.views)", "\($0.readers)"] })),
            ("arrivals", csv(["arrival", "views"], report.arrivals.map { [$0.name, "\($0.count)"] })),
            ("devices", csv(["device_class", "device_days"], report.devices.map { [$0.name, "\($0.count)"] })),
            ("objectives", csv(["indicator", "target", "result", "variance", "percent"],
                                report.objectives.map { [$0.indicator, "\($0.target)", "\($0.result)", "\($0.variance)",
                                                         $0.percent.map { "\($0)" } ?? ""] })),
            ("answers", csv(["question", "value", "devices"],
                             report.answers.flatMap { result in
                                 [[result.question, "", "\(result.answers)"]] + result.values.map { [result.question, $0.name, "\($0.count)"] }
                             })),
            ("sessions", csv(["title", "place", "mediator", "start", "end", "minutes", "participants", "expected",
                               "pages_read", "searches", "sign_scans"],
                              report.sessions.map { [$0.title, $0.place, $0.mediator, $0.start, $0.end ?? "", "\($0.minutes)",
                                                     "\($0.participants)", $0.expected.map { "\($0)" } ?? "", "\($0.pagesRead)",
                                                     "\($0.searches)", "\($0.signScans)"] })),
            ("sign_scans", csv(["sign", "day", "scans", "devices"],
                               report.signs.map { [$0.sign, $0.day, "\($0.scans)", "\($0.devices)"] })),
            ("top_searches", csv(["query", "searches", "devices", "zero_results"],
                                 report.topSearches.map { [$0.query, "\($0.searches)", "\($0.devices)", "\($0.zeroResults)"] })),
            ("content_gaps", csv(["query", "searches", "devices", "correction"],
                                 report.contentGaps.map { [$0.query, "\($0.searches)", "\($0.devices)", $0.correction ?? ""] })),
            ("funnel", csv(["step", "device_days"], [
                ["joined", "\(report.funnel.joined)"], ["joined_landed", "\(report.funnel.landed)"],
                ["joined_landed_read", "\(report.funnel.read)"], ["all", "\(report.funnel.allDevices)"],
                ["landed", "\(report.funnel.anyLanding)"], ["read", "\(report.funnel.anyRead)"],
            ])),
        ]
    }

    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
