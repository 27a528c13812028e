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
        try db.execute("CREATE TEMP VIEW tl AS " + tallies.joined(separator: " UNION ALL "))
        return db
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
