import Foundation
@testable import Kiosk
import Testing

@Suite struct SnippetTests {
    static let article = """
        <html><head><title>Cathédrale</title><script>var cathedrale = 1;</script></head><body>
        <h1>Cathédrale de Clermont</h1>
        <table class="infobox"><tr><td><p>Cathédrale en pierre de Volvic, style gothique</p></td></tr></table>
        <p>Clermont-Ferrand est une ville d'Auvergne, au pied des volcans, où l'on compte 147 000 habitants.</p>
        <p>La <a href="x">Cathédrale</a> Notre-Dame-de-l'Assomption<sup class="reference">[1]</sup> est bâtie
        en pierre de <b>Volvic</b>, une lave noire &amp; dure &lt;très&gt; solide.</p>
        </body></html>
        """

    @Test func boldsTheQueryWordsWhateverTheirAccentsAndCase() {
        let snippet = Snippet.make(html: Self.article, terms: ["cathedrale", "volvic"]).markup
        #expect(snippet.hasPrefix("La <b>Cathédrale</b> Notre-Dame-de-l&#39;Assomption est bâtie en pierre de <b>Volvic</b>,"),
                "\(snippet)")
        #expect(snippet.contains("noire &amp; dure &lt;très&gt; solide."))
        #expect(!snippet.contains("[1]"))
        #expect(!snippet.contains("var "))       // script text is not article text
        #expect(!snippet.contains("gothique"))   // nor is an infobox
    }

    @Test func onlyTheMatchingLettersOfAWordAreBold() {
        #expect(Snippet.highlighted("jazz/soul", terms: ["jazz"]).markup == "<b>jazz</b>/soul")
        #expect(Snippet.highlighted("(Cathédrales),", terms: ["cathedrale"]).markup == "(<b>Cathédrales</b>),")
        #expect(Snippet.highlighted("l'église", terms: ["eglise"]).markup == "l&#39;<b>église</b>")
        #expect(Snippet.highlighted("Saint-Flour", terms: ["flour"]).markup == "Saint-<b>Flour</b>")
        // No run of letters matches alone ("c'est" for "cest"): the whole word.
        #expect(Snippet.highlighted("c'est", terms: ["cest"]).markup == "<b>c&#39;est</b>")
    }

    @Test func prefersTheParagraphWithMoreOfTheWords() {
        // One of the words is in the first paragraph, two in the second.
        let snippet = Snippet.make(html: Self.article, terms: ["auvergne", "volvic", "lave"]).markup
        #expect(snippet.contains("<b>Volvic</b>,"), "\(snippet)")
        let first = Snippet.make(html: Self.article, terms: ["clermont"]).markup
        #expect(first.hasPrefix("<b>Clermont</b>-Ferrand est une ville"), "\(first)")
    }

    @Test func longParagraphsAreCutAroundTheFirstMatch() {
        let filler = (1...80).map { "mot\($0)" }.joined(separator: " ")
        let html = "<p>\(filler) Volcan \(filler)</p>"
        let snippet = Snippet.make(html: html, terms: ["volcan"]).markup
        #expect(snippet.hasPrefix("… mot75 mot76 mot77 mot78 mot79 mot80 <b>Volcan</b> mot1"), "\(snippet)")
        #expect(snippet.hasSuffix(" …"))
        #expect(snippet.split(separator: " ").count == Snippet.windowWords + 2)
    }

    @Test func withoutAMatchTheOpeningWordsAreShownPlain() {
        let snippet = Snippet.make(html: Self.article, terms: ["zebre"]).markup
        #expect(snippet.hasPrefix("Clermont-Ferrand est une ville d&#39;Auvergne"), "\(snippet)")
        #expect(!snippet.contains("<b>"))
        #expect(Snippet.make(html: "<html><body><script>x</script></body></html>", terms: ["x"]).markup == "")
    }

    @Test func resultsPageBoldsAccentedWordsForAnUnaccentedQuery() throws {
        let kiosk = try SearchTests.kiosk()
        let page = kiosk.get("/search?books.name=ville&pattern=cathedrale+volvic").bodyText
        #expect(page.contains("<b>cathédrale</b>"), "\(page)")
        #expect(page.contains("<b>Volvic</b>."))
        let json = try #require(try kiosk.json("/search?books.name=ville&format=json&pattern=cathedrale") as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        let snippet = try #require(results.first?["snippet"] as? String)
        #expect(snippet.contains("<b>cathédrale</b>"))
    }

    @Test func onlyTheFirstResultsOfAPageGetOne() throws {
        var settings = SearchSettings()
        settings.snippetsPerPage = 2
        let kiosk = try SearchTests.kiosk(settings: settings)
        let json = try #require(try kiosk.json("/search?books.name=corpus&format=json&pattern=etats+unis&pageLength=3") as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        let snippets = results.map { $0["snippet"] as? String ?? "" }
        #expect(snippets.count == 3)
        #expect(snippets.prefix(2).allSatisfy { $0.contains("<b>") }, "\(snippets)")
        #expect(snippets.dropFirst(2).allSatisfy { $0.isEmpty }, "\(snippets)")
    }
}

@Suite struct TextFoldingFastPathTests {
    @Test func latinLettersFoldLikeTheirDecomposition() {
        // Every precomposed Latin-1 letter, alone and in a word, folds as decomposition would.
        for value in 0xC0...0xFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            let letter = String(Character(scalar))
            let expected = letter.decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
                .map { String($0).lowercased() }.joined()
            let special = ["ß": "ss", "æ": "ae", "Æ": "ae"]
            #expect(TextFolding.fold("x" + letter + "y") == "x" + (special[letter] ?? expected) + "y", "\(letter)")
        }
        #expect(TextFolding.fold("ÉCOLE, Ça Noël l'Œuvre straße Ñandú") == "ecole ca noel l oeuvre strasse nandu")
        #expect(TextFolding.fold("Ærø Þórr") == "aerø þorr")  // letters without decomposition keep their form
    }
}
