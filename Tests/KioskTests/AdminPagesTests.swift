import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The staff pages' content: library, dashboard (and its JSON API), report download, signs.
@Suite("Staff area pages")
struct AdminPagesTests {
    @Test func libraryListsBooksFailuresAndFreeSpace() throws {
        let kiosk = try AdminKiosk()
        kiosk.library.recordFailure(LoadFailure(path: "/srv/zim/broken.zim", reason: "not a ZIM file (bad magic number)",
                                                fingerprint: nil))
        let session = try kiosk.login()
        // A page read twice with gzip: the second answer comes from the gzip cache.
        for _ in 0..<2 {
            #expect(kiosk.request(.get, "/content/ville/Cath%C3%A9drale", headers: [("Accept-Encoding", "gzip")]).status == 200)
        }
        let page = kiosk.request(.get, "/admin/library?lang=en", cookie: session.id).bodyText
        #expect(page.contains("<b>50 %</b><span>of the pages asked for served from memory (2 requests since start)</span>"),
                "\(page.suffix(1500))")
        #expect(page.contains("Ville de test"))
        #expect(page.contains("<code>ville</code>"))
        #expect(page.contains("/srv/zim/broken.zim"))
        #expect(page.contains("bad magic number"))
        #expect(page.contains("class=\"yes\">yes"), "full-text index")
        #expect(page.contains("statistics folder"))
        #expect(page.contains("fra"))
        // Memory: what the board has now and what the caches hold of what they were given.
        #expect(page.contains("<h2>Memory</h2>"))
        #expect(page.contains("<span>available now</span>"))
        #expect(page.contains("<span>compressed pages in memory (used / reserved)</span>"))
        #expect(page.range(of: #"<b>[0-9.]+\s[kKMG]?B / [0-9.]+\sMB</b><span>compressed pages"#, options: .regularExpression) != nil,
                "\(page.suffix(1500))")
    }

    /// Gzip pages kept on disk: how much, and how often a page not in memory was read back.
    @Test func libraryPageSaysWhatThePagesOnDiskDid() throws {
        let kiosk = try AdminKiosk(pagesOnDiskOnly: true)
        let session = try kiosk.login()
        for _ in 0..<3 {
            #expect(kiosk.request(.get, "/content/ville/Cath%C3%A9drale", headers: [("Accept-Encoding", "gzip")]).status == 200)
        }
        let english = kiosk.request(.get, "/admin/library?lang=en", cookie: session.id).bodyText
        #expect(english.contains("<b>66 %</b><span>of the pages not in memory read back from the card instead of decompressed (3 requests)</span>"),
                "\(english.suffix(1500))")
        #expect(english.range(of: #"<b>[0-9.]+\s[kKMG]?B / 17\sMB</b><span>compressed pages kept on the card for this run"#,
                              options: .regularExpression) != nil, "\(english.suffix(1500))")
        let french = kiosk.request(.get, "/admin/library?lang=fr", cookie: session.id).bodyText
        #expect(french.contains("<span>des pages absentes de la mémoire relues sur la carte au lieu d&#39;être décompressées (3 demandes)</span>"),
                "\(french.suffix(1500))")
    }

    @Test func libraryPageSaysWhichBuildRunsInEveryStaffLanguage() throws {
        let kiosk = try AdminKiosk(build: BuildInfo(version: "1.2+git34.gabcdef0", commit: "abcdef012345"))
        let session = try kiosk.login()
        let english = kiosk.request(.get, "/admin/library?lang=en", cookie: session.id).bodyText
        #expect(english.contains("<h2>Software</h2>\n<p id=\"version\">WikiKiosk 1.2+git34.gabcdef0, built from commit abcdef012345.</p>"),
                "\(english.suffix(600))")
        let french = kiosk.request(.get, "/admin/library?lang=fr", cookie: session.id).bodyText
        #expect(french.contains("<h2>Logiciel</h2>\n<p id=\"version\">WikiKiosk 1.2+git34.gabcdef0, compilé depuis le commit abcdef012345.</p>"),
                "\(french.suffix(600))")
        // Every language the staff area ships has the two texts (none falls back to a key).
        for language in AdminStrings.tables.keys {
            #expect(AdminStrings.tables[language]?["admin.library.software"] != nil, "\(language)")
            #expect(AdminStrings.tables[language]?["admin.library.version"]?.contains("{commit}") == true, "\(language)")
        }
        // Not shown to someone who has not signed in.
        let anonymous = kiosk.request(.get, "/admin/library?lang=en")
        #expect(!anonymous.bodyText.contains("built from commit"), "\(anonymous.bodyText.prefix(300))")
    }

    @Test func dashboardShowsTodayAndTheLast30Days() throws {
        let kiosk = try AdminKiosk(stats: true)
        let log = try #require(kiosk.usageLog)
        for address in ["10.42.0.11", "10.42.0.12", "10.42.0.13"] {
            log.record(UsageFixtures.view("Cathédrale", from: address, agent: UsageFixtures.iphone))
            log.record(UsageFixtures.search("licorne", results: 0, from: address))
            log.record(UsageEvent(.signScan(signID: "JAUDE"), clientAddress: address, userAgent: UsageFixtures.iphone))
        }
        log.flush()
        let session = try kiosk.login()
        let page = kiosk.request(.get, "/admin?lang=en", cookie: session.id)
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("data-k=\"people\">3<"))
        #expect(html.contains("<svg"))
        #expect(html.contains("Cathédrale"))
        #expect(html.contains("licorne"), "zero-result search made by 3 devices")
        #expect(html.contains("JAUDE"))
        #expect(html.contains("<script nonce="))
        let csp = try #require(page.headers["Content-Security-Policy"])
        #expect(csp.contains("script-src 'nonce-"))

        let api = kiosk.request(.get, "/admin/api/dashboard", cookie: session.id)
        #expect(api.status == 200)
        #expect(api.headers["Content-Type"] == "application/json")
        #expect(api.headers["Cache-Control"] == "no-store")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(api.bodyBytes)) as? [String: Any])
        #expect((json["today"] as? [String: Any])?["people"] as? Int == 3)
        #expect((json["chart"] as? String)?.hasPrefix("<svg") == true)
        #expect(kiosk.request(.get, "/admin/api/today", cookie: session.id).bodyText.contains("\"articleViews\": 3"))
    }

    @Test func reportsDownloadAsHTMLAndCSV() throws {
        let kiosk = try AdminKiosk(stats: true)
        let log = try #require(kiosk.usageLog)
        log.record(UsageFixtures.view("Cathédrale", from: "10.42.0.11"))
        let session = try kiosk.login()
        let day = try #require(log.today().day)
        let html = kiosk.request(.get, "/admin/report?from=\(day)&to=\(day)&format=html&lang=en", cookie: session.id)
        #expect(html.status == 200)
        #expect(html.headers["Content-Disposition"] == "attachment; filename=\"wikikiosk-report-\(day)-\(day).html\"")
        #expect(html.bodyText.contains("<!DOCTYPE html>"))
        let csv = kiosk.request(.get, "/admin/report?from=\(day)&to=\(day)&format=csv", cookie: session.id)
        #expect(csv.status == 200)
        #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8")
        #expect(csv.bodyText.contains("pages_read,1"))
        let days = kiosk.request(.get, "/admin/report?from=\(day)&to=\(day)&format=csv&table=days", cookie: session.id)
        #expect(days.bodyText.hasPrefix("day,people,"))
        for bad in ["from=2026-13-01&to=2026-12-01", "from=2026-02-01&to=2026-01-01", "from=x&to=y", "format=pdf"] {
            #expect(kiosk.request(.get, "/admin/report?\(bad)", cookie: session.id).status == 400, "\(bad)")
        }
    }

    @Test func signsArePreviewedDownloadedAndAddedToTheCatalogue() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        let query = "book=ville&article=Cath%C3%A9drale&label=Place%20de%20la%20Victoire&id=VICTOIRE&paper=A6&target=kiosk&language=fr"
        let page = kiosk.request(.get, "/admin/signs?\(query)", cookie: session.id)
        #expect(page.status == 200)
        #expect(page.bodyText.contains("/admin/signs/preview?"))
        let png = kiosk.request(.get, "/admin/signs/preview?\(query)", cookie: session.id)
        #expect(png.status == 200)
        #expect(png.headers["Content-Type"] == "image/png")
        #expect(png.bodyBytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // No PDF for a sign the catalogue doesn't have: it would scan to "unknown sign".
        #expect(kiosk.request(.get, "/admin/signs/pdf?\(query)", cookie: session.id).status == 404)
        #expect(kiosk.request(.get, "/admin/signs/pdf?id=VICTOIRE", cookie: session.id).status == 404)

        let catalogue = kiosk.options.signsFile!
        try "id,book,article,label,language,target\nJAUDE,ville,Cathédrale,Jaude,fr,kiosk\n"
            .write(toFile: catalogue, atomically: true, encoding: .utf8)
        let before = try String(contentsOfFile: catalogue, encoding: .utf8)
        let fields: [(String, String)] = [("csrf", session.csrf), ("book", "ville"), ("article", "Cathédrale"),
                                          ("label", "Place de la Victoire, côté \"nord\""), ("id", "VICTOIRE"),
                                          ("language", "fr"), ("target", "kiosk")]
        #expect(kiosk.request(.post, "/admin/signs/add", cookie: session.id, form: Array(fields.dropFirst())).status == 403)
        let added = kiosk.request(.post, "/admin/signs/add", cookie: session.id, form: fields)
        #expect(added.status == 303, "\(added.bodyText.prefix(600))")
        #expect(added.headers["Location"] == "/admin/signs?added=VICTOIRE&paper=A6")
        let pdf = kiosk.request(.get, "/admin/signs/pdf?id=VICTOIRE&paper=A6", cookie: session.id)
        #expect(pdf.status == 200)
        #expect(pdf.headers["Content-Disposition"] == "attachment; filename=\"sign-VICTOIRE.pdf\"")
        #expect(pdf.bodyBytes.starts(with: Array("%PDF".utf8)))
        let after = try String(contentsOfFile: catalogue, encoding: .utf8)
        #expect(try String(contentsOfFile: catalogue + ".bak", encoding: .utf8) == before)
        let parsed = SignCatalog.parse(after)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.sign(id: "VICTOIRE")?.label == "Place de la Victoire, côté \"nord\"")
        #expect(parsed.sign(id: "JAUDE") != nil)
        // The same id twice, or an article that is not in the book: refused, file unchanged.
        #expect(kiosk.request(.post, "/admin/signs/add", cookie: session.id, form: fields).status == 409)
        var missing = fields
        missing[2] = ("article", "Nulle part")
        missing[4] = ("id", "NOWHERE")
        #expect(kiosk.request(.post, "/admin/signs/add", cookie: session.id, form: missing).status == 422)
        #expect(try String(contentsOfFile: catalogue, encoding: .utf8) == after)
        let list = kiosk.request(.get, "/admin/signs", cookie: session.id).bodyText
        #expect(list.contains("VICTOIRE"))
        #expect(list.contains("JAUDE"))
    }
}
