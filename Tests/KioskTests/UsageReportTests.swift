import Foundation
import Testing
@testable import Kiosk

@Suite("Usage reports, merge and log export")
struct UsageReportTests {
    /// A database with a small, known day of traffic.
    private func database(in dir: String, name: String = "usage.sqlite", addresses: [String] = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) throws -> String {
        let path = dir + "/" + name
        let clock = FakeUsageClock(wall: UsageFixtures.morning)
        let log = try UsageLog(path: path, settings: UsageFixtures.settings(), clock: clock)
        for address in addresses {
            log.record(UsageEvent(.portal(.firstProbe), clientAddress: address, userAgent: "CaptiveNetworkSupport-481 wispr"))
            log.record(UsageEvent(.landingView, clientAddress: address, userAgent: UsageFixtures.iphone))
            clock.advance(60)
            log.record(UsageFixtures.view("Cathédrale", from: address, agent: UsageFixtures.iphone, arrival: .landing))
            log.record(UsageFixtures.search("tour de jaude", results: 0, from: address))
        }
        log.record(UsageFixtures.search("Jean Dupont 12 rue des Lilas", results: 0, from: addresses[0]))
        log.record(UsageFixtures.search("jean dupont 12 rue des lilas", results: 0, from: addresses[0]))
        log.record(UsageEvent(.signScan(signID: "place-jaude"), clientAddress: addresses[1], userAgent: UsageFixtures.iphone))
        log.record(UsageEvent(.suggestion(book: "ville"), clientAddress: addresses[1], userAgent: UsageFixtures.android))
        clock.advance(3 * 3600)   // back in the afternoon: a second visit
        log.record(UsageFixtures.view("Accueil", from: addresses[0], agent: UsageFixtures.iphone, arrival: .search))
        log.close()
        return path
    }

    /// Articles opened from an old QRpedia plaque or a printed Wikipedia address (the hotspot
    /// brought them to the kiosk) are counted apart and named in the report.
    @Test func arrivalsFromOutsideAddressesAreReported() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let path = dir + "/usage.sqlite"
        let log = try UsageLog(path: path, settings: UsageFixtures.settings(), clock: FakeUsageClock(wall: UsageFixtures.morning))
        log.record(UsageFixtures.view("Cathédrale", from: "10.0.0.1", agent: UsageFixtures.iphone, arrival: .qrpedia))
        log.record(UsageFixtures.view("Cathédrale", from: "10.0.0.2", agent: UsageFixtures.iphone, arrival: .qrpedia))
        log.record(UsageFixtures.view("Accueil", from: "10.0.0.3", agent: UsageFixtures.android, arrival: .wikipedia))
        log.close()
        let report = try UsageReportBuilder(databases: [path]).build()
        #expect(report.arrivals.first { $0.name == "qrpedia" }?.count == 2)
        #expect(report.arrivals.first { $0.name == "wikipedia" }?.count == 1)
        let french = ReportHTML.render(report, language: "fr")
        #expect(french.contains("Ancien QR code QRpedia"))
        #expect(ReportHTML.render(report, language: "en").contains("Old QRpedia QR code"))
    }

    /// Zero-result searches a visitor corrected by following "Did you mean" are typos, not
    /// content gaps; the other gaps say which correction the kiosk offered.
    @Test func correctedTyposAreNotContentGaps() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let path = dir + "/usage.sqlite"
        let log = try UsageLog(path: path, settings: UsageFixtures.settings(), clock: FakeUsageClock(wall: UsageFixtures.morning))
        func search(_ query: String, _ results: Int, _ spelling: UsageEvent.SearchSpelling, _ address: String) {
            log.record(UsageEvent(.search(query: query, results: results, books: ["ville"], spelling: spelling),
                                  clientAddress: address, userAgent: UsageFixtures.iphone))
        }
        for address in ["10.0.0.1", "10.0.0.2"] {
            search("napolon", 0, .corrected("napoleon"), address)   // offered, then followed
            search("napoleon", 12, .follows("napolon"), address)
            search("tour eifel", 0, .corrected("tour eiffel"), address)   // offered, not followed
            search("chateau de jaude", 0, .none, address)   // a real gap
            search("cathedrle", 3, .corrected("cathedrale"), address)   // corrected directly
        }
        log.close()
        let report = try UsageReportBuilder(databases: [path]).build()
        #expect(report.contentGaps.map(\.query).sorted() == ["chateau de jaude", "tour eifel"])
        #expect(report.contentGaps.first { $0.query == "tour eifel" }?.correction == "tour eiffel")
        #expect(report.contentGaps.first { $0.query == "chateau de jaude" }?.correction == nil)
        #expect(ReportHTML.render(report, language: "fr").contains("tour eifel → correction proposée : « tour eiffel »"))
        #expect(ReportHTML.render(report, language: "en").contains("tour eifel → correction offered: “tour eiffel”"))
    }

    @Test func indicatorsAndKThresholdOnQueries() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let path = try database(in: dir)
        let report = try UsageReportBuilder(databases: [path]).build()
        let day = LocalDay.day(UsageFixtures.morning)
        #expect(report.totals.peopleReached == 3 && report.totals.peakDay == day)
        #expect(report.totals.pagesRead == 4 && report.totals.visits == 4)
        #expect(report.totals.searches == 5 && report.totals.zeroResultSearches == 5)
        #expect(report.totals.signScans == 1 && report.totals.suggestions == 1)
        #expect(report.hours[10].pagesRead == 3 && report.hours[13].pagesRead == 1)
        #expect(report.topArticles.first?.title == "Cathédrale" && report.topArticles.first?.views == 3)
        #expect(report.signs.first?.sign == "place-jaude" && report.signs.first?.day == day)
        #expect(report.funnel.joined == 3 && report.funnel.landed == 3 && report.funnel.read == 3)
        // The private query was made by one device only: withheld (k = 2), but counted.
        #expect(report.contentGaps.map(\.query) == ["tour de jaude"])
        #expect(report.topSearches.map(\.query) == ["tour de jaude"])
        #expect(report.hiddenQueries == 1)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("dupont"))
        var lenient = UsageReportBuilder(databases: [path])
        lenient.minimumDevices = 1
        #expect(try lenient.build().contentGaps.map(\.query).contains("jean dupont 12 rue des lilas"))
        // Renderers.
        let html = ReportHTML.render(report, language: "fr")
        #expect(html.contains("Personnes touchées") && html.contains("<svg") && !html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("dupont"))
        #expect(ReportHTML.render(report, language: "en").contains("People reached"))
        let tables = ReportCSV.tables(report)
        #expect(tables.map(\.name).contains("content_gaps"))
        #expect(tables.first { $0.name == "days" }?.csv.hasPrefix("day,people,visits,pages_read") == true)
    }

    @Test func twoKiosksMergeIntoOneReport() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let a = try database(in: dir, name: "mairie.sqlite")
        let b = try database(in: dir, name: "bibli.sqlite", addresses: ["10.0.0.1", "10.0.0.7"])
        let merged = try UsageReportBuilder(databases: [a, b]).build()
        // Same addresses at two kiosks are different devices (different keys, different kiosks).
        #expect(merged.totals.peopleReached == 5)
        #expect(merged.totals.pagesRead == 4 + 3)
        #expect(merged.kiosks == ["mairie.sqlite", "bibli.sqlite"])
        #expect(merged.topArticles.first?.views == 5)
        // The private query now has 2 device-days (one per kiosk): shown.
        #expect(merged.hiddenQueries == 0)
        // One row per kiosk, adding up to the totals.
        #expect(merged.kioskTotals.map(\.name) == ["mairie.sqlite", "bibli.sqlite"])
        #expect(merged.kioskTotals.map(\.peopleReached) == [3, 2] && merged.kioskTotals.map(\.pagesRead) == [4, 3])
        #expect(merged.kioskTotals.reduce(0) { $0 + $1.searches } == merged.totals.searches)
        let html = ReportHTML.render(merged, language: "fr")
        #expect(html.contains("<h3>Par borne</h3>") && html.contains("<td>mairie.sqlite</td><td class=\"n\">3</td><td class=\"n\">4</td>"))
        #expect(html.contains("<td>Total</td><td class=\"n\">5</td><td class=\"n\">7</td>"))
        #expect(ReportCSV.tables(merged).first { $0.name == "kiosks" }?.csv.contains("bibli.sqlite,2,3,") == true)
        let single = try UsageReportBuilder(databases: [a]).build()
        #expect(!ReportHTML.render(single, language: "fr").contains("Par borne"))
    }

    /// "Kiosk on" comes from the server's runs: a run from 22:00 to 02:00 gives two hours to each
    /// day; the minutes in use are the distinct minutes with a visit; a boot that never learnt the
    /// date gives no time (its days are unknown).
    @Test func minutesOnAreCutAtMidnightAndMinutesInUseAreDistinctMinutes() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let path = dir + "/usage.sqlite"
        let evening = UsageFixtures.morning + 12 * 3600   // 22:00
        let clock = FakeUsageClock(bootID: "evening", wall: evening, monotonic: 30)
        let log = try UsageLog(path: path, settings: UsageFixtures.settings(), clock: clock)
        for (minute, address) in [(0, "10.0.0.1"), (0, "10.0.0.2"), (5, "10.0.0.1"), (130, "10.0.0.3")] {
            let target = evening + Double(minute) * 60 + 10
            clock.advance(target - clock.reading().wall)
            log.record(UsageFixtures.view("Cathédrale", from: address, agent: UsageFixtures.iphone, arrival: .landing))
        }
        clock.advance(evening + 4 * 3600 - clock.reading().wall)
        log.flush()
        log.close()
        // Another boot whose clock was never believable: its run is not counted.
        let lost = FakeUsageClock(bootID: "no-date", wall: 1_000, monotonic: 30, synchronised: false)
        let undated = try UsageLog(path: path, settings: UsageFixtures.settings(), clock: lost)
        lost.advance(7200)
        undated.close()

        var report = try UsageReportBuilder(databases: [path]).build()
        report.kioskName = "Mairie"
        #expect(report.availability == [
            UsageReport.Availability(day: "2026-11-21", minutesOn: 120, activeMinutes: 2),
            UsageReport.Availability(day: "2026-11-22", minutesOn: 120, activeMinutes: 1),
        ])
        #expect(report.totals.minutesOn == 240 && report.totals.activeMinutes == 3)
        #expect(report.kioskTotals.first?.minutesOn == 240)
        let html = ReportHTML.render(report, language: "fr")
        #expect(html.contains("<td>2026-11-21</td><td>2 h 0 min</td><td class=\"n\">2</td>"))
        #expect(html.contains("Du 21 novembre 2026 au 22 novembre 2026, la borne « Mairie »"))
        #expect(html.contains("Elle a été allumée 4 h 0 min au total, dont 3 min d&#39;activité"))
        let days = try #require(ReportCSV.tables(report).first { $0.name == "availability" }?.csv)
        #expect(days == "day,minutes_on,active_minutes\r\n2026-11-21,120,2\r\n2026-11-22,120,1\r\n")
        let inPeriod = try UsageReportBuilder(databases: [path], from: "2026-11-22", to: "2026-11-22").build()
        #expect(inPeriod.availability.map(\.minutesOn) == [120] && inPeriod.totals.minutesOn == 120)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/goaccess")))
    func goAccessReadsTheExportedLog() throws {
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let path = try database(in: dir)
        var log = ""
        let lines = try CombinedLogExporter(databases: [path]).export { log += $0 }
        #expect(lines == 7)   // 4 articles + 3 welcome pages
        #expect(!log.contains("10.0.0.1 ") && !log.contains("iPhone OS 18_1"))
        try log.write(toFile: dir + "/views.log", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/goaccess")
        process.arguments = [dir + "/views.log", "--log-format=COMBINED", "--no-global-config", "-o", dir + "/out.json"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out.json"))) as? [String: Any]
        let general = try #require(json?["general"] as? [String: Any])
        #expect(general["total_requests"] as? Int == 7)
        #expect(general["valid_requests"] as? Int == 7)
        #expect(general["failed_requests"] as? Int == 0)
        #expect(general["unique_visitors"] as? Int == 3)
    }

    @Test func theCLIWritesHTMLCSVAndJSON() throws {
        let executable = try #require(Fixtures.wikikioskExecutable)
        let dir = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        _ = try database(in: dir)
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let run = try Shell.run(executable, arguments, includeErrors: false)
            return (run.status, run.output)
        }
        let (status, json) = try run(["report", "--state-dir", dir, "--format", "json"])
        #expect(status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["totals"] as? [String: Any])?["pagesRead"] as? Int == 4)
        #expect(try run(["report", "--state-dir", dir, "--lang", "en", "--out", dir + "/r.html"]).0 == 0)
        #expect(try String(contentsOfFile: dir + "/r.html", encoding: .utf8).contains("People reached"))
        #expect(try run(["report", "--state-dir", dir, "--format", "csv", "--out", dir + "/csv"]).0 == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/csv/top_articles.csv"))
        #expect(try run(["report", "--merge", dir + "/usage.sqlite", dir + "/usage.sqlite", "--format", "json"]).0 == 0)
        #expect(try run(["export-log", "--state-dir", dir]).1.split(separator: "\n").count == 7)
        // Malformed input: a clear failure, no crash.
        #expect(try run(["report", "--state-dir", dir, "--from", "2026-13-45"]).0 == 64)
        #expect(try run(["report", "--state-dir", dir + "/nowhere"]).0 == 1)
        try "not a database".write(toFile: dir + "/bad.sqlite", atomically: true, encoding: .utf8)
        #expect(try run(["report", "--merge", dir + "/bad.sqlite"]).0 == 1)
    }
}
