import Foundation
import Testing
@testable import Kiosk

@Suite("Home page and books API")
struct HomeAndAPITests {
    let kiosk: TestKiosk
    init() throws { kiosk = try TestKiosk() }

    @Test func homeListsBooksInTheVisitorsLanguage() {
        let french = kiosk.get("/", [("Accept-Language", "fr")])
        #expect(french.status == 200)
        #expect(french.bodyText.contains("Ville de test"))
        #expect(french.bodyText.contains("href=\"/content/ville_de_test/\""))
        #expect(french.bodyText.contains("<html lang=\"fr\" dir=\"ltr\">"))
        let english = kiosk.get("/?lang=en", [("Accept-Language", "fr")])
        #expect(english.bodyText.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(english.bodyText.contains("What is here"))
    }

    @Test func booksAPIGivesJSON() throws {
        let response = kiosk.get("/api/books")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.bodyBytes)) as? [String: Any])
        let books = try #require(json["books"] as? [[String: Any]])
        #expect(books.count == 1)
        let book = try #require(books.first)
        #expect(book["name"] as? String == "ville_de_test")
        #expect(book["title"] as? String == "Ville de test")
        #expect(book["language"] as? String == "fra")
        #expect(book["articleCount"] as? Int == 3)
        #expect(book["illustration"] as? String == "/catalog/v2/illustration/ville_de_test?size=48")
        #expect((book["size"] as? Int ?? 0) > 0)
    }

    @Test func urlPathEncoding() {
        #expect(URLPath.encodeSegment("corner_cases#&") == "corner_cases%23%26")
        #expect(URLPath.encodePath("A/Café au lait?") == "A/Caf%C3%A9%20au%20lait%3F")
        #expect(URLPath.encodeQueryValue("a=b&c d") == "a%3Db%26c%20d")
    }
}
