import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPServer
@testable import Kiosk
import Testing
import ZimKit

@Suite struct SearchTests {
    static func kiosk(settings: SearchSettings = SearchSettings()) throws -> SearchKiosk {
        try SearchKiosk(books: [
            ("ville.zim", { try Fixtures.writeBook(at: $0) }),
            ("sans index.zim", { try Fixtures.writeBook(at: $0, title: "Sans index", fullText: false) }),
            ("corpus.zim", { try LazyTitleCorpus.write(to: $0) }),
        ], settings: settings)
    }

    static func titles(_ kiosk: SearchKiosk, _ target: String) throws -> [String] {
        let body = try #require(try kiosk.json(target) as? [String: Any])
        let results = try #require(body["results"] as? [[String: Any]])
        return results.compactMap { $0["title"] as? String }
    }

    @Test func lazyTitlesComeFirst() throws {
        let kiosk = try Self.kiosk()
        let articles = LazyTitleCorpus.articles
        var hits = 0
        var xapianHits = 0
        let searcher = try FullTextSearcher(archive: try #require(kiosk.library.book(named: "corpus")).archive)
        var misses: [String] = []
        for article in articles {
            let lazy = TextFolding.fold(article.title)  // "etats unis", "revolution francaise"
            let top = try Self.titles(kiosk, "/search?books.name=corpus&format=json&pageLength=5&pattern=\(URLPath.encodeQueryValue(lazy))")
            if top.first == article.title { hits += 1 } else { misses.append(lazy) }
            if try searcher.search(lazy, maxResults: 1, snippets: false).results.first?.title == article.title { xapianHits += 1 }
        }
        let hitAt1 = Double(hits) / Double(articles.count)
        print("hit@1 on \(articles.count) lazy titles: wikikiosk \(hits)/\(articles.count) = \(hitAt1); "
              + "libzim/Xapian alone \(xapianHits)/\(articles.count); misses: \(misses.prefix(10))")
        #expect(articles.count >= 300)
        #expect(hitAt1 >= 0.98)
        #expect(try Self.titles(kiosk, "/search?books.name=corpus&format=json&pattern=etats+unis").first == "États-Unis")
    }

    @Test func accentsAndCaseAreIgnored() throws {
        let kiosk = try Self.kiosk()
        for pattern in ["cathedrale", "CATHÉDRALE", "Cathedrale", "cathédrale"] {
            let titles = try Self.titles(kiosk, "/search?books.name=ville&format=json&pattern=\(URLPath.encodeQueryValue(pattern))")
            #expect(titles.first == "Cathédrale de Clermont", "\(pattern)")
        }
        let volvic = try Self.titles(kiosk, "/search?books.name=ville&format=json&pattern=pierre+de+volvic")
        #expect(volvic.contains("Cathédrale de Clermont"))
        #expect(try Self.titles(kiosk, "/search?books.name=corpus&format=json&pattern=ecole+normale+superieure").first
                == "École normale supérieure")
        #expect(try Self.titles(kiosk, "/search?books.name=corpus&format=json&pattern=usa").first == "États-Unis")
    }

    @Test func htmlPageWorksWithoutJavaScript() throws {
        let kiosk = try Self.kiosk()
        let response = kiosk.get("/search?books.name=corpus&pattern=etats+unis&pageLength=2", [("Accept-Language", "fr")])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        let page = response.bodyText
        // One script, optional (title suggestions in the box): nothing inline, nothing the form needs.
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.contains("<script src=\"/landing/toolbar.js?v="))
        #expect(page.contains("<form method=\"GET\" action=\"/search\">"))
        #expect(page.contains("Résultats 1 à 2 sur"))
        #expect(page.contains("href=\"/content/corpus/%C3%89tats-Unis\""))
        #expect(page.contains("<b>"))  // a snippet with the matched words
        #expect(page.contains("rel=\"next\" href=\"/search?pattern=etats%20unis&amp;books.name=corpus&amp;start=2&amp;pageLength=2\""))
        let english = kiosk.get("/search?books.name=corpus&pattern=etats+unis&lang=en").bodyText
        #expect(english.contains("Results 1 to"))
        let second = try Self.titles(kiosk, "/search?books.name=corpus&format=json&pattern=etats+unis&start=1&pageLength=1")
        let both = try Self.titles(kiosk, "/search?books.name=corpus&format=json&pattern=etats+unis&pageLength=2")
        #expect(second == [both[1]])
    }

    @Test func bookWithoutIndexFallsBackToTitles() throws {
        let kiosk = try Self.kiosk()
        let response = kiosk.get("/search?content=sans_index&pattern=cathedrale", [("Accept-Language", "en")])
        #expect(response.status == 200)
        #expect(response.bodyText.contains("has no full-text search index"))
        #expect(response.bodyText.contains("Cathédrale de Clermont"))
        let body = try #require(try kiosk.json("/search?content=sans_index&pattern=Questions&format=json") as? [String: Any])
        #expect(body["booksWithoutIndex"] as? [String] == ["sans_index"])
        #expect((body["results"] as? [[String: Any]])?.first?["title"] as? String == "Questions & réponses #1 ?")
    }

    @Test func severalBooksAtOnce() throws {
        let kiosk = try Self.kiosk()
        let body = try #require(try kiosk.json("/search?books.name=ville&books.name=sans_index&format=json&pattern=cathedrale") as? [String: Any])
        let books = Set(((body["results"] as? [[String: Any]]) ?? []).compactMap { $0["book"] as? String })
        #expect(books == ["ville", "sans_index"])
        // No book named: every book in the visitor's language.
        #expect(kiosk.get("/search?pattern=cathedrale&format=json").status == 200)
    }

    @Test func xmlIsRSSWithOpenSearch() throws {
        let kiosk = try Self.kiosk()
        let response = kiosk.get("/search?books.name=corpus&pattern=revolution+francaise&format=xml&pageLength=3")
        #expect(response.status == 200)
        let document = try XMLDocument(data: Data(response.bodyBytes))
        #expect(document.rootElement()?.name == "rss")
        let items = try document.nodes(forXPath: "/rss/channel/item")
        #expect(items.count == 3)
        #expect(try document.nodes(forXPath: "/rss/channel/item[1]/title").first?.stringValue == "Révolution française")
        #expect(try document.nodes(forXPath: "/rss/channel/item[1]/link").first?.stringValue
                == "/content/corpus/R%C3%A9volution_fran%C3%A7aise")
    }

    @Test func malformedAndUnknownInput() throws {
        let kiosk = try Self.kiosk()
        #expect(kiosk.get("/search?pattern=x&start=abc").status == 400)
        #expect(kiosk.get("/search?pattern=x&pageLength=-3").status == 400)
        #expect(kiosk.get("/search?pattern=x&format=pdf").status == 400)
        #expect(kiosk.get("/search?pattern=x&books.name=nope").status == 400)
        #expect(kiosk.get("/search?pattern=%22%28%29*%3A%5B&books.name=ville").status == 200)  // Xapian syntax soup
        #expect(kiosk.get("/search?books.name=ville").status == 200)
        #expect(kiosk.get("/search?pattern=cathedrale&start=100000&books.name=ville&format=json").status == 200)
    }

    @Test func usageIsRecordedWithNormalisedQuery() throws {
        let kiosk = try Self.kiosk()
        _ = kiosk.get("/search?books.name=corpus&pattern=%C3%89tats-Unis")
        let searches = kiosk.usage.all.compactMap { event -> (String, Int)? in
            if case .search(let query, let results, let books, _) = event.kind, books == ["corpus"] { return (query, results) }
            return nil
        }
        #expect(searches.first?.0 == "etats unis")
        #expect(searches.first?.1 ?? 0 > 0)
    }

    @Test func timeBudgetGivesTitleMatchesNotAHang() throws {
        var settings = SearchSettings()
        settings.timeBudget = 0
        settings.cachedPages = 0
        let kiosk = try Self.kiosk(settings: settings)
        let started = Date()
        let body = try #require(try kiosk.json("/search?books.name=corpus&format=json&pattern=etats+unis") as? [String: Any])
        #expect(Date().timeIntervalSince(started) < 1.5)
        let titles = ((body["results"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String }
        #expect(titles.first == "États-Unis")
    }

    @Test func concurrentSearchesAllAnswer() async throws {
        let kiosk = try Self.kiosk()
        let router = kiosk.router
        let patterns = LazyTitleCorpus.subjects.prefix(48).map { TextFolding.fold($0) }
        let statuses = await withTaskGroup(of: Int.self) { group in
            for pattern in patterns {
                group.addTask {
                    router.handle(Request(method: .get, target: "/search?books.name=corpus&pattern=\(URLPath.encodeQueryValue(pattern))")).status
                }
            }
            var all: [Int] = []
            for await status in group { all.append(status) }
            return all
        }
        #expect(statuses.count == patterns.count && statuses.allSatisfy { $0 == 200 })
    }

    @Test(.enabled(if: KiwixServe.available)) func sameTopResultsAsKiwixServe() throws {
        let folder = try #require(Fixtures.sharedZimFolder) + "/valid"
        let kiwix = try KiwixServe([folder + "/zimfile.zim", folder + "/example.zim"])
        defer { kiwix.stop() }
        let ours = try SearchKiosk(books: [
            ("zimfile.zim", { try FileManager.default.copyItem(atPath: folder + "/zimfile.zim", toPath: $0) }),
        ])
        for pattern in ["ray charles", "genius", "soul music", "atlantic records", "piano"] {
            let theirs = try kiwix.get("/search?content=zimfile&format=xml&pageLength=10&pattern=\(URLPath.encodeQueryValue(pattern))")
            let document = try XMLDocument(data: Data(theirs.body))
            let kiwixLinks = try document.nodes(forXPath: "/rss/channel/item/link").compactMap(\.stringValue)
                .map { String($0.dropFirst("/zimfile/".count)) }
            let body = try #require(try ours.json("/search?content=zimfile&format=json&pageLength=12&pattern=\(URLPath.encodeQueryValue(pattern))") as? [String: Any])
            let results = (body["results"] as? [[String: Any]]) ?? []
            // Our list is kiwix-serve's with exact-title matches moved to the front.
            let fullText = results.filter { $0["titleMatch"] as? Bool != true }.compactMap { $0["path"] as? String }
            let kiwixRest = kiwixLinks.filter { link in !results.contains { ($0["titleMatch"] as? Bool) == true && $0["path"] as? String == link } }
            #expect(Array(fullText.prefix(kiwixRest.count - 2)) == Array(kiwixRest.prefix(kiwixRest.count - 2)), "\(pattern)")
            #expect(!kiwixLinks.isEmpty)
        }
    }
}
