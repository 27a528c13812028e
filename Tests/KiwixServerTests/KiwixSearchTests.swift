import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import HTTPTestSupport

/// libkiwix test/server_search.cpp, `ServerSearchTest.searchResults`, asked as `format=xml`
/// (the machine-readable answer; WikiKiosk's HTML page has its own layout): the same results in
/// the same order, counts, 0-based `start` and `pageLength`, book titles and word counts.
/// Snippets are checked as libkiwix checks them across Xapian versions: the searched word in
/// `<b>`; WikiKiosk cuts them at a sentence rather than at 250 characters.
@Suite("libkiwix server tests: search", .enabled(if: KiwixServer.available))
struct KiwixSearchTests {
    let server: KiwixServer
    static let rayCharles = "books.id=" + KiwixServer.rayCharlesID

    init() throws {
        server = try KiwixServer()
    }

    /// One result of the RSS answer, XML-decoded.
    struct Item: Equatable {
        var title = "", link = "", description = "", bookTitle = "", wordCount = ""
        /// The article path, percent-decoded (`%3A` and `:` are the same address).
        var path: String { (link.removingPercentEncoding ?? link).replacingOccurrences(of: "/content/zimfile/", with: "") }
    }

    struct Results {
        var total = -1, startIndex = -1, itemsPerPage = -1
        var items: [Item] = []
    }

    func search(_ query: String) throws -> Results {
        let reply = try server.get("/search?" + query + "&format=xml")
        #expect(reply.status == 200, "\(query)")
        #expect(reply.headers["Content-Type"] == "application/rss+xml; charset=utf-8")
        let channel = try XMLDocument(data: Data(reply.body)).rootElement()?.elements(forName: "channel").first
        var results = Results()
        for child in channel?.children ?? [] {
            guard let element = child as? XMLElement else { continue }
            switch element.name {
            case "opensearch:totalResults": results.total = Int(element.stringValue ?? "") ?? -1
            case "opensearch:startIndex": results.startIndex = Int(element.stringValue ?? "") ?? -1
            case "opensearch:itemsPerPage": results.itemsPerPage = Int(element.stringValue ?? "") ?? -1
            case "item":
                func text(_ name: String) -> String { element.elements(forName: name).first?.stringValue ?? "" }
                results.items.append(Item(title: text("title"), link: text("link"), description: text("description"),
                                          bookTitle: element.elements(forName: "book").first?.elements(forName: "title").first?.stringValue ?? "",
                                          wordCount: text("wordCount")))
            default: break
            }
        }
        return results
    }

    @Test func oneWordFindsTheArticlesThatHoldIt() throws {
        let razaf = try search("pattern=razaf&" + Self.rayCharles)
        #expect(razaf.total == 1)
        #expect(razaf.items.map(\.path) == ["A/We_Gonna_Move_to_the_Outskirts_of_Town"])
        for pattern in ["yellow", "%20yellow%20"] {
            let yellow = try search("pattern=\(pattern)&" + Self.rayCharles)
            #expect(yellow.total == 2, "\(pattern)")
            #expect(yellow.items.map(\.path) == ["A/Eleanor_Rigby", "A/If_You_Go_Away"], "\(pattern)")
        }
        let submarine = try search("pattern=yellow%20submarine&" + Self.rayCharles)
        #expect(submarine.items.map(\.path) == ["A/Eleanor_Rigby"])
    }

    @Test func wordsThatAreNowhereFindNothing() throws {
        for query in ["pattern=&" + Self.rayCharles, "pattern=%20&" + Self.rayCharles,
                      "pattern=velomanyunkan&" + Self.rayCharles] {
            let results = try search(query)
            #expect(results.total == 0, "\(query)")
            #expect(results.items.isEmpty, "\(query)")
        }
    }

    @Test func allResultsComeInLibkiwixsOrderWithTheirBookAndLength() throws {
        let all = try search("pattern=jazz&pageLength=100&" + Self.rayCharles)
        #expect(all.total == 44)
        #expect(all.startIndex == 0)
        #expect(all.itemsPerPage == 100)
        #expect(all.items.map(\.path) == Self.jazz)
        #expect(all.items.allSatisfy { $0.bookTitle == "Ray Charles" })
        #expect(all.items.first { $0.path == "A/Jazz_Number_II" }?.wordCount == "87")
        #expect(all.items.first { $0.path == "A/Genius_+_Soul_=_Jazz" }?.title == "Genius + Soul = Jazz")
        #expect(all.items.first { $0.path == "A/That's_What_I_Say:_John_Scofield_Plays_the_Music_of_Ray_Charles" }?.title
            == "That's What I Say: John Scofield Plays the Music of Ray Charles")
        // The description is HTML (RSS): a passage of the article's paragraphs (WikiKiosk leaves
        // infobox tables out, where libkiwix's Xapian snippets often find the word), the
        // searched word in <b> wherever it shows.
        let highlighted = all.items.filter { $0.description.lowercased().contains("<b>jazz") }
        #expect(highlighted.count >= 8, "\(highlighted.count) of 44 snippets show the word")
        for item in all.items {
            let unbolded = item.description.lowercased()
                .replacingOccurrences(of: "<b>[^<]*</b>", with: "", options: .regularExpression)
            #expect(!unbolded.contains("jazz"), "\(item.path): \(item.description)")
        }
    }

    /// The pages of libkiwix's table: `start` counts from 0 since libkiwix 14.1.
    @Test func pagesStartAtTheGivenZeroBasedIndex() throws {
        for (start, length) in [(0, 5), (5, 5), (10, 5), (15, 5), (20, 5), (25, 5), (30, 5), (35, 5), (40, 5), (21, 3)] {
            let page = try search("pattern=jazz&" + Self.rayCharles + "&start=\(start)&pageLength=\(length)")
            #expect(page.total == 44)
            #expect(page.startIndex == start)
            #expect(page.itemsPerPage == length)
            #expect(page.items.map(\.path) == Array(Self.jazz[start..<min(44, start + length)]), "start \(start)")
        }
        let beyond = try search("pattern=jazz&" + Self.rayCharles + "&start=45&pageLength=5")
        #expect(beyond.total == 44)
        #expect(beyond.items.isEmpty)
    }

    /// "We must return results from the two books".
    @Test func twoBooksAnswerTogether() throws {
        let results = try search("pattern=travel&books.id=\(KiwixServer.rayCharlesID)&books.id=\(KiwixServer.exampleID)&start=0&pageLength=10")
        #expect(results.total == 2)
        #expect(results.items.map(\.link) == ["/content/zimfile/A/If_You_Go_Away", "/content/example/Wikibooks.html"])
        #expect(results.items.map(\.bookTitle) == ["Ray Charles", "Wikibooks"])
        #expect(results.items.map(\.wordCount) == ["204", "538"])
    }

    /// The HTML page pages with 0-based links too, without JavaScript.
    @Test func theResultsPageLinksToTheNeighbouringPages() throws {
        let page = try server.get("/search?pattern=jazz&" + Self.rayCharles + "&start=5&pageLength=5",
                                  [("Accept-Language", "en")])
        #expect(page.status == 200)
        #expect(page.text.contains("rel=\"prev\" href=\"/search?pattern=jazz&amp;books.id=\(KiwixServer.rayCharlesID)&amp;start=0&amp;pageLength=5\""))
        #expect(page.text.contains("rel=\"next\" href=\"/search?pattern=jazz&amp;books.id=\(KiwixServer.rayCharlesID)&amp;start=10&amp;pageLength=5\""))
        #expect(page.text.contains("href=\"/content/zimfile/A/Catchin"))
    }

    /// `searchInMultilanguageBookSetIsDenied` is WikiKiosk's deliberate difference: without a
    /// book, every book is searched, whatever its language (README).
    @Test func withoutABookEveryBookIsSearched() throws {
        let results = try search("pattern=travel")
        #expect(Set(results.items.map(\.link)).isSuperset(of: ["/content/zimfile/A/If_You_Go_Away", "/content/example/Wikibooks.html"]))
    }

    /// libkiwix's LARGE_SEARCH_RESULTS: the 44 articles of zimfile.zim holding "jazz", in
    /// Xapian's order.
    static let jazz = [
        "A/Genius_+_Soul_=_Jazz", "A/Jazz_Number_II", "A/My_Kind_of_Jazz_Part_3", "A/My_Kind_of_Jazz",
        "A/Hank_Crawford", "A/Catchin'_Some_Rays:_The_Music_of_Ray_Charles",
        "A/That's_What_I_Say:_John_Scofield_Plays_the_Music_of_Ray_Charles", "A/Tribute_to_Uncle_Ray",
        "A/The_Best_of_Ray_Charles", "A/The_Genius_Hits_the_Road", "A/Ray_Charles_at_Newport",
        "A/Here_We_Go_Again:_Celebrating_the_Genius_of_Ray_Charles", "A/Confession_Blues",
        "A/Genius_Loves_Company", "A/Love_Country_Style", "A/Doing_His_Thing", "A/The_Inspiration_I_Feel",
        "A/Milt_Turner", "A/Rare_Genius", "A/Tangerine_Records_(1962)", "A/Ray_Sings,_Basie_Swings",
        "A/I_Remember_Brother_Ray", "A/Light_Out_of_Darkness_(A_Tribute_to_Ray_Charles)", "A/Soul_Meeting",
        "A/Ray_Charles_in_Concert", "A/Sticks_and_Stones_(Titus_Turner_song)", "A/Do_the_Twist!_with_Ray_Charles",
        "A/The_Great_Ray_Charles", "A/Ray_Charles_Live", "A/Blue_Funk_(Ray_Charles_song)", "A/Soul_Brothers",
        "A/Ray_Charles_and_Betty_Carter", "A/Ingredients_in_a_Recipe_for_Soul", "A/The_Genius_Sings_the_Blues",
        "A/The_Genius_of_Ray_Charles", "A/Ray_Charles_in_Person", "A/Don't_Let_the_Sun_Catch_You_Cryin'",
        "A/I_Don't_Need_No_Doctor", "A/If_You_Go_Away", "A/Anthology_(Ray_Charles_album)", "A/Ray_Charles",
        "A/The_Pages_of_My_Mind", "A/Here_We_Go_Again_(Ray_Charles_song)",
        "A/Modern_Sounds_in_Country_and_Western_Music",
    ]
}
