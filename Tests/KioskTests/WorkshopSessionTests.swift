import Foundation
import Testing
@testable import Kiosk

/// Workshop sessions: started and ended from the dashboard, their participants and pages read
/// from the events of their time (nothing more stored about a phone), in the report's HTML, CSV
/// and JSON; a session left open by a power cut ends at that boot's last event.
@Suite("Workshop sessions", .serialized)
struct WorkshopSessionTests {
    static func view(_ log: UsageLog, from address: String, _ path: String = "Cathédrale") {
        log.record(UsageEvent(.articleView(book: "ville", path: path, title: path, arrival: .direct),
                              clientAddress: address, userAgent: "Mozilla/5.0 (Linux; Android 14)"))
    }

    @Test func aSessionCountsThePhonesAndPagesOfItsTimeOnly() throws {
        let kiosk = try AdminKiosk(stats: true)
        let session = try kiosk.login()
        let log = try #require(kiosk.usageLog)
        let dashboard = kiosk.request(.get, "/admin", cookie: session.id).bodyText
        #expect(dashboard.contains("<summary>Démarrer une séance d&#39;atelier</summary>"))
        // Before the session: not counted.
        Self.view(log, from: "10.42.0.99")
        log.flush()
        usleep(20_000)
        let start = kiosk.request(.post, "/admin/session/start", cookie: session.id,
                                  form: [("csrf", session.csrf), ("title", "Découvrir Wikipédia"), ("place", "Salle du conte"),
                                         ("mediator", "Camille"), ("expected", "30")])
        #expect(start.status == 303 && start.headers["Location"] == "/admin#session")
        log.flush()
        #expect(log.currentSession?.title == "Découvrir Wikipédia")
        #expect(kiosk.request(.get, "/admin", cookie: session.id).bodyText.contains("Séance en cours : Découvrir Wikipédia"))
        for address in ["10.42.0.10", "10.42.0.11"] {
            Self.view(log, from: address)
            Self.view(log, from: address, "Accueil")
        }
        log.record(UsageEvent(.landingView, clientAddress: "10.42.0.12", userAgent: "iPhone"))
        log.record(UsageEvent(.search(query: "volcan", results: 2, books: ["ville"]), clientAddress: "10.42.0.12", userAgent: "iPhone"))
        log.flush()
        usleep(20_000)
        #expect(kiosk.request(.post, "/admin/session/end", cookie: session.id, form: [("csrf", session.csrf)]).status == 303)
        log.flush()
        #expect(log.currentSession == nil)
        usleep(20_000)
        Self.view(log, from: "10.42.0.98")  // after: not counted
        log.flush()

        let today = try #require(log.today().day)
        let report = try AdminDashboard.report(log, (today, today))
        let found = try #require(report.sessions.first)
        #expect(report.sessions.count == 1)
        #expect(found.title == "Découvrir Wikipédia" && found.place == "Salle du conte" && found.mediator == "Camille")
        #expect(found.expected == 30 && found.participants == 3 && found.pagesRead == 4 && found.searches == 1 && found.signScans == 0)
        #expect(found.end != nil && found.start.hasPrefix(today))
        let html = kiosk.request(.get, "/admin/report?from=\(today)&to=\(today)&format=html", cookie: session.id).bodyText
        #expect(html.contains("<h3>Séances</h3>"))
        #expect(html.contains("Découvrir Wikipédia (Salle du conte · Camille)"))
        #expect(html.contains("3 sur 30 attendus"))
        let csv = kiosk.request(.get, "/admin/report?from=\(today)&to=\(today)&format=csv&table=sessions", cookie: session.id).bodyText
            .replacingOccurrences(of: "\r\n", with: "\n")
        #expect(csv.hasPrefix("title,place,mediator,start,end,minutes,participants,expected,pages_read,searches,sign_scans\n"), "\(csv)")
        #expect(csv.contains("Découvrir Wikipédia,Salle du conte,Camille,\(found.start),\(found.end!),"))
        #expect(csv.contains(",3,30,4,1,0\n"))
        let json = String(decoding: JSONText.encode(report), as: UTF8.self)
        #expect(json.contains("\"sessions\":[{") && json.contains("\"participants\":3"))
        // Refused without a title.
        #expect(kiosk.request(.post, "/admin/session/start", cookie: session.id, form: [("csrf", session.csrf), ("title", " ")]).status == 400)
    }

    @Test func aSessionLeftOpenByAPowerCutEndsAtThatBootsLastEvent() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/usage.sqlite"
        let first = ManualUsageClock(bootID: "boot-A", wall: 1_764_838_800, monotonic: 100)
        let log = try UsageLog(path: path, settings: UsageFixtures.settings(flush: 60), clock: first)
        log.startSession(title: "Atelier", place: "", mediator: "", expected: nil)
        first.advance(600)
        Self.view(log, from: "10.42.0.10")
        log.flush()
        first.advance(3000)
        log.close()  // the power cut: the session was never ended
        // The service restarting in the same boot: the session runs on.
        let same = try UsageLog(path: path, settings: UsageFixtures.settings(flush: 60), clock: first)
        #expect(same.currentSession?.title == "Atelier")
        same.close()
        // The next boot: it ended at the last event of boot A, ten minutes after it started.
        let second = ManualUsageClock(bootID: "boot-B", wall: 1_764_925_200, monotonic: 50)
        let next = try UsageLog(path: path, settings: UsageFixtures.settings(flush: 60), clock: second)
        defer { next.close() }
        #expect(next.currentSession == nil)
        let report = try UsageReportBuilder(databases: [path]).build()
        #expect(report.sessions.count == 1)
        #expect(report.sessions.first?.minutes == 10 && report.sessions.first?.participants == 1)
    }
}
