import Foundation
import HTTPServer

/// `/questionnaire`: the satisfaction questionnaire, for visitors, without JavaScript and without
/// an account: each question a `fieldset` with its `legend`, radio buttons or a text field with
/// their labels; every question optional. `POST` records one event per answered question (the
/// device's daily keyed number, as for any event: one device answering twice counts once, its
/// last answer) and thanks. 404 when the questionnaire is off. With `next` (a phone sent here by
/// the mediator's offer), it says so and leads on to that page, answered or not.
struct QuestionnairePage: RouteHandler {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        let settings = context.settings.current
        let questionnaire = settings.questionnaire
        guard questionnaire.enabled, !questionnaire.questions.isEmpty, segments.allSatisfy(\.isEmpty) else { throw .notFound }
        let language = context.language(for: request)
        let strings = context.strings
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> HTML { strings.html(key, language, arguments) }
        // Sent here by the mediator's offer (`QuestionnaireInvitation`): the page it asked for comes after.
        let next = QuestionnaireInvitation.localTarget(request.query["next"] ?? request.form["next"])
        var body: HTML
        if request.method == .post {
            guard !request.isCrossSite else { throw .badRequest }
            var answered = 0
            for question in questionnaire.questions {
                guard let raw = request.form[question.id], let value = Questionnaire.checked(raw, for: question) else { continue }
                context.usage.record(UsageEvent(.answer(question: question.id, value: value), from: request))
                answered += 1
            }
            if let address = request.remoteAddress { context.invitations.opened(by: address, answered: answered > 0) }
            body = "<h1>\(t("questionnaire.title"))</h1>\n<p class=\"thanks\" role=\"status\">"
                + (answered > 0 ? t("questionnaire.thanks") : t("questionnaire.empty")) + "</p>\n"
            if let next { body += "<p><a class=\"next\" href=\"\(next)\">\(t("questionnaire.continue"))</a></p>\n" }
        } else {
            if let address = request.remoteAddress { context.invitations.opened(by: address, answered: false) }
            body = "<h1>\(t("questionnaire.title"))</h1>\n"
            if next != nil { body += "<p class=\"invited\">\(t("questionnaire.invited"))</p>\n" }
            body += "<p>\(t("questionnaire.intro"))</p>\n"
                + "<form method=\"post\" action=\"/questionnaire\">\n\(fields(questionnaire, language, strings))"
                + (next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" as HTML } ?? .empty)
                + "<button type=\"submit\">\(t("questionnaire.send"))</button>\n</form>\n"
            if let next { body += "<p><a class=\"next\" href=\"\(next)\">\(t("questionnaire.later"))</a></p>\n" }
        }
        body += "<p><a href=\"/\">\(t("external.home"))</a></p>"
        var response = Response.page(VisitorPage.render(title: strings.text("questionnaire.title", language), language: language,
                                                        body: body, style: Self.style), language: language)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private func fields(_ questionnaire: Questionnaire, _ language: String, _ strings: StringCatalog) -> HTML {
        func t(_ key: String) -> HTML { strings.html(key, language) }
        var html: HTML = .empty
        for question in questionnaire.questions {
            let id = question.id
            let legend = question.text(language, strings)
            switch question.kind {
            case .text:
                html += "<div class=\"q\"><label for=\"\(id)\">\(legend)</label>"
                    + "<textarea id=\"\(id)\" name=\"\(id)\" maxlength=\"\(String(Questionnaire.maximumText))\" rows=\"3\"></textarea>"
                    + "<p class=\"meta\">\(t("questionnaire.optional"))</p></div>\n"
                continue
            case .scale:
                let choices: [HTML] = (1...5).map { value in
                    let label: HTML = value == 1 ? " <span class=\"meta\">\(t("questionnaire.scale.low"))</span>"
                        : value == 5 ? " <span class=\"meta\">\(t("questionnaire.scale.high"))</span>" : .empty
                    return "<label><input type=\"radio\" name=\"\(id)\" value=\"\(String(value))\"> \(String(value))\(label)</label>"
                }
                html += "<fieldset class=\"q scale\"><legend>\(legend)</legend>\(choices)</fieldset>\n"
            case .yesNo:
                html += "<fieldset class=\"q\"><legend>\(legend)</legend>"
                    + "<label><input type=\"radio\" name=\"\(id)\" value=\"yes\"> \(t("questionnaire.yes"))</label>"
                    + "<label><input type=\"radio\" name=\"\(id)\" value=\"no\"> \(t("questionnaire.no"))</label></fieldset>\n"
            case .choice:
                let choices: [HTML] = question.options(language).enumerated().map { index, option in
                    "<label><input type=\"radio\" name=\"\(id)\" value=\"\(String(index))\"> \(option)</label>"
                }
                html += "<fieldset class=\"q\"><legend>\(legend)</legend>\(choices)</fieldset>\n"
            }
        }
        return html
    }

    static let style: HTML = """
        .q{border:1px solid #c8ccd1;border-radius:6px;margin:1rem 0;padding:.6rem .9rem}legend{font-weight:700;padding:0 .3rem}\
        .q label{display:flex;align-items:center;gap:.5rem;min-height:2.75rem}.q input[type=radio]{width:1.4rem;height:1.4rem}\
        div.q label{font-weight:700;display:block;min-height:0;margin-bottom:.4rem}\
        textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}\
        button{font:inherit;font-weight:700;padding:.7rem 1.4rem;min-height:2.75rem;border-radius:6px;border:0;background:#36c;color:#fff}\
        .thanks{font-size:1.2rem}.invited{font-weight:700}\
        a.next{display:inline-block;min-height:2.75rem;line-height:2.75rem;font-weight:700}
        """
}
