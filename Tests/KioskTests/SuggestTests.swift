import Foundation
@testable import Kiosk
import Testing

@Suite struct SuggestTests {
    static func suggestions(_ kiosk: SearchKiosk, _ target: String) throws -> [[String: Any]] {
        let response = kiosk.get(target)
        #expect(response.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.bodyBytes)) as? [[String: Any]])
    }

    static func kiosk() throws -> SearchKiosk {
        try SearchKiosk(books: [
            ("ville.zim", { try Fixtures.writeBook(at: $0) }),
            ("corpus.zim", { try LazyTitleCorpus.write(to: $0) }),
        ])
    }

    @Test func kiwixShapedJSON() throws {
        let kiosk = try Self.kiosk()
        let items = try Self.suggestions(kiosk, "/suggest?content=ville&term=cathedrale&count=5")
        #expect(items.first?["value"] as? String == "Cathédrale de Clermont")
        #expect(items.first?["label"] as? String == "&lt;b&gt;Cathédrale&lt;/b&gt; de Clermont")
        #expect(items.first?["kind"] as? String == "path")
        #expect(items.first?["path"] as? String == "Cathédrale")
        #expect(items.last?["kind"] as? String == "pattern")
        #expect(items.last?["value"] as? String == "cathedrale ")
        #expect(kiosk.get("/suggest?content=ville&term=x").headers["Content-Type"]?.hasPrefix("application/json") == true)
    }

    @Test func accentsCaseAndPrefixes() throws {
        let kiosk = try Self.kiosk()
        for term in ["etats", "ETATS U", "États-Un", "etats-unis"] {
            let values = try Self.suggestions(kiosk, "/suggest?content=corpus&term=\(URLPath.encodeQueryValue(term))")
                .compactMap { $0["value"] as? String }
            #expect(values.first == "États-Unis", "\(term)")
        }
        let school = try Self.suggestions(kiosk, "/suggest?content=corpus&term=ecol&count=3")
        #expect(school.first?["value"] as? String == "École normale supérieure")
        #expect(school.count <= 4)  // at most 3 titles, then the "containing" entry
        // Words inside titles come from libzim's title index.
        let inside = try Self.suggestions(kiosk, "/suggest?content=ville&term=clermont")
            .compactMap { $0["value"] as? String }
        #expect(inside.contains("Cathédrale de Clermont"))
    }

    @Test func countIsHonoured() throws {
        let kiosk = try Self.kiosk()
        let items = try Self.suggestions(kiosk, "/suggest?content=corpus&term=histoire&count=3")
        #expect(items.count == 4)
        #expect(kiosk.get("/suggest?content=corpus&term=a&count=abc").status == 400)
        #expect(kiosk.get("/suggest?content=nope&term=a").status == 404)
        #expect(try Self.suggestions(kiosk, "/suggest?content=corpus&term=").count == 1)
    }

    @Test func crossBookSuggestions() throws {
        let kiosk = try Self.kiosk()
        let items = try Self.suggestions(kiosk, "/suggest?term=cath&count=20")
        let books = Set(items.compactMap { $0["book"] as? String })
        #expect(books == ["ville", "corpus"])
        #expect(items.contains { $0["url"] as? String == "/content/ville/Cath%C3%A9drale" })
        #expect(kiosk.usage.all.contains { if case .suggestion = $0.kind { true } else { false } })
    }

    @Test func concurrentSuggestionsNeverCrash() async throws {
        let kiosk = try Self.kiosk()
        let router = kiosk.router
        let terms = LazyTitleCorpus.subjects.map { String(TextFolding.fold($0).prefix(4)) }
        let ok = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                for term in terms {
                    group.addTask {
                        router.handle(.init(method: .get, target: "/suggest?content=corpus&term=\(URLPath.encodeQueryValue(term))")).status == 200
                    }
                }
            }
            var all = true
            for await result in group { all = all && result }
            return all
        }
        #expect(ok)
    }

    @Test(.enabled(if: KiwixServe.available)) func sameSuggestionTitlesAsKiwixServe() throws {
        let folder = try #require(Fixtures.sharedZimFolder) + "/valid"
        let kiwix = try KiwixServe([folder + "/zimfile.zim"])
        defer { kiwix.stop() }
        let ours = try SearchKiosk(books: [
            ("zimfile.zim", { try FileManager.default.copyItem(atPath: folder + "/zimfile.zim", toPath: $0) }),
        ])
        var compared = 0
        for term in ["ray", "ray charles", "genius", "atlantic", "blues", "hallelujah"] {
            let encoded = URLPath.encodeQueryValue(term)
            // kiwix-serve 3.3.0's /suggest is known to crash or stall under load: a few tries, and a
            // term it never answers is not compared (the count below keeps the test from passing empty).
            var answer: [[String: Any]]?
            for _ in 0..<3 where answer == nil {
                let body = (try? kiwix.get("/suggest?content=zimfile&count=10&term=\(encoded)"))?.body ?? []
                answer = (try? JSONSerialization.jsonObject(with: Data(body))) as? [[String: Any]]
            }
            guard let theirs = answer else { continue }
            compared += 1
            let mine = try Self.suggestions(ours, "/suggest?content=zimfile&count=40&term=\(encoded)")
            // kiwix-serve 3.3.0 HTML-escapes `value`.
            let theirTitles = Set(theirs.filter { $0["kind"] as? String == "path" }.compactMap { $0["value"] as? String }
                .map { $0.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&") })
            let myTitles = Set(mine.compactMap { $0["value"] as? String })
            #expect(theirTitles.isSubset(of: myTitles), "\(term): missing \(theirTitles.subtracting(myTitles))")
        }
        #expect(compared >= 4, "kiwix-serve answered only \(compared) of 6 terms")
    }
}
