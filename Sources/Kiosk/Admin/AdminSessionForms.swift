import Foundation
import HTTPServer

/// Workshop sessions on the dashboard: "Start a session" (title, place, mediator, people
/// expected) or, while one runs, what it is, since when, and "End the session". Phones seen
/// while it runs are its participants in the report (`UsageReport.sessions`).
struct AdminSessionForms {
    let area: AdminArea

    /// The dashboard's card.
    func card(_ log: UsageLog, _ page: AdminPage) -> HTML {
        let t = page.t
        if let session = log.currentSession {
            let minutes = Int((log.clock.monotonic() - session.startedAt) / 60)
            return """
                <div class="card" id="session"><h2>\(t["admin.session.running", ["title": .text(session.title)]])</h2>
                <p>\(t["admin.session.since", ["count": .number(minutes)]])</p>
                <form method="post" action="/admin/session/end">\(page.csrfField)<button type="submit">\(t["admin.session.end"])</button></form></div>\n
                """
        }
        let place = area.context.settings.current.place
        return """
            <details class="card" id="session"><summary>\(t["admin.session.new"])</summary>
            <form method="post" action="/admin/session/start">\(page.csrfField)
            <label for="s-title">\(t["admin.session.title"])</label><input type="text" id="s-title" name="title" required maxlength="120">
            <div class="row"><div><label for="s-place">\(t["admin.session.place"])</label><input type="text" id="s-place" name="place" maxlength="120" value="\(place)"></div>
            <div><label for="s-mediator">\(t["admin.session.mediator"])</label><input type="text" id="s-mediator" name="mediator" maxlength="80"></div>
            <div><label for="s-expected">\(t["admin.session.expected"])</label><input type="number" id="s-expected" name="expected" min="1" max="10000"></div></div>
            <p class="hint">\(t["admin.session.hint"])</p>
            <button type="submit">\(t["admin.session.start"])</button></form></details>\n
            """
    }

    /// `POST /admin/session/start|end`.
    func handle(_ action: String, _ request: Request, _ page: AdminPage) -> Response {
        guard let log = area.context.usage as? UsageLog else { return area.refusal("admin.dash.nostats", status: 409, request) }
        switch action {
        case "start":
            let title = (request.form["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else { return area.refusal("admin.session.notitle", status: 400, request) }
            let expected = request.form["expected"].flatMap { Int($0) }.flatMap { (1...10_000).contains($0) ? $0 : nil }
            func field(_ name: String) -> String { String((request.form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(120)) }
            log.startSession(title: String(title.prefix(120)), place: field("place"), mediator: field("mediator"), expected: expected)
            area.context.log.info("staff area: session “\(title)” started")
        case "end":
            if log.endSession() { area.context.log.info("staff area: session ended") }
        default:
            return area.refusal("admin.kiosk.bad", status: 400, request)
        }
        return AdminResponse.redirect("/admin#session")
    }
}
