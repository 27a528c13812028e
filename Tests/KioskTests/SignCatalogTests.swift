import Foundation
import Testing
@testable import Kiosk

/// The sign catalogue: RFC 4180 CSV, per-line errors, articles checked against the books.
@Suite("QR signs: catalogue")
struct SignCatalogTests {
    @Test func csvReaderHandlesQuotesLineBreaksAndLineNumbers() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",z\r\n\n\"multi\nline\",2,3\nlast,\"\",end"
        let records = try CSVReader.parse(text).get()
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "z"], ["multi\nline", "2", "3"], ["last", "", "end"]])
        #expect(records.map(\.line) == [1, 2, 4, 6])
        guard case .failure(let error) = CSVReader.parse("a,b\n\"open,c\nd") else { Issue.record("accepted"); return }
        #expect(error.line == 2)
        guard case .failure(let junk) = CSVReader.parse("a\n\"q\"x,b") else { Issue.record("accepted"); return }
        #expect(junk.line == 2)
    }

    @Test func validLinesBecomeSignsAndBadOnesAreReportedWithTheirLine() {
        let text = """
            id,book,article,label,language,target,latitude,longitude,notes
            jaude,ville,Place de Jaude,"Place de Jaude, côté opéra",fr,kiosk,45.7772,3.0819,devant l'opéra
            CATH,ville,Cathédrale,Parvis,,online
            CATH,,Clermont-Ferrand Cathedral,,en,
            bad id,ville,X,Rue,fr,kiosk
            OK2,ville,Y,Rue,fr,teleport
            LAT,ville,Z,Rue,fr,kiosk,91,3
            JAUDE,ville,Autre,Rue,fr,kiosk
            EMPTY,ville,,Rue,fr,kiosk
            SHORT,ville
            NOBOOK,,Titre,Rue,fr,kiosk
            """
        let catalogue = SignCatalog.parse(text, file: "signs.csv")
        #expect(catalogue.signs.map(\.id) == ["JAUDE", "CATH"])
        #expect(catalogue.sign(id: "jaude")?.label == "Place de Jaude, côté opéra")
        #expect(catalogue.sign(id: "Cath")?.otherLanguages == [.init(language: "en", title: "Clermont-Ferrand Cathedral", line: 4)])
        let byLine = Dictionary(grouping: catalogue.problems, by: { $0.line ?? 0 })
        #expect(byLine.keys.sorted() == [5, 6, 7, 8, 9, 10, 11])
        #expect(byLine[5]?.first?.description.contains("signs.csv, line 5: the id “bad id” must be") == true)
        #expect(byLine[5]?.first?.message.contains("BADID") == true)
        #expect(byLine[6]?.first?.message.contains("unknown target “teleport”") == true)
        #expect(byLine[7]?.first?.message.contains("latitude") == true)
        #expect(byLine[8]?.first?.message.contains("already used on line 2") == true)
        #expect(byLine[9]?.first?.message.contains("article is empty") == true)
        #expect(byLine[10]?.first?.message.contains("columns") == true)
        #expect(byLine[11]?.first?.message.contains("needs a book") == true)
        #expect(SignCatalog.parse("id;book\nA;b").problems.first?.line == 1)
    }

    @Test func unknownArticlesAreReportedWithTheClosestTitles() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (library, book) = try SignFixtures.library(in: folder)
        let text = """
            id,book,article,label,language,target
            JAUDE,\(book),Place de Jaude,Place,fr,kiosk
            TYPO,\(book),Place de Jeaude,Place,fr,kiosk
            PORT,\(book),basilique notre dame du port,Rue,fr,kiosk
            BOOK,patrimoin,Place de Jaude,Place,fr,kiosk
            ONLINE,,Tour Eiffel,Paris,fr,online
            """
        let catalogue = SignCatalog.parse(text, file: "signs.csv")
        let composer = SignComposer(library: library, kioskHost: "wikikiosk.lan", ssid: "Wi-Fi", publicBase: nil)
        let problems = SignCatalogChecker.check(catalogue, composer: composer)
        #expect(problems.map(\.line) == [3, 4, 5])
        #expect(problems[0].description.hasPrefix("signs.csv, line 3: sign TYPO: no article “Place de Jeaude”"))
        #expect(problems[0].message.contains("closest titles: “Place de Jaude”"))
        #expect(problems[1].message.contains("“Basilique Notre-Dame-du-Port”"))
        #expect(problems[2].message.contains("did you mean “patrimoine”"))
    }

    @Test func idsSentencesExtractsAndLinks() {
        #expect(Sign.isValidID("JAUDE1") && Sign.isValidID("jaude") && !Sign.isValidID("") && !Sign.isValidID("A-B")
                && !Sign.isValidID("É") && !Sign.isValidID(String(repeating: "A", count: 17)))
        #expect(Sign.suggestedID(from: "Cathédrale Notre-Dame") == "CATHND")
        #expect(Sign.suggestedID(from: "Notre-Dame de Paris") == "NDPARIS")
        #expect(Sign.suggestedID(from: "Cathédrale de Chartres") == "CATHCHARTRES")
        #expect(Sign.suggestedID(from: "Volvic") == "VOLVIC")
        #expect(Sign.suggestedID(from: "Place de Jaude") == "PLACEJAUDE")
        #expect(Sign.suggestedID(from: "L'église Saint-Pierre-des-Minimes") == "EGLISESPM")
        #expect(Sign.suggestedID(from: "Château_de_Montrognon") == "CHATMONTROGNON")
        #expect(Sign.freeID("NDPARIS", taken: ["NDPARIS"]) == "NDPARIS2")
        #expect(Sign.freeID("NDPARIS", taken: ["NDPARIS", "NDPARIS2"]) == "NDPARIS3")
        #expect(Sign.freeID("ABCDEFGHIJKLMNOP", taken: ["ABCDEFGHIJKLMNOP"]) == "ABCDEFGHIJKLMNO2")
        #expect(Sentences.split("Né en 52 av. J.-C. à Gergovie. Il meurt à Rome ! « Fin » ici. Dernière")
                == ["Né en 52 av. J.-C. à Gergovie.", "Il meurt à Rome !", "« Fin » ici.", "Dernière"])
        #expect(ArticleExtract.firstParagraph(html: SignFixtures.html(SignFixtures.monuments[0]))
                .hasPrefix("La cathédrale Notre-Dame-de-l'Assomption de Clermont-Ferrand est une cathédrale gothique située à Clermont-Ferrand, dans le Puy-de-Dôme. Construite"))
        #expect(HTMLEntities.decode("a&amp;b &#233;&#xE9; &eacute; &bogus; &") == "a&b éé é &bogus; &")
        #expect(SignLinks.shortURL(host: "wikikiosk.lan:8080", id: "ab1") == "HTTP://WIKIKIOSK.LAN:8080/S/AB1")
        #expect(SignLinks.publicURL(base: "https://Signs.example.org/ville/", id: "x") == "HTTPS://SIGNS.EXAMPLE.ORG/ville/S/X")
        #expect(SignLinks.wikipediaURL(language: "fr", title: "Q&R #1 ?") == "https://fr.wikipedia.org/wiki/Q%26R_%231_%3F")
        var sign = Sign(id: "C", book: "", article: "Cathédrale", label: "", target: .online)
        sign.otherLanguages = [.init(language: "en", title: "Cathedral", line: 3)]
        #expect(SignLinks.preferredTitle(of: sign, acceptLanguage: ["en-GB", "fr"]) == ("en", "Cathedral"))
        #expect(SignLinks.preferredTitle(of: sign, acceptLanguage: ["de"]) == ("fr", "Cathédrale"))
    }

    @Test func templateFileIsReadWithProblemsOnTheirLines() {
        let text = """
            [style]
            band-colour = #003366
            header-fr = Clermont, ville Wikipédia
            accent-colour = red
            [qr]
            error-correction = h
            scan-distance-a4 = 120
            scan-distanse-a6 = 30
            [links]
            public-base = https://signs.example.org
            """
        let (template, problems) = SignTemplate.parse(text, file: "sign-template.ini", folder: "/tmp")
        #expect(template.band == SignTemplate.Colour(hex: "003366"))
        #expect(template.headers["fr"] == "Clermont, ville Wikipédia")
        #expect(template.errorCorrection == .H)
        #expect(template.scanDistance(for: .a4) == 120 && template.scanDistance(for: .a6) == 35)
        #expect(template.publicBase == "https://signs.example.org")
        #expect(problems.map(\.line) == [4, 8])
        #expect(problems[1].message.contains("did you mean “scan-distance-a6”"))
    }
}
