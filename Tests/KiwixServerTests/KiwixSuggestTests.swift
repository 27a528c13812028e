import Foundation
import Testing
@testable import HTTPTestSupport

/// libkiwix test/server.cpp, `ServerTest.suggestions` and `suggestions_in_range`. Compared as
/// a client shows them: JSON decoded, then the label's HTML unescaped once (libkiwix and
/// WikiKiosk both send the highlighted label HTML-escaped) and rendered.
@Suite("libkiwix server tests: suggestions", .enabled(if: KiwixServer.available))
struct KiwixSuggestTests {
    let server: KiwixServer

    init() throws {
        server = try KiwixServer()
    }

    struct Suggestion: Decodable, Equatable {
        let value: String
        let label: String
        let kind: String
        let path: String?
    }

    func suggest(_ query: String) throws -> [Suggestion] {
        let reply = try server.get("/suggest?content=zimfile&" + query, [("Accept-Language", "en")])
        #expect(reply.status == 200, "\(query)")
        return try JSONDecoder().decode([Suggestion].self, from: Data(reply.body))
    }

    @Test func titlesWithTheWordsComeFirstThenTheFullTextSearch() throws {
        let thing = try suggest("term=thing")
        #expect(thing.map(\.kind) == ["path", "path", "pattern"])
        #expect(thing.map(\.value) == ["Doing His Thing", "We Didn't See a Thing", "thing "])
        #expect(thing.map(\.path) == ["A/Doing_His_Thing", "A/We_Didn't_See_a_Thing", nil])
        #expect(thing.map { Self.shown($0.label) } == ["Doing His Thing", "We Didn't See a Thing", "containing “thing”…"])
        #expect(thing.map { Self.bold($0.label) } == [["Thing"], ["Thing"], []])

        for term in ["old%20sun", "%C3%B6ld%20su%C3%B1"] {
            let oldSun = try suggest("term=" + term)
            #expect(oldSun.count == 2, "\(term)")
            #expect(oldSun.first?.value == "That Lucky Old Sun", "\(term)")
            #expect(oldSun.first?.path == "A/That_Lucky_Old_Sun", "\(term)")
            #expect(oldSun.first.map { Self.bold($0.label) } == ["Old", "Sun"], "\(term)")
            #expect(oldSun.last?.value == (term.hasPrefix("old") ? "old sun " : "öld suñ "), "\(term)")
        }
    }

    @Test func wordsNoTitleHoldsOfferOnlyTheFullTextSearch() throws {
        let none = try suggest("term=abracadabra")
        #expect(none == [Suggestion(value: "abracadabra ", label: "containing “abracadabra”…", kind: "pattern", path: nil)])
        let ampersand = try suggest("term=A%26B")
        #expect(ampersand.last?.value == "A&B ")
        #expect(ampersand.last.map { Self.shown($0.label) } == "containing “A&B”…")
    }

    /// `start` and `count` page through the titles; the full-text entry always ends the list.
    @Test func startAndCountPageThroughTheTitles() throws {
        var seen: [String] = []
        for page in 0..<10 {
            let titles = try suggest("term=ray&start=\(page * 5)&count=5").filter { $0.kind == "path" }
            #expect(titles.count == 5, "page \(page)")
            seen += titles.compactMap(\.path)
        }
        #expect(Set(seen).count == 50, "fifty different titles")
        #expect(try suggest("term=song+for+you&start=0&count=5").filter { $0.kind == "path" }.count == 5)
        #expect(try suggest("term=song+for+you&start=5&count=5").filter { $0.kind == "path" }.count == 3)
        #expect(try suggest("term=strong&start=0&count=5").filter { $0.kind == "path" }.count == 1)
        #expect(try suggest("term=oops&start=0&count=5").filter { $0.kind == "path" }.isEmpty)
    }

    /// Out-of-bound values: libkiwix answers an empty list; WikiKiosk a 400, as for every
    /// malformed parameter (README).
    @Test func negativeStartOrCountIsABadRequest() throws {
        #expect(try server.get("/suggest?content=zimfile&term=ray&start=-2&count=-1").status == 400)
    }

    /// poor.zim carries the null UUID, as a file from a tool that leaves it unset does: its
    /// index files are named by UUID and size, so another such file would not map them. Each
    /// book suggests its own titles.
    @Test func aBookWithTheNullUuidHasIndexesNamedByItsSize() throws {
        let reply = try server.get("/suggest?content=corner_cases%23%26&term=c", [("Accept-Language", "en")])
        let corner = try JSONDecoder().decode([Suggestion].self, from: Data(reply.body))
        #expect(corner.compactMap(\.path).contains("c#.html"), "\(corner)")
        let poor = try server.get("/suggest?content=poor&term=c", [("Accept-Language", "en")])
        let none = try JSONDecoder().decode([Suggestion].self, from: Data(poor.body))
        #expect(!none.compactMap(\.path).contains("c#.html"), "\(none)")
        let folder = try #require(KiwixServer.zimFolder)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/poor.zim")[.size] as? Int)
        let expected = String(repeating: "0", count: 32) + "-\(size).titles"
        let named = ServeProcess.eventually(timeout: 20) {
            ((try? FileManager.default.contentsOfDirectory(atPath: server.state + "/indexes")) ?? []).contains(expected)
        }
        #expect(named, "\(expected)")
    }

    /// The label as a page shows it: unescaped once into HTML, then rendered as text.
    static func shown(_ label: String) -> String {
        let html = unescape(label)
        return unescape(html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
    }

    /// The words the label shows in bold.
    static func bold(_ label: String) -> [String] {
        let html = unescape(label)
        return html.components(separatedBy: "<b>").dropFirst().compactMap { $0.components(separatedBy: "</b>").first }
    }

    static func unescape(_ text: String) -> String {
        var out = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }
}
