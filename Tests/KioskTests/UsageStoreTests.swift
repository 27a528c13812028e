import Foundation
import Synchronization
import Testing
@testable import Kiosk

@Suite("Usage store: hashing, dating, retention")
struct UsageStoreTests {
    @Test func hmacMatchesRFC4231Vectors() {
        let hex: ([UInt8]) -> String = { $0.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(HMACSHA256.mac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(hex(HMACSHA256.mac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func deviceClassesAreCoarse() {
        #expect(DeviceClass(userAgent: UsageFixtures.android).label == "phone/android")
        #expect(DeviceClass(userAgent: UsageFixtures.iphone).label == "phone/ios")
        #expect(DeviceClass(userAgent: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)").label == "tablet/ios")
        #expect(DeviceClass(userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)").label == "computer/windows")
        #expect(DeviceClass(userAgent: "CaptiveNetworkSupport-481.0.1 wispr").system == "ios")
        #expect(DeviceClass(userAgent: nil).label == "other/other")
    }

    @Test func devicesAreCountedPerDayWithAKeyThatChangesDailyAndIsNeverStored() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let db = dir + "/usage.sqlite"
        let clock = FakeUsageClock(wall: UsageFixtures.morning)
        let log = try UsageLog(path: db, settings: UsageFixtures.settings(), clock: clock)
        log.record(UsageFixtures.view("a", from: "192.168.4.23"))
        log.flush()
        log.recordClientClock(phoneTime: UsageFixtures.morning, clientAddress: "192.168.4.23", userAgent: UsageFixtures.android)
        log.record(UsageFixtures.view("b", from: "192.168.4.23"))
        log.record(UsageFixtures.view("a", from: "192.168.4.24"))
        clock.advance(86_400)
        log.record(UsageFixtures.view("a", from: "192.168.4.23"))
        log.flush()
        #expect(log.today().people == 1)
        #expect(log.today().articleViews == 1)
        #expect(log.today().json.contains("\"articleViews\": 1"))
        #expect(log.today().day == LocalDay.day(UsageFixtures.morning + 86_400))
        log.close()
        // Same address, same day, after a restart: the key was in memory only, so a new number.
        let again = try UsageLog(path: db, settings: UsageFixtures.settings(), clock: clock)
        again.record(UsageFixtures.view("c", from: "192.168.4.23"))
        again.close()
        // Closed cleanly: everything is in the database file, the write-ahead log is empty.
        let wal = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0)

        let rows = try UsageFixtures.rows(db, "SELECT day, device FROM events ORDER BY id")
        #expect(rows.count == 5)
        #expect(rows[0][1] == rows[1][1])            // same phone, same day
        #expect(rows[0][1] != rows[2][1])            // another phone
        #expect(rows[3][0] != rows[0][0])            // next day…
        #expect(rows[3][1] != rows[0][1])            // …another number for the same phone
        #expect(rows[4][1] != rows[3][1])            // restart: the key is never on disk
        let report = try UsageReportBuilder(databases: [db]).build()
        #expect(report.days.map(\.people) == [2, 2])
        #expect(report.totals.peopleReached == 4 && report.totals.peakPeople == 2)
    }

    @Test func retentionPurgeDeletesOldEventsAndUndatedBootsBeforeThem() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let db = dir + "/usage.sqlite"
        var settings = UsageFixtures.settings()
        settings.retentionDays = 30
        let now = UsageFixtures.morning
        // Boot 1: never learnt the date. Boot 2: 40 days ago. Boot 3: 10 days ago. Boot 4: now.
        let boots: [(Double, Bool?)] = [(3600, false), (now - 40 * 86_400, true), (now - 10 * 86_400, true)]
        for (wall, synchronised) in boots {
            let log = try UsageLog(path: db, settings: settings, clock: FakeUsageClock(wall: wall, synchronised: synchronised))
            log.record(UsageFixtures.view("old", from: "10.0.0.1"))
            log.close()
        }
        #expect(try UsageFixtures.rows(db, "SELECT COUNT(*) FROM events")[0][0] == .integer(3))
        let log = try UsageLog(path: db, settings: settings, clock: FakeUsageClock(wall: now))
        log.record(UsageFixtures.view("new", from: "10.0.0.1"))
        log.close()
        let left = try UsageFixtures.rows(db, "SELECT day FROM events ORDER BY ts")
        #expect(left.map { $0[0].string } == [LocalDay.day(now - 10 * 86_400), LocalDay.day(now)])
    }

    @Test func eventsRecordedBeforeTheClockIsSetAreReDatedAndNeverShownIn1970() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let db = dir + "/usage.sqlite"
        // A Pi without RTC: the clock says 1970, not synchronised.
        let clock = FakeUsageClock(wall: 120, monotonic: 120, synchronised: false)
        let log = try UsageLog(path: db, settings: UsageFixtures.settings(), clock: clock)
        for index in 0..<3 { log.record(UsageFixtures.view("p\(index)", from: "10.0.0.\(index)")) }
        log.flush()
        let before = try UsageReportBuilder(databases: [db]).build()
        #expect(before.totals.undatedEvents == 3 && before.days.isEmpty)
        #expect(!ReportHTML.render(before, language: "en").contains("1970"))

        clock.advance(600)
        clock.setWall(UsageFixtures.morning, synchronised: true)     // NTP answers
        log.record(UsageFixtures.view("after", from: "10.0.0.9"))
        log.close()
        let rows = try UsageFixtures.rows(db, "SELECT ts, dated, day FROM events ORDER BY id")
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0[1] == .integer(Int64(DatingLevel.synchronised.rawValue)) })
        // The first events happened 600 s before the clock was set.
        #expect(abs((rows[0][0].double ?? 0) - (UsageFixtures.morning - 600)) < 1)
        let report = try UsageReportBuilder(databases: [db]).build()
        #expect(report.totals.undatedEvents == 0 && report.totals.pagesRead == 4)
        #expect(report.days.map(\.day) == [LocalDay.day(UsageFixtures.morning - 600)])
        let html = ReportHTML.render(report, language: "fr")
        #expect(!html.contains("1970"))
    }

    @Test func phonesClocksDateEventsWhileTheSystemClockIsUnsynchronised() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let db = dir + "/usage.sqlite"
        let clock = FakeUsageClock(wall: 50, monotonic: 50, synchronised: false)
        let log = try UsageLog(path: db, settings: UsageFixtures.settings(), clock: clock)
        log.record(UsageFixtures.view("early", from: "10.0.0.1"))
        log.flush()
        let truth = UsageFixtures.morning
        // Three phones roughly agree; one is set to 2019 (ignored), one sends garbage.
        for (index, skew) in [3.0, -2.0, 1.0].enumerated() {
            log.recordClientClock(phoneTime: truth + skew, clientAddress: "10.0.0.\(index + 1)", userAgent: UsageFixtures.android)
        }
        log.recordClientClock(phoneTime: 1_560_000_000, clientAddress: "10.0.0.8", userAgent: UsageFixtures.iphone)
        log.recordClientClock(phoneTime: -1, clientAddress: "10.0.0.9", userAgent: UsageFixtures.iphone)
        log.close()
        let rows = try UsageFixtures.rows(db, "SELECT ts, dated FROM events")
        #expect(rows.count == 1)
        #expect(rows[0][1] == .integer(Int64(DatingLevel.browsers.rawValue)))
        #expect(abs((rows[0][0].double ?? 0) - truth) < 5)
    }

    @Test func aFullQueueDropsAndCountsWithoutBlocking() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        var settings = UsageFixtures.settings(flush: 600)
        settings.queueCapacity = 100
        let log = try UsageLog(path: dir + "/usage.sqlite", settings: settings, clock: FakeUsageClock(wall: UsageFixtures.morning))
        let start = Date()
        for index in 0..<1_000 { log.record(UsageFixtures.view("p", from: "10.0.0.\(index % 200)")) }
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(log.droppedEvents == 900)
        log.close()
        let report = try UsageReportBuilder(databases: [dir + "/usage.sqlite"]).build()
        #expect(report.totals.pagesRead == 100 && report.totals.droppedEvents == 900)
    }

    @Test func aBusyQueueWakesTheWriterBeforeTheFlushInterval() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        var settings = UsageFixtures.settings(flush: 600)
        settings.earlyWriteCount = 50
        let log = try UsageLog(path: dir + "/usage.sqlite", settings: settings, clock: FakeUsageClock(wall: UsageFixtures.morning))
        defer { log.close() }
        for index in 0..<49 { log.record(UsageFixtures.view("p", from: "10.0.0.\(index)")) }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(log.today().pending == 49, "below the threshold, events wait for the interval")
        for index in 0..<151 { log.record(UsageFixtures.view("p", from: "10.0.1.\(index)")) }
        let deadline = Date().addingTimeInterval(5)
        while log.today().pending > 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(log.today().pending == 0, "written long before the 600 s interval")
        #expect(log.today().articleViews == 200)
    }

    @Test func anEventIsAlwaysEitherWaitingOrCounted() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        var settings = UsageFixtures.settings(flush: 600)
        settings.earlyWriteCount = 5
        let log = try UsageLog(path: dir + "/usage.sqlite", settings: settings, clock: FakeUsageClock(wall: UsageFixtures.morning))
        defer { log.close() }
        let recorded = Atomic<Int>(0)
        let done = Atomic<Bool>(false)
        let producer = Thread {
            for index in 0..<2_000 {
                log.record(UsageFixtures.view("p", from: "10.0.\(index / 200).\(index % 200)"))
                recorded.add(1, ordering: .sequentiallyConsistent)
            }
            done.store(true, ordering: .sequentiallyConsistent)
        }
        producer.start()
        var undercounts = 0
        while !done.load(ordering: .sequentiallyConsistent) {
            let before = recorded.load(ordering: .sequentiallyConsistent)
            let today = log.today()
            if today.pending + today.articleViews + today.dropped < before { undercounts += 1 }
        }
        #expect(undercounts == 0, "a dashboard read while the writer commits must not lose events it was shown before")
    }

    @Test func searchesCanBeCountedWithoutKeepingTheQuery() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        var settings = UsageFixtures.settings()
        settings.logQueries = false
        let log = try UsageLog(path: dir + "/usage.sqlite", settings: settings, clock: FakeUsageClock(wall: UsageFixtures.morning))
        log.record(UsageFixtures.search("Marie Curie adresse", results: 0, from: "10.0.0.1"))
        log.close()
        let rows = try UsageFixtures.rows(dir + "/usage.sqlite", "SELECT kind, query, results FROM events")
        #expect(rows == [[.text("search"), .null, .integer(0)]])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/usage.sqlite"))
        #expect(bytes.range(of: Data("curie".utf8)) == nil)
    }
}
