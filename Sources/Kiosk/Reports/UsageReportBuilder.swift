import Foundation

/// Computes a `UsageReport` from usage databases, read-only (a running kiosk can keep writing).
/// Several databases (`--merge`) are attached side by side and read through one view, so a
/// device of one kiosk is never confused with a device of another.
public struct UsageReportBuilder {
    public var databases: [String]
    public var from: String?
    /// Questions whose answers are free text: counted, their words kept out of the report.
    public var textQuestions: Set<String> = Set(Questionnaire.standard.questions.filter { $0.kind == .text }.map(\.id))
    public var to: String?
    public var minimumDevices = 2
    public var topArticlesPerBook = 10
    public var topQueries = 20

    public init(databases: [String], from: String? = nil, to: String? = nil) {
        self.databases = databases
        self.from = from
        self.to = to
    }

    /// Whether `text` is a day as reports take them ("2026-11-21").
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return text.count == 10 && parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
            && parts[0].count == 4 && (1...12).contains(Int(parts[1])!) && (1...31).contains(Int(parts[2])!)
    }

    public func build(now: Date = Date()) throws(UsageStoreError) -> UsageReport {
        for day in [from, to].compactMap({ $0 }) where !Self.isDay(day) {
            throw UsageStoreError(code: -1, message: "not a date (YYYY-MM-DD): \(day)")
        }
        guard !databases.isEmpty else { throw UsageStoreError(code: -1, message: "no database given") }
        let db = try UsageDatabases.open(databases)
        var report = UsageReport(generated: ISO8601DateFormatter().string(from: now),
                                 kiosks: databases.map { URL(fileURLWithPath: $0).lastPathComponent },
                                 from: from, to: to, minimumDevices: minimumDevices)
        var range = "day IS NOT NULL"
        if let from { range += " AND day >= '\(from)'" }
        if let to { range += " AND day <= '\(to)'" }
        try db.execute("CREATE TEMP VIEW f AS SELECT * FROM ev WHERE \(range)")
        try db.execute("CREATE TEMP VIEW ft AS SELECT * FROM tl WHERE \(range)")
        let queries = ReportQueries(db: db, minimumDevices: minimumDevices)
        report.days = try queries.days()
        report.hours = try queries.hours()
        report.topArticles = try queries.topArticles(perBook: topArticlesPerBook)
        report.arrivals = try queries.counts(
            "SELECT arrival, COUNT(*) FROM f WHERE kind = \(EventKind.view.sql) GROUP BY arrival ORDER BY 2 DESC")
        report.devices = try queries.counts("""
            SELECT class, COUNT(*) FROM (SELECT DISTINCT kiosk, day, device, class FROM f
                WHERE kind IN \(EventKind.sqlList(EventKind.visits))) GROUP BY class ORDER BY 2 DESC
            """)
        report.signs = try queries.signs()
        report.answers = try queries.answers(textQuestions: textQuestions)
        let (first, last) = (from ?? "0000-00-00", to ?? "9999-99-99")
        report.sessions = try queries.sessions(from: first, to: last, now: now.timeIntervalSince1970)
        let availability = try queries.availability(from: from, to: to)
        report.availability = availability.days
        report.kioskTotals = try queries.kiosks(names: report.kiosks, minutesOn: availability.minutesOnByKiosk, from: first, to: last)
        report.signTotals = try queries.counts(
            "SELECT detail, COUNT(*) FROM f WHERE kind = \(EventKind.sign.sql) GROUP BY detail ORDER BY 2 DESC, 1")
        (report.topSearches, report.contentGaps, report.hiddenQueries) = try queries.searches(limit: topQueries)
        report.funnel = try queries.funnel()
        report.totals = try queries.totals(days: report.days)
        report.totals.minutesOn = report.availability.reduce(0) { $0 + $1.minutesOn }
        report.totals.activeMinutes = report.availability.reduce(0) { $0 + $1.activeMinutes }
        report.busiestDays = Array(report.days.sorted { ($0.pagesRead, $0.people) > ($1.pagesRead, $1.people) }.prefix(5))
        return report
    }
}
