import Foundation
import Testing
@testable import Kiosk

/// The usage database's named migrations: recorded once, upgrading the first release's file
/// with its rows kept, all-or-nothing, and a newer database left untouched.
@Suite("Usage database migrations")
struct UsageMigrationTests {
    static var firstReleaseFixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/usage-first-release.sqlite").standardizedFileURL.path
    }

    static func open(_ path: String) throws -> UsageLog {
        try UsageLog(path: path, settings: UsageFixtures.settings(), clock: FakeUsageClock(wall: UsageFixtures.morning))
    }

    @Test func aNewDatabaseRecordsEachMigrationOnce() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/usage.sqlite"
        for _ in 0..<3 { try Self.open(path).close() }
        let names = try UsageFixtures.rows(path, "SELECT name FROM migrations").compactMap(\.first?.string)
        #expect(names == UsageMigrator.shipped.map(\.name))
    }

    @Test func theFirstReleasesDatabaseIsUpgradedWithItsEventsKept() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/usage.sqlite"
        try FileManager.default.copyItem(atPath: Self.firstReleaseFixture, toPath: path)
        #expect(try UsageFixtures.rows(path, "SELECT name FROM sqlite_master WHERE name = 'migrations'").isEmpty)
        let before = try UsageFixtures.rows(path, "SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind")
        #expect(before == [[.text("landing"), .integer(4)], [.text("search"), .integer(4)], [.text("view"), .integer(4)]])

        let log = try Self.open(path)
        log.record(UsageFixtures.view("Cathédrale", from: "10.0.0.9"))
        log.close()
        let after = try UsageFixtures.rows(path, "SELECT kind, COUNT(*) FROM events GROUP BY kind ORDER BY kind")
        #expect(after == [[.text("landing"), .integer(4)], [.text("search"), .integer(4)], [.text("view"), .integer(5)]])
        let names = try UsageFixtures.rows(path, "SELECT name FROM migrations").compactMap(\.first?.string)
        #expect(names == UsageMigrator.shipped.map(\.name))
        // The new tables are there: this run was recorded (the report's "kiosk on" minutes).
        #expect(try UsageFixtures.rows(path, "SELECT COUNT(*) FROM runs") == [[.integer(1)]])
        // The old rows still make a report.
        let report = try UsageReportBuilder(databases: [path]).build()
        #expect(report.totals.searches == 4)
    }

    @Test func aDatabaseFromANewerWikiKioskIsLeftUntouched() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/usage.sqlite"
        try Self.open(path).close()
        let connection = try SQLiteConnection(path: path)
        try connection.run("INSERT INTO migrations (name) VALUES (?)", [.text("2099-01 questionnaires")])
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: UsageStoreError.self) { try Self.open(path) }
        #expect(error?.code == UsageStoreError.newerSchema)
        #expect(error?.message.contains("2099-01 questionnaires") == true && error?.message.contains("left untouched") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        // A schema number from the days before migrations, newer than the first.
        let legacyPath = folder + "/legacy.sqlite"
        try FileManager.default.copyItem(atPath: Self.firstReleaseFixture, toPath: legacyPath)
        try SQLiteConnection(path: legacyPath).run("UPDATE meta SET value = '7' WHERE name = 'schema'")
        #expect(throws: UsageStoreError.self) { try Self.open(legacyPath) }
        // The kiosk still serves, without statistics, and keeps the reason for the staff dashboard.
        var configuration = KioskConfiguration()
        configuration.stateDirectory = folder
        let usage = KioskServer.openUsageLog(configuration, log: Log(minimumLevel: .error) { _ in })
        let problem = try #require((usage as? NoUsageRecording)?.problem)
        #expect(problem.contains("newer WikiKiosk"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aFailingMigrationLeavesNothingBehind() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/usage.sqlite"
        try Self.open(path).close()
        let connection = try SQLiteConnection(path: path)
        let broken = UsageMigrator(UsageMigrator.shipped + [
            .init(name: "2027-01 answers", sql: "CREATE TABLE answers (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1);"),
        ])
        #expect(throws: UsageStoreError.self) { try broken.migrate(connection) }
        #expect(try connection.rows("SELECT name FROM sqlite_master WHERE name = 'answers'").isEmpty)
        #expect(try UsageMigrator.applied(connection) == UsageMigrator.shipped.map(\.name))
        // A good one is applied once, after the shipped ones, and keeps the rows.
        let good = UsageMigrator(UsageMigrator.shipped + [
            .init(name: "2027-01 answers", sql: "CREATE TABLE answers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"),
        ])
        try good.migrate(connection)
        try good.migrate(connection)
        #expect(try UsageMigrator.applied(connection) == UsageMigrator.shipped.map(\.name) + ["2027-01 answers"])
        #expect(try connection.rows("SELECT name FROM sqlite_master WHERE name = 'answers'").count == 1)
    }
}

/// A damaged database found at start is kept aside (never deleted) and a new one started.
@Suite("A damaged usage database")
struct UsageDamagedDatabaseTests {
    @Test func isKeptAsideAndANewOneStarted() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/" + UsageSettings.databaseName
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        var configuration = KioskConfiguration()
        configuration.stateDirectory = folder
        let usage = KioskServer.openUsageLog(configuration, log: Log(minimumLevel: .error) { _ in })
        let log = try #require(usage as? UsageLog)
        defer { log.close() }
        let aside = try #require(log.setAside)
        #expect(aside.hasPrefix(path + ".damaged-"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: aside)) == garbage)
        log.record(UsageFixtures.view("Cathédrale", from: "10.0.0.1"))
        log.flush()
        #expect(try UsageFixtures.rows(path, "SELECT COUNT(*) FROM events").first?.first?.int == 1)
    }
}

/// A full disk: nothing counted that isn't stored, the cause shown, and writing resumes by
/// itself when space comes back (SQLite's `max_page_count` stands in for the full disk).
@Suite("Usage statistics on a full disk")
struct UsageDiskFullTests {
    @Test func eventsWaitWhileTheDiskIsFullAndAreWrittenWhenSpaceComesBack() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/usage.sqlite"
        let log = try UsageLog(path: path, settings: UsageFixtures.settings(), clock: FakeUsageClock(wall: UsageFixtures.morning),
                               log: Log(minimumLevel: .error) { _ in })
        defer { log.close() }
        for index in 0..<5 { log.record(UsageFixtures.view("Page_\(index)", from: "10.0.0.\(index)")) }
        log.flush()
        #expect(log.today().articleViews == 5)
        // The disk fills up: the database can't grow by a page.
        log.onWriterThread { connection in
            let pages = (try? connection.scalar("PRAGMA page_count"))?.int ?? 1
            try? connection.execute("PRAGMA max_page_count = \(pages)")
        }
        for index in 0..<300 {
            log.record(UsageFixtures.view("Article_au_titre_assez_long_pour_remplir_des_pages_\(index)", from: "10.0.1.\(index % 200)"))
        }
        log.flush()
        var today = log.today()
        #expect(today.articleViews == 5, "counted but not stored")
        #expect(today.pending == 300)
        #expect(today.problem == "disk-full")
        #expect(try UsageFixtures.rows(path, "SELECT COUNT(*) FROM events WHERE kind = 'view'").first?.first?.int == 5)
        // A retry at the next flush fails the same way and loses nothing.
        log.flush()
        #expect(log.today().pending == 300)
        // Space comes back.
        log.onWriterThread { connection in try? connection.execute("PRAGMA max_page_count = 1073741823") }
        today = log.today()
        #expect(today.articleViews == 305)
        #expect(today.pending == 0 && today.problem == nil && today.dropped == 0)
        #expect(try UsageFixtures.rows(path, "SELECT COUNT(*) FROM events WHERE kind = 'view'").first?.first?.int == 305)
    }
}

/// What `wikikiosk doctor` says about the statistics database in each state it can be in.
@Suite("Usage database health")
struct UsageHealthTests {
    @Test func eachStateHasItsFinding() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/usage.sqlite"
        #expect(UsageHealth.check(databaseAt: path).ok)
        let log = try UsageLog(path: path, settings: UsageFixtures.settings(), clock: FakeUsageClock(wall: UsageFixtures.morning))
        log.record(UsageFixtures.view("Cathédrale", from: "10.0.0.1"))
        log.close()
        let fine = UsageHealth.check(databaseAt: path)
        #expect(fine.ok && fine.summary.contains("(1 events)"), "\(fine.summary)")

        // Newer schema.
        let newer = folder + "/newer.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: newer)
        try SQLiteConnection(path: newer).run("INSERT INTO migrations (name) VALUES ('2099-01 questionnaires')")
        let newerHealth = UsageHealth.check(databaseAt: newer)
        #expect(!newerHealth.ok && newerHealth.advice.contains("update WikiKiosk"))

        // Damaged: a page of the events table overwritten.
        let damaged = folder + "/damaged.sqlite"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let pageSize = 4096
        for offset in (2 * pageSize)..<min(bytes.count, 6 * pageSize) { bytes[offset] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let damagedHealth = UsageHealth.check(databaseAt: damaged)
        #expect(!damagedHealth.ok && damagedHealth.advice.contains("move the file aside"), "\(damagedHealth.summary)")
    }
}
