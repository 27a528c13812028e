import Foundation

/// Something waiting in the `UsageLog` queue: an event or a phone's clock report, with the
/// monotonic time it happened at.
enum PendingUsage: Sendable {
    case event(UsageEvent, monotonic: Double)
    case clock(phoneTime: Double, clientAddress: String?, userAgent: String?, monotonic: Double)
}

/// Writes batches of events into the usage database: hashes devices, dates events (and
/// re-dates a boot's events when a better clock shows up), tallies, purges old rows.
///
/// `@unchecked Sendable`: after `init` returns, an instance is used by the `UsageLog` writer
/// thread only (it is handed over once, when that thread starts, and never touched elsewhere).
final class UsageWriter: @unchecked Sendable {
    let connection: SQLiteConnection
    private let clock: any UsageClock
    private let settings: UsageSettings
    private let keyring: DeviceKeyring
    /// Numbers the phones reporting their clock, so each phone counts once (its own key, in memory).
    private let clockKeyring = DeviceKeyring()
    private let browsers = BrowserClockEstimate()
    private let bootRow: Int64
    /// This run's row in `runs`, and the monotonic time last written as its `alive_mono`.
    private var runRow: Int64 = 0
    private var lastAlive = 0.0
    /// This boot's events have ids from here on (re-dating then needs no index on `boot`).
    private let bootFirstEvent: Int64
    private(set) var bootOffset: Double?
    private(set) var bootLevel = DatingLevel.undated
    private var articleIDs: [String: Int64] = [:]
    private var deviceClasses: [String: DeviceClass] = [:]
    private let hours = LocalDay.Cache()
    private var lastPurge: Double?
    private let insertEvent: SQLiteStatement
    private let insertArticle: SQLiteStatement
    private let findArticle: SQLiteStatement
    private let addTally: SQLiteStatement
    private var tally = TodayTally()
    /// Today's numbers, updated after each batch.
    var today: TodayCounters { tally.counters }

    init(path: String, clock: any UsageClock, settings: UsageSettings,
         keyring: DeviceKeyring = DeviceKeyring()) throws(UsageStoreError) {
        connection = try SQLiteConnection(path: path)
        self.clock = clock
        self.settings = settings
        self.keyring = keyring
        // Checked before anything is written: a newer database is left as it is.
        try UsageMigrator().migrate(connection)
        try connection.execute(UsageSchema.pragmas)
        // Appending rows touches a few pages at the end of each B-tree: 512 KiB of page cache
        // is plenty for the writer (SQLite's default, 2 MiB, filled up under load and stayed).
        try connection.execute("PRAGMA cache_size = -512")
        try connection.run("""
            INSERT OR IGNORE INTO boots (boot_uuid, first_event) VALUES (?, (SELECT COALESCE(MAX(id), 0) + 1 FROM events))
            """, [.text(clock.bootID)])
        let boot = try connection.rows("SELECT id, offset, level, first_event FROM boots WHERE boot_uuid = ?",
                                       [.text(clock.bootID)])
        guard let row = boot.first, case .integer(let id) = row[0] else {
            throw UsageStoreError(code: -1, message: "can't register this boot")
        }
        bootRow = id
        bootOffset = row[1].double
        bootLevel = DatingLevel(rawValue: row[2].int ?? 0) ?? .undated
        bootFirstEvent = Int64(row[3].int ?? 0)
        let started = clock.monotonic()
        try connection.run("INSERT INTO runs (boot, start_mono, alive_mono) VALUES (?, ?, ?)",
                           [.integer(id), .real(started), .real(started)])
        runRow = connection.lastInsertRowID
        lastAlive = started
        insertEvent = try connection.prepare("""
            INSERT INTO events (boot, mono, ts, dated, day, hour, kind, device, class, article, arrival, query, results, books, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertArticle = try connection.prepare("INSERT OR IGNORE INTO articles (book, path, title) VALUES (?, ?, ?)")
        findArticle = try connection.prepare("SELECT id FROM articles WHERE book = ? AND path = ?")
        addTally = try connection.prepare("""
            INSERT INTO tallies (day, name, count) VALUES (?, ?, ?)
            ON CONFLICT (day, name) DO UPDATE SET count = count + excluded.count
            """)
        try updateDating(clock.reading())
        try purgeIfDue(monotonic: clock.monotonic())
        try loadToday()
    }

    /// Writes `items` in one transaction; `dropped` events were lost to a full queue since the last batch.
    func write(_ items: [PendingUsage], dropped: Int, pending: Int) throws(UsageStoreError) {
        let reading = clock.reading()
        for case .clock(let phoneTime, let address, let agent, let monotonic) in items {
            let device = clockKeyring.device(address: address ?? "", deviceClass: DeviceClass(userAgent: agent).system,
                                             day: "clock")
            browsers.add(device: device, phoneTime: phoneTime, monotonic: monotonic)
        }
        try updateDating(reading)
        var suggestions: [String: Int] = [:]
        // Today's numbers count only what is stored: a failed batch leaves them as they were
        // (and forgets article ids that its rollback removed).
        let untouched = tally
        do {
            try storeBatch(items, dropped: dropped, reading: reading, suggestions: &suggestions)
        } catch {
            tally = untouched
            articleIDs.removeAll()
            throw error
        }
        tally.update { today in
            today.suggestions += suggestions[today.day ?? "undated"] ?? 0
            today.dropped += dropped
            today.pending = pending
        }
        try purgeIfDue(monotonic: reading.monotonic)
    }

    private func storeBatch(_ items: [PendingUsage], dropped: Int, reading: ClockReading,
                            suggestions: inout [String: Int]) throws(UsageStoreError) {
        try connection.transaction { () throws(UsageStoreError) in
            for case .event(let event, let monotonic) in items {
                if case .suggestion = event.kind {
                    suggestions[dayLabel(monotonic: monotonic, reading: reading).tally, default: 0] += 1
                    continue
                }
                try insert(event, monotonic: monotonic, reading: reading)
            }
            for (day, count) in suggestions { try addTally.run([.text(day), .text("suggestions"), .integer(Int64(count))]) }
            if dropped > 0 {
                try addTally.run([.text(dayLabel(monotonic: reading.monotonic, reading: reading).tally),
                                  .text("dropped"), .integer(Int64(dropped))])
            }
        }
    }

    // MARK: - Dating

    private struct Dating {
        var ts: Double
        var level: DatingLevel
        var day: String?
        var hour: Int?
        var tally: String { day ?? "undated" }
    }

    private func dayLabel(monotonic: Double, reading: ClockReading) -> Dating {
        if let offset = bootOffset, bootLevel > .undated {
            let ts = offset + monotonic
            let (day, hour) = hours.dayAndHour(ts)
            return Dating(ts: ts, level: bootLevel, day: day, hour: hour)
        }
        return Dating(ts: reading.wall - (reading.monotonic - monotonic), level: .undated, day: nil, hour: nil)
    }

    /// Adopts a better (or corrected) offset for this boot and re-dates the boot's earlier events.
    private func updateDating(_ reading: ClockReading) throws(UsageStoreError) {
        var candidate: (offset: Double, level: DatingLevel)?
        if reading.level >= .wallClock { candidate = (reading.wall - reading.monotonic, reading.level) }
        if reading.level < .synchronised, let estimate = browsers.offset,
           candidate == nil || candidate!.level < .browsers {
            candidate = (estimate, .browsers)
        }
        guard let candidate else { return }
        let threshold = candidate.level == .browsers ? 120.0 : 2.0
        let better = candidate.level > bootLevel
        let moved = candidate.level == bootLevel && abs(candidate.offset - (bootOffset ?? 0)) > threshold
        guard better || moved else { return }
        bootOffset = candidate.offset
        bootLevel = candidate.level
        try connection.transaction { () throws(UsageStoreError) in
            try connection.run("UPDATE boots SET offset = ?, level = ? WHERE id = ?",
                               [.real(candidate.offset), .integer(Int64(candidate.level.rawValue)), .integer(bootRow)])
            try connection.run("""
                UPDATE events SET ts = mono + ?1, dated = ?2,
                    day = strftime('%Y-%m-%d', mono + ?1, 'unixepoch', 'localtime'),
                    hour = CAST(strftime('%H', mono + ?1, 'unixepoch', 'localtime') AS INTEGER)
                WHERE id >= ?4 AND boot = ?3 AND dated <= ?2
                """, [.real(candidate.offset), .integer(Int64(candidate.level.rawValue)), .integer(bootRow),
                      .integer(bootFirstEvent)])
        }
        tally.update { $0.dating = "\(candidate.level)" }
        let day = LocalDay.day(candidate.offset + reading.monotonic)
        if today.day != day { try loadToday() }
    }

    // MARK: - Events

    private func insert(_ event: UsageEvent, monotonic: Double, reading: ClockReading) throws(UsageStoreError) {
        let dating = dayLabel(monotonic: monotonic, reading: reading)
        let classified = deviceClass(event.userAgent)
        let deviceClass = classified.label
        let keyDay = dating.day ?? "boot"
        // The OS family only (not the form factor): a phone's captive-portal probe and its
        // browser then count as one device, as the portal funnel needs.
        let device = keyring.device(address: event.clientAddress ?? "", deviceClass: classified.system, day: keyDay)
        let kind = EventKind(event.kind)
        var article: SQLiteValue = .null, arrival: SQLiteValue = .null, query: SQLiteValue = .null
        var results: SQLiteValue = .null, books: SQLiteValue = .null, detail: SQLiteValue = .null
        switch event.kind {
        case .landingView:
            break
        case .articleView(let book, let path, let title, let how):
            article = .integer(try articleID(book: book, path: path, title: title))
            arrival = .text(how.rawValue)
        case .search(let text, let count, let searched, let spelling):
            if settings.logQueries {
                query = .text(Self.normalise(text))
                detail = spelling.detail.map { .text(Self.normalise($0)) } ?? .null
            }
            results = .integer(Int64(count))
            books = .text(searched.joined(separator: ","))
        case .suggestion(let book):
            books = .text(book)
        case .signScan(let sign):
            detail = .text(String(sign.prefix(100)))
        case .portal(let step):
            detail = .text(step.rawValue)
        case .catalog(let what):
            detail = .text(String(what.prefix(100)))
        case .answer(let question, let value):
            detail = .text(String(question.prefix(8)))
            query = .text(String(value.prefix(Questionnaire.maximumText)))
        }
        try insertEvent.run([
            .integer(bootRow), .real(monotonic), .real(dating.ts), .integer(Int64(dating.level.rawValue)),
            dating.day.map { .text($0) } ?? .null, dating.hour.map { .integer(Int64($0)) } ?? .null,
            .text(kind.rawValue), .integer(device), .text(deviceClass), article, arrival, query, results, books, detail,
        ])
        tally.count(event.kind, device: device, day: dating.day, dating: "\(bootLevel)")
    }

    private func deviceClass(_ userAgent: String?) -> DeviceClass {
        let agent = userAgent ?? ""
        if let known = deviceClasses[agent] { return known }
        let classified = DeviceClass(userAgent: agent)
        if deviceClasses.count >= 4096 { deviceClasses.removeAll(keepingCapacity: true) }
        deviceClasses[agent] = classified
        return classified
    }

    private func articleID(book: String, path: String, title: String) throws(UsageStoreError) -> Int64 {
        let key = book + "\u{0}" + path
        if let id = articleIDs[key] { return id }
        if articleIDs.count > 50_000 { articleIDs.removeAll(keepingCapacity: true) }
        try insertArticle.run([.text(book), .text(path), .text(title)])
        try findArticle.bind([.text(book), .text(path)])
        defer { findArticle.reset() }
        guard try findArticle.step(), case .integer(let id) = findArticle.row()[0] else {
            throw UsageStoreError(code: -1, message: "article row missing")
        }
        articleIDs[key] = id
        return id
    }

    /// Lowercased, trimmed, inner whitespace collapsed, at most 100 characters.
    static func normalise(_ query: String) -> String {
        String(query.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(100))
    }

    // MARK: - Today, retention

    private func loadToday() throws(UsageStoreError) {
        guard let offset = bootOffset, bootLevel > .undated else { return }
        try tally.load(day: LocalDay.day(offset + clock.monotonic()), dating: "\(bootLevel)", from: connection)
    }

    /// Deletes events older than the retention period, at start and every 6 hours.
    private func purgeIfDue(monotonic: Double) throws(UsageStoreError) {
        if let last = lastPurge, monotonic - last < 6 * 3600 { return }
        guard let offset = bootOffset, bootLevel > .undated else { return }
        lastPurge = monotonic
        try purge(before: offset + monotonic - Double(settings.retentionDays) * 86_400)
    }

    /// Deletes everything dated before the local day of `cutoff` (seconds since 1970), and
    /// undated events of boots older than a boot known to be older than that. Uses the `day` index.
    func purge(before cutoff: Double) throws(UsageStoreError) {
        let day = SQLiteValue.text(LocalDay.day(cutoff))
        try connection.transaction { () throws(UsageStoreError) in
            let oldBoot = try connection.scalar("SELECT MAX(boot) FROM events WHERE day < ?", [day])?.int
            try connection.run("DELETE FROM events WHERE day < ?", [day])
            if let oldBoot {
                try connection.run("DELETE FROM events WHERE dated = 0 AND boot < ?", [.integer(Int64(oldBoot))])
            }
            try connection.run("DELETE FROM tallies WHERE day <> 'undated' AND day < ?", [day])
            try connection.run("""
                DELETE FROM articles WHERE id NOT IN (SELECT DISTINCT article FROM events WHERE article IS NOT NULL)
                """)
        }
        articleIDs.removeAll()
    }

    /// Checkpoints the WAL into the database file and empties it (on stop).
    /// Notes that the kiosk is still running (`runs.alive_mono`): at most once a minute, or now
    /// when `force` (the service is stopping).
    func heartbeat(force: Bool = false) throws(UsageStoreError) {
        let now = clock.monotonic()
        guard force || now - lastAlive >= Self.heartbeatInterval, now > lastAlive else { return }
        try connection.run("UPDATE runs SET alive_mono = ? WHERE id = ?", [.real(now), .integer(runRow)])
        lastAlive = now
    }

    /// How often `runs.alive_mono` moves on: what a power cut may take off a day's "kiosk on" minutes.
    static let heartbeatInterval = 60.0

    func checkpoint() throws(UsageStoreError) {
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
