import Foundation
import Testing
@testable import Kiosk

/// The sample report in docs/: a simulated week of a library kiosk (`UsageSimulation`: visitors,
/// two workshop sessions with their questionnaire answers) with the kiosk's name, its signs'
/// labels and objectives, rendered in French and English and shown in headless Chromium on a
/// 360 px phone and as printed. Refreshed with WIKIKIOSK_SCREENSHOT_DIR=docs: sample-report.html,
/// sample-report-en.html, sample-report.png.
@Suite("The sample report", .serialized,
       .enabled(if: LandingBrowser.executable != nil, "needs Debian's chromium-headless-shell (WIKIKIOSK_BROWSER_TESTS=1 scripts/install-deps.sh)"))
struct SampleReportTests {
    @Test func aSimulatedWeekWithSessionsAndAnswers() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        // Saturday 2026-11-14, local midnight.
        var components = DateComponents(year: 2026, month: 11, day: 14)
        components.timeZone = .current
        let start = try #require(Calendar(identifier: .gregorian).date(from: components)).timeIntervalSince1970
        let database = folder + "/sample.sqlite"
        _ = try UsageSimulation(start: start).run(into: database)
        var report = try UsageReportBuilder(databases: [database], from: "2026-11-14", to: "2026-11-20").build()
        report.kioskName = "Médiathèque de Jaude"
        report.kioskPlace = "Clermont-Ferrand, Puy-de-Dôme"
        report.signLabels = ["PLACE-DE-JAUDE": "Place de Jaude", "CATHEDRALE": "Parvis de la cathédrale", "JARDIN-LECOQ": "Jardin Lecoq"]
        report.bookTitles = ["wikipedia_fr_all": "Wikipédia en français", "vikidia_fr_all": "Vikidia"]
        report.objectives = Objectives(from: "2026-11-14", to: "2026-11-20",
                                       targets: ["people": 600, "sessions": 2, "participants": 50, "scans": 100, "pages": 1500]).results(report)
        report.objectivesPeriod = "2026-11-14 – 2026-11-20"
        #expect(report.sessions.count == 2)
        #expect(report.sessions.allSatisfy { (18...26).contains($0.participants) && $0.expected == 25 && $0.minutes >= 60 })
        #expect(report.answers.first { $0.question == "q1" }.map { $0.answers >= 20 } == true)
        let french = ReportHTML.render(report, language: "fr")
        #expect(french.contains("<h3>Séances</h3>") && french.contains("sur 25 attendus") && french.contains("<h3>Objectifs et résultats</h3>"))
        #expect(french.contains("Place de Jaude (place-de-jaude)"))
        // Six opening days (closed on Sunday), each a boot of its own from 9:30 to 19:30 or the last visitor.
        #expect(report.availability.filter { $0.minutesOn > 0 }.count == 6)
        #expect(report.availability.allSatisfy { (600...900).contains($0.minutesOn) && $0.activeMinutes < $0.minutesOn },
                "\(report.availability)")
        #expect(french.contains("Du 14 novembre 2026 au 20 novembre 2026, la borne « Médiathèque de Jaude » a touché"))
        #expect(french.contains("Elle a été allumée ") && french.contains("<h3>Disponibilité et activité par jour</h3>"))
        // The evaluation grid's order: people made aware and objectives, relevance, replication.
        let headings = ["<h2>1. Personnes sensibilisées", "<h2>2. Pertinence", "<h2>3. Réplication"].map { french.range(of: $0)?.lowerBound }
        #expect(headings.allSatisfy { $0 != nil } && headings == headings.sorted { $0! < $1! })
        #expect(french.range(of: "<h3>Objectifs et résultats</h3>")!.lowerBound < headings[1]!)
        #expect(french.range(of: "<h3>Séances</h3>")!.lowerBound > headings[2]!)
        try french.write(toFile: ScreenshotFolder.path + "/sample-report.html", atomically: true, encoding: .utf8)
        try ReportHTML.render(report, language: "en").write(toFile: ScreenshotFolder.path + "/sample-report-en.html", atomically: true, encoding: .utf8)

        let browser = try DevToolsClient(executable: LandingBrowser.executable!, profile: folder + "/profile")
        defer { browser.close() }
        try browser.send("Emulation.setDeviceMetricsOverride", ["width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": true])
        try browser.navigate("file://" + ScreenshotFolder.path + "/sample-report.html")
        try browser.wait(for: "!!document.querySelector('h1')")
        let width = try browser.evaluate("document.documentElement.scrollWidth") as? Int ?? 999
        #expect(width <= 360, "the report is \(width) px wide on a 360 px phone")
        try browser.screenshot(width: 900, height: 1200, full: true).write(to: URL(fileURLWithPath: ScreenshotFolder.path + "/sample-report.png"))
    }
}
