import Foundation
import HTTPServer

/// The objectives on the dashboard: the targets set with the partner for a period (people
/// reached, sessions, participants, sign scans, pages read), each with what was reached so far
/// and the variance; a form saves them to `[objectives]` of `wikikiosk.conf`.
struct AdminObjectivesForm {
    let area: AdminArea

    /// `dashboard`: the dashboard's own period and report, used again when the objectives cover
    /// the same days.
    func card(_ log: UsageLog, _ page: AdminPage, dashboard: (period: (from: String, to: String), report: UsageReport?)) -> HTML {
        let t = page.t
        let objectives = area.context.settings.current.objectives
        var html: HTML = "<details class=\"card\" id=\"objectives\"\(objectives.isEmpty ? HTML.empty : " open")><summary>\(t["admin.objectives"])</summary>\n"
        if !objectives.isEmpty, let report = try? report(log, objectives, reusing: dashboard) {
            var rows: HTML = .empty
            for objective in objectives.results(report) {
                let variance = objective.variance >= 0 ? "+\(t.number(objective.variance))" : t.number(objective.variance)
                rows += "<tr><td>\(t["admin.objectives.\(objective.indicator)"])</td><td class=\"n\">\(t.number(objective.target))</td>"
                    + "<td class=\"n\">\(t.number(objective.result))</td><td class=\"n\">\(variance)</td></tr>"
            }
            html += "<table><thead><tr><th>\(t["admin.objectives.indicator"])</th><th class=\"n\">\(t["admin.objectives.target"])</th>"
                + "<th class=\"n\">\(t["admin.objectives.result"])</th><th class=\"n\">\(t["admin.objectives.variance"])</th></tr></thead>"
                + "<tbody>\(rows)</tbody></table>\n"
        }
        var fields: HTML = "<div class=\"row\"><div><label for=\"o-from\">\(t["admin.objectives.from"])</label>"
            + "<input type=\"date\" id=\"o-from\" name=\"from\" value=\"\(objectives.from ?? "")\"></div>"
            + "<div><label for=\"o-to\">\(t["admin.objectives.to"])</label><input type=\"date\" id=\"o-to\" name=\"to\" value=\"\(objectives.to ?? "")\"></div></div>"
            + "<div class=\"row\">"
        for key in Objectives.indicators {
            let value = objectives.targets[key].map(String.init) ?? ""
            fields += "<div><label for=\"o-\(key)\">\(t["admin.objectives.\(key)"])</label>"
                + "<input type=\"number\" id=\"o-\(key)\" name=\"\(key)\" min=\"0\" max=\"10000000\" value=\"\(value)\"></div>"
        }
        fields += "</div>"
        return html + "<form method=\"post\" action=\"/admin/objectives\">\(page.csrfField)\(fields)"
            + "<p class=\"hint\">\(t["admin.objectives.hint"])</p><button type=\"submit\">\(t["admin.objectives.save"])</button></form></details>\n"
    }

    /// The report for the objectives' period (the dashboard's days where it gives none).
    private func report(_ log: UsageLog, _ objectives: Objectives,
                        reusing dashboard: (period: (from: String, to: String), report: UsageReport?)) throws -> UsageReport {
        let period = (from: objectives.from ?? dashboard.period.from, to: objectives.to ?? dashboard.period.to)
        if period == dashboard.period, let report = dashboard.report { return report }
        return try AdminDashboard.report(log, period)
    }

    /// `POST /admin/objectives`: checked as `wikikiosk.conf` checks them, then saved.
    func save(_ request: Request, _ page: AdminPage) -> Response {
        guard let file = area.options.configFile else { return area.refusal("admin.settings.nofile", status: 409, request) }
        var objectives = Objectives()
        for key in ["from", "to"] + Objectives.indicators {
            guard let value = request.form[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            if let problem = Objectives.apply(key, value, to: &objectives) {
                return area.refusal("admin.objectives.bad", status: 400, request, ["reason": .text(problem)])
            }
        }
        do {
            let original = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let text = ConfigRewriter.rewrite(original, section: "objectives", entries: objectives.lines,
                                              comment: "# Targets for the evaluation (set from the staff area's dashboard).")
            try AtomicFile.write(Array(text.utf8), to: file)
        } catch {
            return area.refusal("admin.objectives.bad", status: 500, request, ["reason": .text("\(error)")])
        }
        var settings = area.context.settings.current
        settings.objectives = objectives
        area.context.settings.replace(with: settings)
        return AdminResponse.redirect("/admin#objectives")
    }
}
