import Foundation

/// What `wikikiosk doctor` says about the statistics database: whether the kiosk can write it,
/// and what to do when it can't. Reads only (never changes the file).
public struct UsageHealth: Sendable {
    public let ok: Bool
    /// One line: the state found.
    public let summary: String
    /// What to do about it (empty when fine).
    public let advice: String

    /// Looks at the database at `path` (the state folder's `usage.sqlite`).
    public static func check(databaseAt path: String) -> UsageHealth {
        let folder = (path as NSString).deletingLastPathComponent
        let files = FileManager.default
        guard files.fileExists(atPath: path) else {
            return files.isWritableFile(atPath: folder)
                ? UsageHealth(ok: true, summary: "statistics: no database yet (made at the first visit)", advice: "")
                : UsageHealth(ok: false, summary: "statistics: the folder \(folder) is read-only",
                              advice: "let the kiosk write there: sudo chown -R wikikiosk: \(folder)")
        }
        guard files.isWritableFile(atPath: path), files.isWritableFile(atPath: folder) else {
            return UsageHealth(ok: false, summary: "statistics: \(path) can't be written (read-only)",
                               advice: "let the kiosk write it: sudo chown -R wikikiosk: \(folder)")
        }
        do {
            let connection = try SQLiteConnection(path: path, readOnly: true, create: false)
            let applied = try UsageMigrator.applied(connection)
            let known = Set(UsageMigrator.shipped.map(\.name))
            if let unknown = applied.first(where: { !known.contains($0) }) {
                return UsageHealth(ok: false, summary: "statistics: \(path) was written by a newer WikiKiosk (“\(unknown)”)",
                                   advice: "update WikiKiosk; this version leaves the file untouched and keeps no statistics")
            }
            let verdict = try connection.scalar("PRAGMA quick_check")?.string ?? "?"
            guard verdict == "ok" else {
                return UsageHealth(ok: false, summary: "statistics: \(path) is damaged (\(verdict))",
                                   advice: "stop the kiosk, move the file aside (keep it: it may be recovered with "
                                       + "sqlite3 .recover), start the kiosk: it makes a new one")
            }
            let events = try connection.scalar("SELECT COUNT(*) FROM events")?.int ?? 0
            return UsageHealth(ok: true, summary: "statistics: \(path) is fine (\(events) events)", advice: "")
        } catch {
            return UsageHealth(ok: false, summary: "statistics: \(path) can't be read (\(error.cause)): \(error.message)",
                               advice: error.cause == "disk-full" ? "free some space on the disk"
                                   : "stop the kiosk, move the file aside (keep it), start the kiosk: it makes a new one")
        }
    }
}
