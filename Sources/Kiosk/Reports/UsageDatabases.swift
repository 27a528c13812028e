import Foundation

/// Opens one or more usage databases read-only and exposes them through two temporary
/// views: `ev` (events joined to their article, with a `kiosk` number) and `tl` (tallies).
enum UsageDatabases {
    /// A consistent copy of the database at `path` in a new file `destination` (`VACUUM INTO`:
    /// a running kiosk keeps writing meanwhile; the copy is one transaction's view).
    static func snapshot(_ path: String, to destination: String) throws(UsageStoreError) {
        let db = try SQLiteConnection(path: path, readOnly: true, create: false)
        try db.run("VACUUM INTO ?", [.text(destination)])
    }

    static func open(_ paths: [String]) throws(UsageStoreError) -> SQLiteConnection {
        let db = try SQLiteConnection(path: ":memory:")
        var events: [String] = []
        var tallies: [String] = []
        for (index, path) in paths.enumerated() {
            guard FileManager.default.fileExists(atPath: path) else {
                throw UsageStoreError(code: -1, message: "no such database: \(path)")
            }
            try db.run("ATTACH DATABASE ? AS k\(index)", [.text(uri(path))])
            guard try db.scalar("SELECT COUNT(*) FROM k\(index).sqlite_master WHERE name = 'events'")?.int == 1 else {
                throw UsageStoreError(code: -1, message: "not a WikiKiosk usage database: \(path)")
            }
            events.append("""
                SELECT \(index) AS kiosk, e.ts, e.dated, e.day, e.hour, e.kind, e.device, e.class, e.arrival,
                       e.query, e.results, e.detail, a.book, a.path, a.title
                FROM k\(index).events e LEFT JOIN k\(index).articles a ON a.id = e.article
                """)
            tallies.append("SELECT \(index) AS kiosk, day, name, count FROM k\(index).tallies")
        }
        try db.execute("CREATE TEMP VIEW ev AS " + events.joined(separator: " UNION ALL "))
        try db.execute("CREATE TEMP VIEW se AS " + (try sessions(db, count: paths.count)))
        try db.execute("CREATE TEMP VIEW tl AS " + tallies.joined(separator: " UNION ALL "))
        try db.execute("CREATE TEMP VIEW ru AS " + (try runs(db, count: paths.count)))
        return db
    }

    /// Each database's workshop sessions (those that have the table) with what happened while
    /// they ran: participants (distinct daily device numbers), pages read, searches, sign scans.
    private static func sessions(_ db: SQLiteConnection, count: Int) throws(UsageStoreError) -> String {
        var selects: [String] = []
        for index in 0..<count where try hasTable(db, index, "sessions") {
            let during = "FROM k\(index).events e WHERE e.boot = s.boot AND e.mono >= s.start_mono AND e.mono <= COALESCE(s.end_mono, 1e300)"
            selects.append("""
                SELECT \(index) AS kiosk, s.title, s.place, s.mediator, s.expected,
                       b.offset + s.start_mono AS start_ts, b.offset + s.end_mono AS end_ts,
                       strftime('%Y-%m-%d', b.offset + s.start_mono, 'unixepoch', 'localtime') AS day,
                       (SELECT COUNT(DISTINCT e.day || ':' || e.device) \(during) AND e.kind IN \(EventKind.sqlList(EventKind.visits))) AS participants,
                       (SELECT COUNT(*) \(during) AND e.kind = \(EventKind.view.sql)) AS pages,
                       (SELECT COUNT(*) \(during) AND e.kind = \(EventKind.search.sql)) AS searches,
                       (SELECT COUNT(*) \(during) AND e.kind = \(EventKind.sign.sql)) AS scans
                FROM k\(index).sessions s JOIN k\(index).boots b ON b.id = s.boot
                """)
        }
        return selects.isEmpty
            ? "SELECT 0 AS kiosk, '' AS title, '' AS place, '' AS mediator, NULL AS expected, NULL AS start_ts, NULL AS end_ts, NULL AS day, 0 AS participants, 0 AS pages, 0 AS searches, 0 AS scans WHERE 0"
            : selects.joined(separator: " UNION ALL ")
    }

    /// Each database's dated server runs (those that have the table): when the kiosk was on,
    /// in seconds since 1970. Runs of a boot that never learnt the date are left out.
    private static func runs(_ db: SQLiteConnection, count: Int) throws(UsageStoreError) -> String {
        var selects: [String] = []
        for index in 0..<count where try hasTable(db, index, "runs") {
            selects.append("""
                SELECT \(index) AS kiosk, b.offset + r.start_mono AS start_ts, b.offset + r.alive_mono AS end_ts
                FROM k\(index).runs r JOIN k\(index).boots b ON b.id = r.boot WHERE b.level > 0 AND b.offset IS NOT NULL
                """)
        }
        return selects.isEmpty ? "SELECT 0 AS kiosk, 0.0 AS start_ts, 0.0 AS end_ts WHERE 0" : selects.joined(separator: " UNION ALL ")
    }

    private static func hasTable(_ db: SQLiteConnection, _ index: Int, _ name: String) throws(UsageStoreError) -> Bool {
        try db.scalar("SELECT COUNT(*) FROM k\(index).sqlite_master WHERE type = 'table' AND name = ?", [.text(name)])?.int == 1
    }

    /// A read-only SQLite URI for `path` (URI filenames are on for ATTACH on a `:memory:` main).
    private static func uri(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + escaped + "?mode=ro"
    }
}
