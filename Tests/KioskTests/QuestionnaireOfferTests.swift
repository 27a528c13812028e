import Foundation
import Testing
@testable import Kiosk

/// The mediator's side of a session on the projected screen (`/admin/presenter`: start, offer
/// the questionnaire, end), and the offer itself: each phone of the session is sent to the
/// questionnaire once, on its next page, and led on to that page afterwards.
@Suite("Offering the questionnaire from the presenter screen", .serialized)
struct QuestionnaireOfferTests {
    static let page = [("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    static let article = "/content/ville/Cath%C3%A9drale"

    @Test func theStaffPresenterScreenStartsAndEndsASession() throws {
        let kiosk = try AdminKiosk(stats: true)
        let session = try kiosk.login()
        #expect(kiosk.request(.get, "/admin/presenter").status == 303, "signed out: to the login page")
        #expect(kiosk.request(.get, "/admin", cookie: session.id).bodyText.contains("href=\"/admin/presenter\""))

        let screen = kiosk.request(.get, "/admin/presenter", cookie: session.id)
        #expect(screen.status == 200)
        let html = screen.bodyText
        #expect(html.contains("<svg") && html.contains("Démarrer une séance d&#39;atelier"))
        #expect(html.contains("<input type=\"hidden\" name=\"back\" value=\"presenter\">"))
        #expect(html.contains("name=\"csrf\" value=\"\(session.csrf)\""))
        // The polling script runs under the staff area's CSP: its nonce is the header's.
        let csp = try #require(screen.headers["Content-Security-Policy"])
        let nonce = try #require(csp.split(separator: "'").first { $0.hasPrefix("nonce-") }?.dropFirst(6))
        #expect(html.contains("<script nonce=\"\(nonce)\">") && html.contains("/presenter/now"))

        let start = kiosk.request(.post, "/admin/session/start", cookie: session.id,
                                  form: [("csrf", session.csrf), ("back", "presenter"), ("title", "Découvrir Wikipédia"),
                                         ("place", "Salle du conte"), ("mediator", "Camille"), ("expected", "25")])
        #expect(start.status == 303 && start.headers["Location"] == "/admin/presenter#session")
        let running = kiosk.request(.get, "/admin/presenter", cookie: session.id).bodyText
        #expect(running.contains("Séance en cours : Découvrir Wikipédia") && running.contains("Proposer le questionnaire"))
        // The public screen has none of it.
        let visitors = kiosk.request(.get, "/presenter").bodyText
        #expect(!visitors.contains("Proposer") && !visitors.contains("csrf") && !visitors.contains("Séance en cours"))

        let end = kiosk.request(.post, "/admin/session/end", cookie: session.id, form: [("csrf", session.csrf), ("back", "presenter")])
        #expect(end.status == 303 && end.headers["Location"] == "/admin/presenter#session")
        #expect(kiosk.usageLog?.currentSession == nil)
        // Without a session there is nothing to offer to.
        let refused = kiosk.request(.post, "/admin/session/questionnaire", cookie: session.id, form: [("csrf", session.csrf)])
        #expect(refused.status == 409 && refused.bodyText.contains("Aucune séance n&#39;est en cours."))
        // No CSRF token: refused.
        #expect(kiosk.request(.post, "/admin/session/start", cookie: session.id, form: [("title", "x")]).status == 403)
    }

    @Test func eachPhoneOfTheSessionSeesItOnceOnItsNextPageThenGoesOn() throws {
        let kiosk = try AdminKiosk(stats: true)
        let session = try kiosk.login()
        func visit(_ target: String, from address: String, headers: [(String, String)] = Self.page) -> (Int, String?) {
            let response = kiosk.request(.get, target, headers: headers, address: address)
            return (response.status, response.headers["Location"])
        }
        #expect(kiosk.request(.post, "/admin/session/start", cookie: session.id,
                              form: [("csrf", session.csrf), ("title", "Atelier")]).status == 303)
        #expect(visit(Self.article, from: "10.42.0.10").0 == 200, "no offer yet")

        #expect(kiosk.request(.post, "/admin/session/questionnaire", cookie: session.id,
                              form: [("csrf", session.csrf), ("back", "presenter")]).headers["Location"] == "/admin/presenter#session")
        // Phone A: its next page is the questionnaire, once.
        let sent = visit(Self.article, from: "10.42.0.10")
        #expect(sent.0 == 303 && sent.1 == "/questionnaire?next=/content/ville/Cath%25C3%25A9drale", "\(sent)")
        #expect(visit(Self.article, from: "10.42.0.10").0 == 200, "once per offer")
        // Phone B: images, stylesheets, the suggestions API and the staff area are never interrupted.
        #expect(visit(Self.article, from: "10.42.0.11", headers: [("Accept", "image/avif,image/webp,*/*")]).0 == 200)
        #expect(visit("/suggest?content=ville&term=ca", from: "10.42.0.11").1 == nil)
        #expect(visit("/presenter", from: "10.42.0.11").0 == 200)
        let landing = visit("/?lang=fr", from: "10.42.0.11")
        #expect(landing.0 == 303 && landing.1 == "/questionnaire?next=/%3Flang%3Dfr", "\(landing)")

        // The questionnaire says why it is there and leads on to the page, answered or not.
        let form = kiosk.request(.get, "/questionnaire?next=/%3Flang%3Dfr", headers: Self.page, address: "10.42.0.11").bodyText
        #expect(form.contains("La personne qui anime l&#39;atelier vous propose ce court questionnaire."))
        #expect(form.contains("<input type=\"hidden\" name=\"next\" value=\"/?lang=fr\">"))
        #expect(form.contains("<a class=\"next\" href=\"/?lang=fr\">Plus tard : continuer vers ma page</a>"))
        let thanks = kiosk.request(.post, "/questionnaire", form: [("q1", "5"), ("next", "/?lang=fr")], address: "10.42.0.11").bodyText
        #expect(thanks.contains("Merci") && thanks.contains("<a class=\"next\" href=\"/?lang=fr\">Continuer vers ma page</a>"))

        // The mediator sees how far it went.
        let screen = kiosk.request(.get, "/admin/presenter", cookie: session.id).bodyText
        #expect(screen.contains("Questionnaire proposé : vu sur 2 téléphones · 1 réponse."), "\(screen)")

        // A second offer: phone A again, phone B (answered) not.
        #expect(kiosk.request(.post, "/admin/session/questionnaire", cookie: session.id, form: [("csrf", session.csrf)]).status == 303)
        #expect(visit(Self.article, from: "10.42.0.10").0 == 303)
        #expect(visit(Self.article, from: "10.42.0.11").0 == 200)
        // Once the session ends, nobody is sent.
        #expect(kiosk.request(.post, "/admin/session/end", cookie: session.id, form: [("csrf", session.csrf)]).status == 303)
        #expect(visit(Self.article, from: "10.42.0.12").0 == 200)
    }

    /// `next` leads only to a page of the kiosk: another site's address is dropped.
    @Test func nextNeverLeadsOffTheKiosk() throws {
        let kiosk = try AdminKiosk(stats: true)
        for next in ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/a\r\nSet-Cookie:x"] {
            let target = "/questionnaire?next=" + URLPath.encodeQueryValue(next)
            let page = kiosk.request(.get, target, headers: Self.page, address: "10.42.0.20").bodyText
            #expect(!page.contains("class=\"next\"") && !page.contains("name=\"next\""), "\(next)")
        }
        #expect(QuestionnaireInvitation.localTarget("/content/ville/A?b=c") == "/content/ville/A?b=c")
    }
}
