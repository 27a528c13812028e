import Foundation
import Testing
@testable import Kiosk

/// Objectives: set on the dashboard, saved to `[objectives]`, and each result shown against its
/// target with the variance on the dashboard and in the report (HTML and CSV).
@Suite("Partnership objectives", .serialized)
struct ObjectivesTests {
    @Test func targetsAreSavedAndTheReportShowsResultsAgainstThem() throws {
        let kiosk = try AdminKiosk(stats: true)
        let session = try kiosk.login()
        let log = try #require(kiosk.usageLog)
        for address in ["10.42.0.10", "10.42.0.11", "10.42.0.12"] {
            log.record(UsageEvent(.articleView(book: "ville", path: "Accueil", title: "Accueil", arrival: .direct),
                                  clientAddress: address, userAgent: "Android"))
        }
        log.record(UsageEvent(.signScan(signID: "JAUDE"), clientAddress: "10.42.0.10", userAgent: "Android"))
        log.flush()
        let today = try #require(log.today().day)
        try "id,book,article,label,language,target\nJAUDE,ville,Accueil,\"Place de Jaude, côté opéra\",fr,kiosk\n"
            .write(toFile: kiosk.options.signsFile!, atomically: true, encoding: .utf8)
        let saved = kiosk.request(.post, "/admin/objectives", cookie: session.id,
                                  form: [("csrf", session.csrf), ("from", today), ("to", today), ("people", "10"),
                                         ("sessions", ""), ("scans", "1"), ("pages", "2")])
        #expect(saved.status == 303 && saved.headers["Location"] == "/admin#objectives")
        let conf = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        #expect(conf.hasSuffix("[objectives]\n# Targets for the evaluation (set from the staff area's dashboard).\nfrom = \(today)\nto = \(today)\npeople = 10\nscans = 1\npages = 2\n"))
        let parsed = SettingsParser.parse(conf, file: "wikikiosk.conf")
        #expect(parsed.problems.isEmpty && parsed.settings.objectives.targets == ["people": 10, "scans": 1, "pages": 2])
        #expect(kiosk.settings.current.objectives.from == today)
        let dashboard = kiosk.request(.get, "/admin", cookie: session.id).bodyText
        #expect(dashboard.contains("<tr><td>Personnes touchées</td><td class=\"n\">10</td><td class=\"n\">3</td><td class=\"n\">-7</td></tr>"), "\(dashboard)")
        #expect(dashboard.contains("<tr><td>Pages lues</td><td class=\"n\">2</td><td class=\"n\">3</td><td class=\"n\">+1</td></tr>"))
        let html = kiosk.request(.get, "/admin/report?from=\(today)&to=\(today)&format=html", cookie: session.id).bodyText
        #expect(html.contains("<h3>Objectifs et résultats</h3>"))
        #expect(html.contains("<tr><td>Personnes touchées</td><td class=\"n\">10</td><td class=\"n\">3</td><td>-7 (30 %)</td></tr>"))
        #expect(html.contains("<tr><td>Pages lues</td><td class=\"n\">2</td><td class=\"n\">3</td><td>+1 (150 %)</td></tr>"))
        #expect(html.contains("Objectifs fixés pour la période \(today) – \(today)."))
        // The report names the kiosk, its place, its signs and books as people do, and says it in one sentence.
        #expect(html.contains("<h1>Rapport de fréquentation de la borne · Médiathèque de démonstration</h1>"))
        #expect(html.contains("<p class=\"place\">Clermont-Ferrand, Puy-de-Dôme</p>"))
        #expect(html.contains("la borne « Médiathèque de démonstration » a touché 3 personnes. Pages lues : 3 ; recherches : 0 ; scans de panneaux QR : 1 ; séances d&#39;atelier : 0."), "\(html)")
        #expect(html.contains("Place de Jaude, côté opéra (JAUDE)"))
        #expect(html.contains("<td>Ville de test</td><td>Accueil</td>"))
        let csv = kiosk.request(.get, "/admin/report?from=\(today)&to=\(today)&format=csv&table=objectives", cookie: session.id)
            .bodyText.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(csv == "indicator,target,result,variance,percent\npeople,10,3,-7,30\nscans,1,1,0,100\npages,2,3,1,150\n")
        // Refused: a negative target, a date that isn't one; the file unchanged.
        for bad in [("people", "-1"), ("from", "hier"), ("pages", "beaucoup")] {
            let refused = kiosk.request(.post, "/admin/objectives", cookie: session.id, form: [("csrf", session.csrf), bad])
            #expect(refused.status == 400, "\(bad)")
            #expect(refused.bodyText.contains("Objectifs refusés"))
        }
        #expect(try String(contentsOfFile: kiosk.configFile, encoding: .utf8) == conf)
    }
}
