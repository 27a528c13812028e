import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The satisfaction questionnaire: answered anonymously without JavaScript, one answer per
/// device and day (its last), aggregated in the report with no spread under 3 answers, free
/// texts only in the staff area; questions from `wikikiosk.conf` or the built-in ones in every
/// language.
@Suite("The satisfaction questionnaire", .serialized)
struct QuestionnaireTests {
    static func post(_ kiosk: AdminKiosk, from address: String, _ answers: [(String, String)], headers: [(String, String)] = []) -> Response {
        kiosk.request(.post, "/questionnaire", form: answers, headers: headers + [("Accept-Language", "fr"), ("Host", "wikikiosk.lan")], address: address)
    }

    @Test func theFormIsAccessibleInEveryLanguage() throws {
        let kiosk = try AdminKiosk()
        let page = kiosk.request(.get, "/questionnaire", headers: [("Accept-Language", "fr")])
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("<fieldset class=\"q scale\"><legend>Cette borne vous a-t-elle été utile ?</legend>"))
        #expect(html.contains("<label><input type=\"radio\" name=\"q2\" value=\"yes\"> Oui</label>"))
        #expect(html.contains("<label for=\"q3\">Qu&#39;aimeriez-vous trouver sur la borne ?</label><textarea id=\"q3\" name=\"q3\" maxlength=\"300\""))
        #expect(!html.contains("<script"))
        let expected = ["en": "Was this kiosk useful to you?", "es": "¿Le ha sido útil este quiosco?", "de": "War dieser Kiosk für Sie nützlich?",
                        "uk": "Чи був цей кіоск вам корисним?", "ar": "هل كان هذا الكشك مفيدًا لك؟"]
        for (language, text) in expected {
            let translated = kiosk.request(.get, "/questionnaire?lang=\(language)").bodyText
            #expect(translated.contains("<legend>\(text)</legend>"), "\(language)")
        }
        #expect(kiosk.request(.get, "/questionnaire?lang=ar").bodyText.contains("dir=\"rtl\""))
        #expect(kiosk.request(.get, "/?lang=fr").bodyText.contains("<a class=\"big\" href=\"/questionnaire\">Répondre au questionnaire</a>"))
    }

    @Test func answersAreCountedOncePerDeviceWithNoSpreadUnderThreeAndNoFreeTextInPublic() throws {
        let kiosk = try AdminKiosk(stats: true)
        let session = try kiosk.login()
        let log = try #require(kiosk.usageLog)
        #expect(Self.post(kiosk, from: "10.42.0.10", [("q1", "5"), ("q2", "yes"), ("q3", "Plus de livres en breton")]).status == 200)
        #expect(Self.post(kiosk, from: "10.42.0.11", [("q1", "4"), ("q2", "yes")]).bodyText.contains("Merci !"))
        #expect(Self.post(kiosk, from: "10.42.0.12", [("q1", "4"), ("q2", "maybe")]).status == 200)
        log.flush()
        usleep(10_000)
        // The first phone changes its mind: its last answer counts, once.
        #expect(Self.post(kiosk, from: "10.42.0.10", [("q1", "3")]).status == 200)
        // Nothing valid: nothing recorded, and said.
        #expect(Self.post(kiosk, from: "10.42.0.13", [("q1", "9"), ("q2", "")]).bodyText.contains("rien n&#39;a été enregistré"))
        // Another site's form can't answer for a visitor.
        #expect(Self.post(kiosk, from: "10.42.0.14", [("q1", "1")], headers: [("Origin", "http://evil.example")]).status == 400)
        log.flush()
        let today = try #require(log.today().day)
        var builder = UsageReportBuilder(databases: [log.path], from: today, to: today)
        builder.textQuestions = ["q3"]
        let report = try builder.build()
        let byQuestion = Dictionary(uniqueKeysWithValues: report.answers.map { ($0.question, $0) })
        #expect(byQuestion["q1"]?.answers == 3)
        #expect(byQuestion["q1"]?.values.map { "\($0.name):\($0.count)" } == ["3:1", "4:2"])
        #expect(byQuestion["q2"]?.answers == 2)
        #expect(byQuestion["q3"]?.answers == 1 && byQuestion["q3"]?.values.isEmpty == true)
        let html = kiosk.request(.get, "/admin/report?from=\(today)&to=\(today)&format=html", cookie: session.id).bodyText
        #expect(html.contains("<h3>Questionnaire de satisfaction</h3>"))
        #expect(html.contains("<h4>Avez-vous appris quelque chose aujourd&#39;hui ?</h4><p>2 réponses</p><p class=\"note\">Moins de 3 réponses"))
        #expect(html.contains("<h4>Cette borne vous a-t-elle été utile ?</h4><p>3 réponses</p><svg"))
        let csv = kiosk.request(.get, "/admin/report?from=\(today)&to=\(today)&format=csv&table=answers", cookie: session.id).bodyText
        #expect(csv.replacingOccurrences(of: "\r\n", with: "\n") == "question,value,devices\nq1,,3\nq1,3,1\nq1,4,2\nq2,,2\nq2,yes,2\nq3,,1\n")
        // The free text: on the staff dashboard only.
        for text in [html, csv, String(decoding: JSONText.encode(report), as: UTF8.self), kiosk.request(.get, "/?lang=fr").bodyText,
                     kiosk.request(.get, "/questionnaire").bodyText, kiosk.request(.get, "/presenter").bodyText] {
            #expect(!text.contains("breton"))
        }
        #expect(kiosk.request(.get, "/admin", cookie: session.id).bodyText.contains("<li>Plus de livres en breton</li>"))
    }

    @Test func questionsComeFromTheConfigurationWithTheirProblemsNamed() {
        let text = """
            [questionnaire]
            q1 = scale: Cette borne vous a-t-elle été utile ?
            q1.en = Was this kiosk useful?
            q2 = choice: Comment l'avez-vous connue ? | Affiche | Médiateur | Bouche-à-oreille
            q2.en = How did you hear of it? | Poster | Mediator | Word of mouth
            q3 = text: Un mot pour nous ?
            q4 = choice: Une seule ? | Oui
            q5 = Sans type
            q6 = text: Trop
            q1.zz1 = ?
            """
        let (settings, problems) = SettingsParser.parse(text, file: "wikikiosk.conf")
        let questionnaire = settings.questionnaire
        #expect(questionnaire.questions.map(\.id) == ["q1", "q2", "q3"])
        let strings = StringCatalog(tables: BuiltInCatalog.tables)
        #expect(questionnaire.questions[0].text("en", strings) == "Was this kiosk useful?")
        #expect(questionnaire.questions[0].text("de", strings) == "Cette borne vous a-t-elle été utile ?")
        #expect(questionnaire.questions[1].options("en") == ["Poster", "Mediator", "Word of mouth"])
        #expect(Questionnaire.checked("2", for: questionnaire.questions[1]) == "2")
        #expect(Questionnaire.checked("3", for: questionnaire.questions[1]) == nil)
        #expect(problems.map(\.message) == [
            "question q4 must list 2 to 8 choices after its text, separated by |",
            "question q5 must start with its kind: scale:, yesno:, choice: or text:",
            "unknown setting “q6” in [questionnaire] (write q1 to q5, or q1.en for a translation)",
            "“zz1” is not a language code",
        ])
        let off = SettingsParser.parse("[questionnaire]\nenabled = off\n", file: "k.conf").settings.questionnaire
        #expect(!off.enabled && off.questions == Questionnaire.standard.questions)
    }

    @Test func offMeansNoCardAndNoPage() throws {
        let kiosk = try AdminKiosk()
        var settings = kiosk.settings.current
        settings.customQuestionnaire = Questionnaire(questions: Questionnaire.standard.questions, enabled: false)
        kiosk.settings.replace(with: settings)
        #expect(kiosk.request(.get, "/questionnaire").status == 404)
        #expect(!kiosk.request(.get, "/?lang=fr").bodyText.contains("/questionnaire"))
    }
}
