import Foundation
import HTTPServer

/// Workshop sessions on the dashboard and the staff's presenter screen: "Start a session" (title,
/// place, mediator, people expected) or, while one runs, what it is, since when, "Offer the
/// questionnaire" (`QuestionnaireInvitations`) and "End the session". Phones seen
/// while it runs are its participants in the report (`UsageReport.sessions`).
struct AdminSessionForms {
    let area: AdminArea

    /// The session's card: on the dashboard, or on the presenter screen (`back` = "presenter":
    /// the forms come back to it).
    func card(_ log: UsageLog, _ page: AdminPage, back: String? = nil) -> HTML {
        let t = page.t
        let backField: HTML = back.map { "<input type=\"hidden\" name=\"back\" value=\"\($0)\">" } ?? .empty
        let fields = page.csrfField + backField
        if let session = log.currentSession {
            let minutes = Int((log.clock.monotonic() - session.startedAt) / 60)
            var offer: HTML = .empty
            let questionnaire = area.context.settings.current.questionnaire
            if questionnaire.enabled, !questionnaire.questions.isEmpty {
                if let status = area.context.invitations.status(of: session.key) {
                    offer += "<p role=\"status\">\(t["admin.session.offered", ["seen": .text(t.plain("admin.session.seen", ["count": .number(status.invited)])), "answers": .text(t.plain("admin.session.answered", ["count": .number(status.answered)]))]])</p>"
                }
                offer += """
                    <form method="post" action="/admin/session/questionnaire" class="inline">\(fields)\
                    <button type="submit">\(t["admin.session.offer"])</button></form>
                    """
            }
            return """
                <div class="card" id="session"><h2>\(t["admin.session.running", ["title": .text(session.title)]])</h2>
                <p>\(t["admin.session.since", ["count": .number(minutes)]])</p>
                \(offer)<form method="post" action="/admin/session/end" class="inline">\(fields)<button type="submit">\(t["admin.session.end"])</button></form>
                <p class="hint">\(t["admin.session.offerhint"])</p></div>\n
                """
        }
        let place = area.context.settings.current.place
        return """
            <details class="card" id="session"><summary>\(t["admin.session.new"])</summary>
            <form method="post" action="/admin/session/start">\(fields)
            <label for="s-title">\(t["admin.session.title"])</label><input type="text" id="s-title" name="title" required maxlength="120">
            <div class="row"><div><label for="s-place">\(t["admin.session.place"])</label><input type="text" id="s-place" name="place" maxlength="120" value="\(place)"></div>
            <div><label for="s-mediator">\(t["admin.session.mediator"])</label><input type="text" id="s-mediator" name="mediator" maxlength="80"></div>
            <div><label for="s-expected">\(t["admin.session.expected"])</label><input type="number" id="s-expected" name="expected" min="1" max="10000"></div></div>
            <p class="hint">\(t["admin.session.hint"])</p>
            <button type="submit">\(t["admin.session.start"])</button></form></details>\n
            """
    }

    /// `GET /admin/presenter`: the presenter screen with the session's card below the codes
    /// (start, offer the questionnaire, end), for the mediator's own projected screen.
    func presenter(_ request: Request, _ page: AdminPage) -> Response {
        let controls = (area.context.usage as? UsageLog).map { card($0, page, back: "presenter") }
            ?? AdminPage.notice(page.t["admin.dash.nostats"], kind: "info")
        let html = PresenterPage(context: area.context, live: area.context.live)
            .page(language: page.t.language, staff: controls, staffLabel: page.t.plain("admin.presenter.staff"), nonce: page.nonce)
        return AdminResponse.html(html, nonce: page.nonce)
    }

    /// `POST /admin/session/start|end|questionnaire` ("questionnaire": offer it to the session's phones).
    func handle(_ action: String, _ request: Request, _ page: AdminPage) -> Response {
        guard let log = area.context.usage as? UsageLog else { return area.refusal("admin.dash.nostats", status: 409, request) }
        switch action {
        case "start":
            let title = (request.form["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else { return area.refusal("admin.session.notitle", status: 400, request) }
            let expected = request.form["expected"].flatMap { Int($0) }.flatMap { (1...10_000).contains($0) ? $0 : nil }
            func field(_ name: String) -> String { String((request.form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(120)) }
            area.context.invitations.withdraw()
            log.startSession(title: String(title.prefix(120)), place: field("place"), mediator: field("mediator"), expected: expected)
            area.context.log.info("staff area: session “\(title)” started")
        case "end":
            area.context.invitations.withdraw()
            if log.endSession() { area.context.log.info("staff area: session ended") }
        case "questionnaire":
            guard let session = log.currentSession else { return area.refusal("admin.session.none", status: 409, request) }
            area.context.invitations.offer(to: session.key, at: log.clock.monotonic())
            area.context.log.info("staff area: questionnaire offered to the phones of session “\(session.title)”")
        default:
            return area.refusal("admin.kiosk.bad", status: 400, request)
        }
        return AdminResponse.redirect(request.form["back"] == "presenter" ? "/admin/presenter#session" : "/admin#session")
    }
}
