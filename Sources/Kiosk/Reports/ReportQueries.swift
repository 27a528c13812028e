/// The SQL behind each indicator, over the temporary views `f` (dated events in the period)
/// and `ft` (tallies in the period). A device is `(kiosk, device)`: numbers of different
/// kiosks never match.
struct ReportQueries {
    let db: SQLiteConnection
    let minimumDevices: Int

    /// Kinds that make up a visit (not portal probes, which the phone's OS repeats on its own):
    /// a device counts as a person reached when it did one of these.
    private static let visitKinds = EventKind.sqlList(EventKind.visits)

    func days() throws(UsageStoreError) -> [UsageReport.Day] {
        let visits = try db.rows("""
            SELECT day, SUM(new) FROM (
                SELECT day, CASE WHEN ts - LAG(ts) OVER (PARTITION BY kiosk, day, device ORDER BY ts) <= 1800
                                 THEN 0 ELSE 1 END AS new
                FROM f WHERE kind IN \(Self.visitKinds)) GROUP BY day
            """)
        var visitsByDay: [String: Int] = [:]
        for row in visits { visitsByDay[row[0].string ?? ""] = row[1].int ?? 0 }
        var peopleByDay: [String: Int] = [:]
        for row in try db.rows("""
            SELECT day, COUNT(*) FROM (SELECT DISTINCT day, kiosk, device FROM f WHERE kind IN \(Self.visitKinds))
            GROUP BY day
            """) {
            peopleByDay[row[0].string ?? ""] = row[1].int ?? 0
        }
        return try db.rows("""
            SELECT day, SUM(kind = \(EventKind.view.sql)), SUM(kind = \(EventKind.landing.sql)),
                   SUM(kind = \(EventKind.search.sql)), SUM(kind = \(EventKind.sign.sql))
            FROM f GROUP BY day ORDER BY day
            """).map { row in
            let day = row[0].string ?? ""
            return UsageReport.Day(day: day, people: peopleByDay[day] ?? 0, visits: visitsByDay[day] ?? 0,
                                   pagesRead: row[1].int ?? 0, landingViews: row[2].int ?? 0,
                                   searches: row[3].int ?? 0, signScans: row[4].int ?? 0)
        }
    }

    func hours() throws(UsageStoreError) -> [UsageReport.Hour] {
        var byHour = (0..<24).map { UsageReport.Hour(hour: $0, pagesRead: 0, events: 0) }
        for row in try db.rows("""
            SELECT hour, SUM(kind = \(EventKind.view.sql)), SUM(kind IN \(Self.visitKinds)) FROM f GROUP BY hour
            """) {
            guard let hour = row[0].int, (0..<24).contains(hour) else { continue }
            byHour[hour].pagesRead = row[1].int ?? 0
            byHour[hour].events = row[2].int ?? 0
        }
        return byHour
    }

    func topArticles(perBook limit: Int) throws(UsageStoreError) -> [UsageReport.Article] {
        try db.rows("""
            SELECT book, path, title, views, readers FROM (
                SELECT book, path, MAX(title) AS title, COUNT(*) AS views,
                       COUNT(DISTINCT kiosk || ':' || day || ':' || device) AS readers,
                       ROW_NUMBER() OVER (PARTITION BY book ORDER BY COUNT(*) DESC, path) AS rank
                FROM f WHERE kind = \(EventKind.view.sql) AND book IS NOT NULL GROUP BY book, path)
            WHERE rank <= ? ORDER BY book, views DESC, path
            """, [.integer(Int64(limit))]).map { row in
            UsageReport.Article(book: row[0].string ?? "", path: row[1].string ?? "", title: row[2].string ?? "",
                                views: row[3].int ?? 0, readers: row[4].int ?? 0)
        }
    }

    func counts(_ sql: String) throws(UsageStoreError) -> [UsageReport.Count] {
        try db.rows(sql).map { UsageReport.Count(name: $0[0].string ?? "", count: $0[1].int ?? 0) }
    }

    /// Each device-day's last answer to each question; values of `textQuestions` not listed.
    func answers(textQuestions: Set<String>) throws(UsageStoreError) -> [UsageReport.QuestionAnswers] {
        let rows = try db.rows("""
            SELECT question, value, COUNT(*) FROM (
                SELECT e.detail AS question, e.query AS value FROM f e
                WHERE e.kind = \(EventKind.answer.sql) AND e.ts = (SELECT MAX(x.ts) FROM f x WHERE x.kind = \(EventKind.answer.sql)
                    AND x.kiosk = e.kiosk AND x.day IS e.day AND x.device = e.device AND x.detail = e.detail)
                GROUP BY e.kiosk, e.day, e.device, e.detail)
            GROUP BY question, value ORDER BY question, value
            """)
        var byQuestion: [String: UsageReport.QuestionAnswers] = [:]
        for row in rows {
            let question = row[0].string ?? "", count = row[2].int ?? 0
            var entry = byQuestion[question] ?? UsageReport.QuestionAnswers(question: question, answers: 0, values: [])
            entry.answers += count
            if !textQuestions.contains(question) { entry.values.append(UsageReport.Count(name: row[1].string ?? "", count: count)) }
            byQuestion[question] = entry
        }
        return byQuestion.keys.sorted().compactMap { byQuestion[$0] }
    }

    /// Sessions that started between `from` and `to` (local days), oldest first.
    func sessions(from: String, to: String, now: Double) throws(UsageStoreError) -> [UsageReport.Session] {
        try db.rows("""
            SELECT title, place, mediator, expected, strftime('%Y-%m-%d %H:%M', start_ts, 'unixepoch', 'localtime'),
                   strftime('%Y-%m-%d %H:%M', end_ts, 'unixepoch', 'localtime'),
                   CAST((COALESCE(end_ts, ?) - start_ts) / 60 AS INTEGER), participants, pages, searches, scans
            FROM se WHERE day BETWEEN ? AND ? ORDER BY start_ts
            """, [.real(now), .text(from), .text(to)]).map { row in
            UsageReport.Session(title: row[0].string ?? "", place: row[1].string ?? "", mediator: row[2].string ?? "",
                                expected: row[3].int, start: row[4].string ?? "", end: row[5].string,
                                minutes: max(0, row[6].int ?? 0), participants: row[7].int ?? 0, pagesRead: row[8].int ?? 0,
                                searches: row[9].int ?? 0, signScans: row[10].int ?? 0)
        }
    }

    func signs() throws(UsageStoreError) -> [UsageReport.SignDay] {
        try db.rows("""
            SELECT detail, day, COUNT(*), COUNT(DISTINCT kiosk || ':' || device) FROM f
            WHERE kind = \(EventKind.sign.sql) GROUP BY detail, day ORDER BY detail, day
            """).map { row in
            UsageReport.SignDay(sign: row[0].string ?? "", day: row[1].string ?? "",
                                scans: row[2].int ?? 0, devices: row[3].int ?? 0)
        }
    }

    /// Top queries and zero-result queries made by at least `minimumDevices` distinct devices
    /// (device-days: a device's number changes every day), and how many queries were withheld.
    /// A zero-result query whose spelling correction a visitor followed is not a content gap;
    /// the others carry the correction offered, if any.
    func searches(limit: Int) throws(UsageStoreError) -> ([UsageReport.Query], [UsageReport.Query], Int) {
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS q AS
            SELECT query, COUNT(*) AS searches, COUNT(DISTINCT kiosk || ':' || day || ':' || device) AS devices,
                   SUM(results = 0) AS zero, MAX(results) AS best,
                   MAX(CASE WHEN detail LIKE 'correction:%' THEN substr(detail, 12) END) AS correction
            FROM f WHERE kind = \(EventKind.search.sql) AND query IS NOT NULL AND query <> '' GROUP BY query
            """)
        // Zero-result searches whose offered correction a visitor followed were typos, not gaps.
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS followed AS
            SELECT DISTINCT substr(detail, 10) AS query FROM f
            WHERE kind = \(EventKind.search.sql) AND detail LIKE 'corrects:%'
            """)
        let k = Int64(minimumDevices)
        let make: ([SQLiteValue]) -> UsageReport.Query = { row in
            UsageReport.Query(query: row[0].string ?? "", searches: row[1].int ?? 0,
                              devices: row[2].int ?? 0, zeroResults: row[3].int ?? 0, correction: row[4].string)
        }
        let top = try db.rows("""
            SELECT query, searches, devices, zero, correction FROM q WHERE devices >= ?
            ORDER BY searches DESC, query LIMIT ?
            """, [.integer(k), .integer(Int64(limit))]).map(make)
        let gaps = try db.rows("""
            SELECT query, searches, devices, zero, correction FROM q
            WHERE devices >= ? AND best = 0 AND query NOT IN (SELECT query FROM followed)
            ORDER BY devices DESC, searches DESC, query LIMIT ?
            """, [.integer(k), .integer(Int64(limit))]).map(make)
        let hidden = try db.scalar("SELECT COUNT(*) FROM q WHERE devices < ?", [.integer(k)])?.int ?? 0
        return (top, gaps, hidden)
    }

    func funnel() throws(UsageStoreError) -> UsageReport.Funnel {
        let row = try db.rows("""
            WITH d AS (SELECT MAX(kind = \(EventKind.portal.sql) AND detail = 'firstProbe') AS j,
                              MAX(kind = \(EventKind.landing.sql)) AS l,
                              MAX(kind = \(EventKind.view.sql)) AS v FROM f GROUP BY kiosk, day, device)
            SELECT SUM(j), SUM(j AND l), SUM(j AND l AND v), COUNT(*), SUM(l), SUM(v) FROM d
            """).first ?? []
        func value(_ index: Int) -> Int { index < row.count ? row[index].int ?? 0 : 0 }
        return UsageReport.Funnel(joined: value(0), landed: value(1), read: value(2),
                                  allDevices: value(3), anyLanding: value(4), anyRead: value(5))
    }

    func totals(days: [UsageReport.Day]) throws(UsageStoreError) -> UsageReport.Totals {
        var totals = UsageReport.Totals()
        totals.peopleReached = days.reduce(0) { $0 + $1.people }
        if let peak = days.max(by: { ($0.people, $1.day) < ($1.people, $0.day) }) {
            totals.peakPeople = peak.people
            totals.peakDay = peak.day
        }
        totals.visits = days.reduce(0) { $0 + $1.visits }
        totals.pagesRead = days.reduce(0) { $0 + $1.pagesRead }
        totals.landingViews = days.reduce(0) { $0 + $1.landingViews }
        totals.searches = days.reduce(0) { $0 + $1.searches }
        totals.signScans = days.reduce(0) { $0 + $1.signScans }
        totals.activeDays = days.count
        totals.zeroResultSearches = try db.scalar("SELECT COUNT(*) FROM f WHERE kind = \(EventKind.search.sql) AND results = 0")?.int ?? 0
        totals.suggestions = try db.scalar("SELECT COALESCE(SUM(count), 0) FROM ft WHERE name = 'suggestions'")?.int ?? 0
        totals.droppedEvents = try db.scalar("SELECT COALESCE(SUM(count), 0) FROM tl WHERE name = 'dropped'")?.int ?? 0
        totals.undatedEvents = try db.scalar("SELECT COUNT(*) FROM ev WHERE day IS NULL")?.int ?? 0
        return totals
    }
}
