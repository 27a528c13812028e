import Foundation
import HTTPServer
@testable import Kiosk
import Testing
import ZimKit

@Suite struct SpellingTests {
    static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    @Test func oneEditIsDeletionInsertionSubstitutionOrSwap() {
        let word = Self.scalars("einstein")
        for typo in ["einstin", "einsstein", "einstien", "einstejn", "eintsein", "einstein"] {
            #expect(EditDistance.isAtMostOne(word, Self.scalars(typo)), "\(typo)")
            #expect(EditDistance.isAtMostOne(Self.scalars(typo), word), "\(typo)")
        }
        for far in ["einsti", "ienstien", "eisntien", "einsteinas", "xinstejn", "nietsnie"] {
            #expect(!EditDistance.isAtMostOne(word, Self.scalars(far)), "\(far)")
        }
        #expect(EditDistance.isAtMostOne(Self.scalars("київ"), Self.scalars("кийв")))
    }

    static func dictionary(_ words: [String: UInt32], titles: Int = 10) -> SpellingDictionary? {
        SpellingDictionary(storage: OwnedIndexBytes(SpellingDictionaryFormat.encode(words: words, titleCount: titles)))
    }

    @Test func candidatesAreTheWordsOneEditAwayMostFrequentFirst() throws {
        let dictionary = try #require(Self.dictionary(["napoleon": 40, "napoleone": 2, "bonaparte": 12, "tour": 9,
                                                       "eiffel": 3, "einstein": 5, "киев": 4, "leon": 1]))
        #expect(dictionary.wordCount == 8)
        #expect(dictionary.frequency(of: "napoleon") == 40)
        #expect(dictionary.frequency(of: "napolon") == 0)
        #expect(dictionary.candidates(for: "napoleon").isEmpty)  // a known word needs none
        #expect(dictionary.candidates(for: "napolon").map(\.word) == ["napoleon"])
        #expect(dictionary.candidates(for: "napoleo").map(\.word) == ["napoleon"])
        #expect(dictionary.candidates(for: "napoleonn").map(\.word) == ["napoleon", "napoleone"])
        #expect(dictionary.candidates(for: "eifel").map(\.word) == ["eiffel"])
        #expect(dictionary.candidates(for: "einstien").map(\.word) == ["einstein"])
        #expect(dictionary.candidates(for: "bonapatre").map(\.word) == ["bonaparte"])
        #expect(dictionary.candidates(for: "кеив").map(\.word) == ["киев"])
        #expect(dictionary.candidates(for: "zzzzzz").isEmpty)
        #expect(dictionary.alphabet.first == "n")  // the most frequent letter of the titles
    }

    @Test func aDamagedOrOtherFileIsNotADictionary() {
        var bytes = SpellingDictionaryFormat.encode(words: ["volcan": 1], titleCount: 1)
        #expect(SpellingDictionary(storage: OwnedIndexBytes(bytes)) != nil)
        bytes.removeLast()
        #expect(SpellingDictionary(storage: OwnedIndexBytes(bytes)) == nil)
        #expect(SpellingDictionary(storage: OwnedIndexBytes(Array("not a dictionary at all, no".utf8))) == nil)
    }

    @Test func theCorrectionPrefersACombinationThatIsATitle() throws {
        let dictionary = try #require(Self.dictionary(["tour": 30, "eiffel": 2, "eifel": 0, "riffel": 5, "napoleon": 8,
                                                       "bonaparte": 3]))
        // "eifel" → "riffel" is in more titles, but "tour eiffel" is a title.
        let titles: Set<String> = ["tour eiffel", "napoleon bonaparte"]
        let correction = SpellingCorrection.make("tour eifel", dictionaries: [dictionary]) { titles.contains($0) }
        #expect(correction == SpellingCorrection(query: "tour eiffel", isConfident: true))
        #expect(SpellingCorrection.make("napolon bonapart", dictionaries: [dictionary]) { titles.contains($0) }
            == SpellingCorrection(query: "napoleon bonaparte", isConfident: true))
        #expect(SpellingCorrection.make("tour napoleon", dictionaries: [dictionary]) == nil)  // all known
        #expect(SpellingCorrection.make("qwertyuiop", dictionaries: [dictionary]) == nil)  // no candidate
        #expect(SpellingCorrection.make("2024 tur", dictionaries: [dictionary]) == nil)  // short words kept
    }

    @Test func dictionariesAreStoredOncePerZimAndMappedAfterwards() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = folder + "/corpus.zim"
        try LazyTitleCorpus.write(to: path)
        let book = Book(name: "corpus", archive: try Archive(path: path), fingerprint: try #require(FileFingerprint.of(path)))
        let store = BookIndexStore(directory: folder + "/indexes")
        let built = try #require(SpellingDictionary.of(book, in: store))
        let file = folder + "/indexes/\(BookIndexStore.key(of: book)).spelling"
        let written = try FileManager.default.attributesOfItem(atPath: file)
        #expect((written[.size] as? Int) == built.byteCount)
        #expect(built.titleCount == LazyTitleCorpus.articles.count + 1)  // and the USA redirect
        let television = LazyTitleCorpus.articles.filter { TextFolding.words($0.title).contains("television") }.count
        #expect(television > 100)
        #expect(built.frequency(of: "television") == television)
        let again = try #require(SpellingDictionary.of(book, in: store))
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
            == written[.modificationDate] as? Date)
        #expect(again.candidates(for: "televsion").map(\.word) == ["television"])
        // A damaged file is built again.
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: file))
        #expect(SpellingDictionary.of(book, in: store)?.wordCount == built.wordCount)
    }

    static func kiosk() throws -> SearchKiosk {
        try SearchKiosk(books: [("corpus.zim", { try LazyTitleCorpus.write(to: $0) })])
    }

    static func json(_ kiosk: SearchKiosk, _ pattern: String, _ extra: String = "") throws -> [String: Any] {
        try #require(try kiosk.json("/search?books.name=corpus&format=json&pageLength=5&pattern="
            + URLPath.encodeQueryValue(pattern) + extra) as? [String: Any])
    }

    /// Every title of the lazy-title corpus with one edit of each kind in its longest word of
    /// five letters or more: the intended article comes first, or is offered as the correction.
    @Test func oneTypoStillFindsTheArticle() throws {
        let kiosk = try Self.kiosk()
        var random = SplitMix64(seed: 2026)
        var tried = 0, found = 0, applied = 0
        var misses: [String] = []
        for article in LazyTitleCorpus.articles {
            let intended = TextFolding.fold(article.title)
            for edit in OneEditTypos.Edit.allCases {
                guard let typo = OneEditTypos.make(intended, edit: edit, using: &random) else { continue }
                tried += 1
                let body = try Self.json(kiosk, typo)
                let first = (body["results"] as? [[String: Any]])?.first?["title"] as? String
                let correction = body["correction"] as? String
                if body["corrected"] as? Bool == true { applied += 1 }
                if first == article.title || correction == intended { found += 1 } else { misses.append(typo) }
            }
        }
        let rate = Double(found) / Double(tried)
        print("one-edit typos: \(found)/\(tried) = \(rate) found (\(applied) corrected directly); misses: \(misses.prefix(12))")
        #expect(tried >= 1000)
        #expect(rate >= 0.9)
    }

    @Test func aClearCorrectionShowsItsResultsWithAWayBack() throws {
        let kiosk = try Self.kiosk()
        let page = kiosk.get("/search?books.name=corpus&pattern=tour+eifel")
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("Résultats pour « tour eiffel », l&#39;orthographe la plus proche.")
            || html.contains("Résultats pour « tour eiffel », l'orthographe la plus proche."))
        #expect(html.contains("href=\"/search?pattern=tour%20eifel&amp;books.name=corpus&amp;start=0&amp;pageLength=25&amp;nocorrect=1\"")
            || html.contains("nocorrect=1"))
        let firstLink = try #require(html.range(of: "<ul class=\"results\">\n<li><a href=\""))
        #expect(html[firstLink.upperBound...].hasPrefix("/content/corpus/Tour_Eiffel\""))
        // The words as typed: nothing found, the correction offered as a link.
        let typed = kiosk.get("/search?books.name=corpus&pattern=tour+eifel&nocorrect=1").bodyText
        #expect(typed.contains("Aucun résultat pour « tour eifel »"))
        #expect(typed.contains("Vouliez-vous dire : <a href=\"/search?pattern=tour%20eiffel&amp;books.name=corpus"))
        #expect(typed.contains("corrects=tour%20eifel\"><b>tour eiffel</b></a> ?"))
        let english = kiosk.get("/search?books.name=corpus&pattern=tour+eifel&nocorrect=1", [("Accept-Language", "en")])
        #expect(english.bodyText.contains("Did you mean: <a href="))
    }

    @Test func searchesWithResultsOrKnownWordsAreLeftAlone() throws {
        let kiosk = try Self.kiosk()
        let body = try Self.json(kiosk, "tour eiffel")
        #expect(body["correction"] == nil || body["correction"] is NSNull)
        #expect(((body["results"] as? [[String: Any]])?.first?["title"] as? String) == "Tour Eiffel")
        let unknown = try Self.json(kiosk, "qwertyuiop")
        #expect((unknown["total"] as? Int) == 0)
        #expect(unknown["correction"] == nil || unknown["correction"] is NSNull)
    }

    @Test func usageSaysWhichSearchesWereCorrectedAndFollowed() throws {
        let kiosk = try Self.kiosk()
        _ = kiosk.get("/search?books.name=corpus&pattern=tour+eifel")
        _ = kiosk.get("/search?books.name=corpus&pattern=tour+eiffel&corrects=tour+eifel")
        let searches = kiosk.usage.all.compactMap { event -> UsageEvent.SearchSpelling? in
            if case .search(_, _, _, let spelling) = event.kind { return spelling }
            return nil
        }
        #expect(searches == [.corrected("tour eiffel"), .follows("tour eifel")])
    }

    @Test func suggestionsForgiveATypoAfterTheThirdLetter() throws {
        let kiosk = try Self.kiosk()
        let book = try #require(kiosk.library.book(named: "corpus"))
        let service = SearchService(library: kiosk.library)
        defer { service.stop() }
        _ = service.suggest("warm", in: book, limit: 10)
        for _ in 0..<100 where service.state(for: book).spellingDictionary() == nil { Thread.sleep(forTimeInterval: 0.05) }
        func titles(_ term: String) -> [String] { service.suggest(term, in: book, limit: 10).map(\.title) }
        #expect(titles("napolen").contains("Napoléon Ier"), "\(titles("napolen"))")
        #expect(titles("tour eifel").contains("Tour Eiffel"))
        #expect(titles("tuor eiffel").contains("Tour Eiffel"))  // a finished word is corrected anywhere
        #expect(titles("cathedrale de chatres").contains("Cathédrale de Chartres"))
        #expect(titles("marseile").contains("Marseille"))
        // Within the first three letters of the word being typed, no guessing.
        #expect(!titles("mrase").contains("Marseille"))
        // Exact prefixes still come first.
        #expect(titles("paris").first == "Paris")
    }
}
