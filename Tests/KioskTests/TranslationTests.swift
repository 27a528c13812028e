import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The built-in visitor translations: complete, with the plural forms each language needs and
/// the same `{parameters}` as French; and what a visitor sees in them.
@Suite("Translations of the visitor pages")
struct TranslationTests {
    static let languages = ["fr", "en", "es", "de", "uk", "ar"]

    /// Key without its plural suffix → the forms present.
    static func forms(_ table: [String: String]) -> [String: Set<String>] {
        var forms: [String: Set<String>] = [:]
        for key in table.keys {
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                forms[String(key[..<open]), default: []].insert(String(key[key.index(after: open)..<key.index(before: key.endIndex)]))
            } else {
                forms[key, default: []].insert("")
            }
        }
        return forms
    }

    @Test(arguments: languages)
    func everyVisitorTextIsTranslatedWithFrenchParameters(language: String) throws {
        let french = VisitorStrings.tables["fr"]!
        let table = try #require(VisitorStrings.tables[language])
        let frenchForms = Self.forms(french), forms = Self.forms(table)
        #expect(Set(forms.keys) == Set(frenchForms.keys),
                "\(language): missing \(Set(frenchForms.keys).subtracting(forms.keys).sorted()), extra \(Set(forms.keys).subtracting(frenchForms.keys).sorted())")
        for (key, text) in table {
            let base = String(key.prefix { $0 != "[" })
            let frenchParameters = frenchForms[base, default: []].reduce(into: Set<String>()) { all, form in
                all.formUnion(MessageTemplate.parameters(in: french[form.isEmpty ? base : "\(base)[\(form)]"] ?? ""))
            }
            let parameters = MessageTemplate.parameters(in: text)
            // A plural form may leave the number out ("مقالة واحدة", one article), never add one.
            #expect(parameters.isSubset(of: frenchParameters), "\(language) \(key): \(parameters.sorted()) vs French \(frenchParameters.sorted())")
            if !key.contains("[") { #expect(parameters == frenchParameters, "\(language) \(key)") }
            #expect(!text.contains("%@"), "\(language) \(key) uses the old placeholder")
        }
    }

    /// For every number from 0 to 200, the category the language's rule gives has its own text.
    @Test(arguments: languages)
    func everyPluralCategoryTheLanguageUsesHasAText(language: String) throws {
        let table = try #require(VisitorStrings.tables[language])
        for (key, present) in Self.forms(table) where !present.contains("") {
            for n in 0...200 {
                let category = PluralCategory.of(n, language: language).rawValue
                #expect(present.contains(category), "\(language) \(key) lacks [\(category)] (for \(n))")
                if !present.contains(category) { break }
            }
        }
    }

    @Test func countsReadRightInEachLanguage() {
        let strings = ConfigLoader.strings(languages: Self.languages, files: [:])
        func count(_ n: Int, _ language: String) -> String { strings.text("landing.book.count", language, ["count": .number(n)]) }
        #expect(count(0, "fr") == "0 article")
        #expect(count(1, "fr") == "1 article")
        #expect(count(2, "fr") == "2 articles")
        #expect(count(1, "en") == "1 article" && count(0, "en") == "0 articles")
        #expect(count(3, "uk") == "3 статті" && count(5, "uk") == "5 статей" && count(21, "uk") == "21 стаття")
        #expect(count(2, "ar") == "مقالتان" && count(3, "ar").hasSuffix("مقالات"))
        #expect(count(2_600_000, "fr") == "2\u{202F}600\u{202F}000 articles")
        #expect(count(2_600_000, "de") == "2.600.000 Artikel")
    }

    @Test func arabicPagesAreRightToLeftAndSwitchingKeepsEachNameInItsDirection() throws {
        var settings = KioskSettings()
        settings.languages = Self.languages
        let portal = try PortalKiosk(settings: settings)
        let response = portal.get("wikikiosk.lan/?lang=ar")
        #expect(response.status == 200)
        #expect(response.headers["Content-Language"] == "ar")
        let html = response.bodyText
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("ابحث في كل الكتب"))
        #expect(html.contains("<a href=\"/?lang=fr\" lang=\"fr\" dir=\"ltr\" hreflang=\"fr\">Français</a>"))
        #expect(html.contains("<span lang=\"ar\" dir=\"rtl\" aria-current=\"true\">العربية</span>"))
        // A Ukrainian phone gets Ukrainian, with its own plural forms.
        let ukrainian = portal.get("wikikiosk.lan/", headers: [("Accept-Language", "uk-UA,uk;q=0.9")]).bodyText
        #expect(ukrainian.contains("<html lang=\"uk\" dir=\"ltr\">"))
        #expect(ukrainian.contains("3 статті"))
        // An error page in Arabic is right to left too.
        let missing = portal.get("wikikiosk.lan/content/ville_de_test/Nulle_part?lang=ar")
        #expect(missing.status == 404)
        #expect(missing.bodyText.contains("dir=\"rtl\""))
    }

    /// A volunteer copies fr.ini to br.ini, as its header says, and changes one visitor text:
    /// the landing page and the search page both follow, the rest comes from French.
    @Test func aBretonFileTranslatesVisitorPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikikiosk-br-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("locales"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[kiosk]\nlanguages = br, fr\n".write(to: folder.appendingPathComponent("wikikiosk.conf"), atomically: true, encoding: .utf8)
        try """
            language.name = Brezhoneg
            landing.welcome = Wikipedia hep Kenrouedad, amañ ha digoust
            search.none = Disoc'h ebet evit « {query} »
            landing.book.count[one] = {count} pennad
            landing.book.count[two] = {count} bennad
            landing.book.count[few] = {count} fennad
            landing.book.count[many] = {count} a bennadoù
            landing.book.count[other] = {count} pennad
            report.title = Danevell implij ar bonn
            sign.header = Wikipedia e kêr

            """.write(to: folder.appendingPathComponent("locales/br.ini"), atomically: true, encoding: .utf8)
        let loaded = ConfigLoader(path: folder.appendingPathComponent("wikikiosk.conf").path, stateDirectory: nil).load()
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let strings = loaded.strings
        #expect(strings.text("landing.welcome", "br") == "Wikipedia hep Kenrouedad, amañ ha digoust")
        #expect(strings.text("search.none", "br", ["query": .text("zzz")]) == "Disoc'h ebet evit « zzz »")
        #expect(strings.text("landing.book.count", "br", ["count": .number(3)]) == "3 fennad")
        // Not translated: the French text.
        #expect(strings.text("landing.privacy", "br") == strings.text("landing.privacy", "fr"))
        #expect(strings.language(explicit: nil, acceptLanguage: ["br-FR"]) == "br")
        // The usage report's heading, and the printed plaque (the rest of it in French).
        let folderPath = folder.path
        let log = try UsageLog(path: folderPath + "/usage.sqlite", settings: UsageFixtures.settings(),
                               clock: FakeUsageClock(wall: UsageFixtures.morning))
        log.flush()
        let report = try UsageReportBuilder(databases: [folderPath + "/usage.sqlite"]).build()
        let html = ReportHTML.render(report, language: "br", strings: strings)
        #expect(html.contains("<h1>Danevell implij ar bonn</h1>"))
        #expect(html.contains("Personnes touchées"))
        let plaque = SignStrings(language: "br", id: "KER1", ssid: "Borne", strings: strings)
        #expect(plaque.header == "Wikipedia e kêr")
        #expect(plaque.signID == "Panneau KER1")
        #expect(SignStrings(language: "de", id: "X", ssid: "Borne", strings: strings).header == "Wikipedia in town")
    }
}
