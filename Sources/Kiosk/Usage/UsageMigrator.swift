/// The usage database's schema as a list of named migrations, each applied once, in order, in
/// its own transaction together with the row that records it (as GRDB's `DatabaseMigrator`):
/// a power cut during a migration leaves the database as it was before it.
///
/// A database that has migrations this build does not know was written by a newer WikiKiosk
/// (staff downgraded, or moved the SD card to an older kiosk): it is left untouched, not a
/// byte written, and the kiosk runs without statistics, saying why. A database from before
/// migrations were recorded (`meta.schema = 1`, no `migrations` table) is the first
/// migration's schema: its statements are `IF NOT EXISTS`, so it is simply recorded.
struct UsageMigrator {
    /// One step of the schema. Never edit or remove a migration that has shipped: add one.
    struct Migration: Sendable {
        let name: String
        let sql: String
    }

    /// The kiosk's migrations, oldest first.
    static let shipped: [Migration] = [
        Migration(name: "2026-10 events, boots, articles, tallies", sql: UsageSchema.version1),
        Migration(name: "2026-12 workshop sessions", sql: UsageSchema.sessions),
        Migration(name: "2026-12 kiosk runs", sql: UsageSchema.runs),
    ]

    let migrations: [Migration]

    init(_ migrations: [Migration] = Self.shipped) { self.migrations = migrations }

    /// The migrations recorded in the database at `connection` (empty for a new one).
    static func applied(_ connection: SQLiteConnection) throws(UsageStoreError) -> [String] {
        let table = try connection.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")
        guard table != nil else { return [] }
        return try connection.rows("SELECT name FROM migrations ORDER BY rowid").compactMap(\.first?.string)
    }

    /// Brings the database up to date; throws, having written nothing, when it is newer.
    func migrate(_ connection: SQLiteConnection) throws(UsageStoreError) {
        let applied = try Self.applied(connection)
        let known = Set(migrations.map(\.name))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw UsageStoreError(code: UsageStoreError.newerSchema, message:
                "the database was written by a newer WikiKiosk (its migration “\(unknown)” is unknown to this one); "
                    + "it is left untouched and statistics are off until WikiKiosk is updated")
        }
        let legacy = try connection.scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'") != nil
            ? try connection.scalar("SELECT value FROM meta WHERE name = 'schema'")?.string : nil
        if applied.isEmpty, let legacy, legacy != "1" {
            throw UsageStoreError(code: UsageStoreError.newerSchema, message:
                "the database has schema \(legacy), unknown to this WikiKiosk; it is left untouched and statistics are off")
        }
        for migration in migrations where !applied.contains(migration.name) {
            do {
                try connection.transaction { () throws(UsageStoreError) in
                    try connection.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)")
                    try connection.execute(migration.sql)
                    try connection.run("INSERT INTO migrations (name) VALUES (?)", [.text(migration.name)])
                }
            } catch {
                throw UsageStoreError(code: error.code, message: "migration “\(migration.name)” failed: \(error.message)")
            }
        }
    }
}
