import Foundation

/// Workshop sessions: started and ended from the staff area, stored by the writer thread like
/// everything else (a row in `sessions` with the boot's monotonic times, so the session is
/// dated and re-dated with its events).
extension UsageLog {
    /// The session running now, if any.
    public var currentSession: WorkshopSession? { openSession.withLock { $0 } }

    /// Starts a session now (ending the one running, if any).
    public func startSession(title: String, place: String, mediator: String, expected: Int?) {
        let now = clock.monotonic()
        let session = WorkshopSession(title: title, place: place, mediator: mediator, expected: expected,
                                      key: Sodium.randomToken(), startedAt: now)
        let previous = openSession.withLock { open in
            let previous = open
            open = session
            return previous
        }
        let bootID = clock.bootID
        onWriterThread { connection in
            if let previous { try? Self.end(previous.key, at: now, connection) }
            try? connection.run("""
                INSERT INTO sessions (key, boot, start_mono, title, place, mediator, expected)
                VALUES (?, (SELECT id FROM boots WHERE boot_uuid = ?), ?, ?, ?, ?, ?)
                """, [.text(session.key), .text(bootID), .real(now), .text(title), .text(place), .text(mediator),
                      expected.map { .integer(Int64($0)) } ?? .null])
        }
    }

    /// Ends the session running now; false when none runs.
    @discardableResult
    public func endSession() -> Bool {
        let now = clock.monotonic()
        guard let session = openSession.withLock({ open -> WorkshopSession? in
            let session = open
            open = nil
            return session
        }) else { return false }
        onWriterThread { connection in try? Self.end(session.key, at: now, connection) }
        return true
    }

    private static func end(_ key: String, at monotonic: Double, _ connection: SQLiteConnection) throws(UsageStoreError) {
        try connection.run("UPDATE sessions SET end_mono = ? WHERE key = ? AND end_mono IS NULL", [.real(monotonic), .text(key)])
    }

    /// At start: a session left open by an earlier boot (a power cut) ends at that boot's last
    /// event; one left open by this boot (the service restarted) runs on.
    static func recoverSession(_ connection: SQLiteConnection, bootID: String) throws(UsageStoreError) -> WorkshopSession? {
        try connection.run("""
            UPDATE sessions SET end_mono = MAX(start_mono, COALESCE((SELECT MAX(mono) FROM events WHERE boot = sessions.boot), start_mono))
            WHERE end_mono IS NULL AND boot NOT IN (SELECT id FROM boots WHERE boot_uuid = ?)
            """, [.text(bootID)])
        let rows = try connection.rows("""
            SELECT s.title, s.place, s.mediator, s.expected, s.key, s.start_mono FROM sessions s JOIN boots b ON b.id = s.boot
            WHERE s.end_mono IS NULL AND b.boot_uuid = ? ORDER BY s.id DESC LIMIT 1
            """, [.text(bootID)])
        guard let row = rows.first else { return nil }
        return WorkshopSession(title: row[0].string ?? "", place: row[1].string ?? "", mediator: row[2].string ?? "",
                               expected: row[3].int, key: row[4].string ?? "", startedAt: row[5].double ?? 0)
    }
}
