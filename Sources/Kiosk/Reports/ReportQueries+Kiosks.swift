/// Availability (minutes on, minutes in use) and per-kiosk totals, over the views `f` (dated
/// events in the period), `ru` (dated server runs) and `se` (sessions).
extension ReportQueries {
    /// Per local day between `from` and `to`: minutes the kiosk was on (its runs cut at local
    /// midnight; overlapping runs of one kiosk counted once) and minutes with a visit. With the
    /// minutes on of each kiosk, for `kiosks`.
    func availability(from: String?, to: String?) throws(UsageStoreError)
        -> (days: [UsageReport.Availability], minutesOnByKiosk: [Int: Int]) {
        var secondsOn: [String: Double] = [:]
        var secondsByKiosk: [Int: Double] = [:]
        var reachedByKiosk: [Int: Double] = [:]
        func inPeriod(_ day: String) -> Bool { (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true) }
        for row in try db.rows("SELECT kiosk, start_ts, end_ts FROM ru ORDER BY kiosk, start_ts") {
            guard let kiosk = row[0].int, var start = row[1].double, let end = row[2].double else { continue }
            start = max(start, reachedByKiosk[kiosk] ?? start)
            guard end > start else { continue }
            reachedByKiosk[kiosk] = end
            while start < end {
                let cut = min(end, LocalDay.nextMidnight(after: start))
                let day = LocalDay.day(start)
                if inPeriod(day) {
                    secondsOn[day, default: 0] += cut - start
                    secondsByKiosk[kiosk, default: 0] += cut - start
                }
                start = cut
            }
        }
        var active: [String: Int] = [:]
        for row in try db.rows("""
            SELECT day, COUNT(DISTINCT kiosk || ':' || CAST(ts / 60 AS INTEGER)) FROM f
            WHERE kind IN \(EventKind.sqlList(EventKind.visits)) GROUP BY day
            """) {
            active[row[0].string ?? ""] = row[1].int ?? 0
        }
        let days = Set(secondsOn.keys).union(active.keys).sorted().map { day in
            UsageReport.Availability(day: day, minutesOn: Int((secondsOn[day] ?? 0) / 60), activeMinutes: active[day] ?? 0)
        }
        return (days, secondsByKiosk.mapValues { Int($0 / 60) })
    }

    /// Each kiosk's people reached (device-days, as the report's total), pages, searches, scans,
    /// sessions and active days; `names` in the order the databases were attached.
    func kiosks(names: [String], minutesOn: [Int: Int], from: String, to: String) throws(UsageStoreError) -> [UsageReport.Kiosk] {
        var totals = names.map {
            UsageReport.Kiosk(name: $0, peopleReached: 0, pagesRead: 0, searches: 0, signScans: 0, sessions: 0, activeDays: 0, minutesOn: 0)
        }
        for row in try db.rows("""
            SELECT kiosk, COUNT(DISTINCT CASE WHEN kind IN \(EventKind.sqlList(EventKind.visits)) THEN day || ':' || device END),
                   SUM(kind = \(EventKind.view.sql)), SUM(kind = \(EventKind.search.sql)), SUM(kind = \(EventKind.sign.sql)),
                   COUNT(DISTINCT day)
            FROM f GROUP BY kiosk
            """) {
            guard let index = row[0].int, totals.indices.contains(index) else { continue }
            totals[index].peopleReached = row[1].int ?? 0
            totals[index].pagesRead = row[2].int ?? 0
            totals[index].searches = row[3].int ?? 0
            totals[index].signScans = row[4].int ?? 0
            totals[index].activeDays = row[5].int ?? 0
        }
        for row in try db.rows("SELECT kiosk, COUNT(*) FROM se WHERE day BETWEEN ? AND ? GROUP BY kiosk", [.text(from), .text(to)]) {
            guard let index = row[0].int, totals.indices.contains(index) else { continue }
            totals[index].sessions = row[1].int ?? 0
        }
        for (index, minutes) in minutesOn where totals.indices.contains(index) { totals[index].minutesOn = minutes }
        return totals
    }
}
