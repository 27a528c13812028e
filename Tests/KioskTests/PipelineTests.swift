import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The request pipeline: errors thrown by handlers rendered in one place (translated page, or
/// XML/JSON when asked), conditional requests answered from a resource's ETag, the steps'
/// headers on every answer.
@Suite("Request pipeline")
struct PipelineTests {
    @Test func errorsAreTranslatedPagesWithTheSharedHeaders() throws {
        let kiosk = try TestKiosk()
        let english = kiosk.get("/content/nobook/Page", [("Accept-Language", "en")])
        #expect(english.status == 404)
        #expect(english.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(english.headers["Content-Language"] == "en")
        #expect(english.headers["Cache-Control"] == "no-store")
        #expect(english.headers["X-Content-Type-Options"] == "nosniff")
        #expect(english.bodyText.contains("No book is named “nobook”."))
        let french = kiosk.get("/content/nobook/Page", [("Accept-Language", "fr")])
        #expect(french.bodyText.contains("Aucun livre ne porte le nom « nobook »."))
        #expect(french.bodyText.contains("<html lang=\"fr\" dir=\"ltr\">"))
    }

    @Test func aMissingEntryOffersASearchForItsWords() throws {
        let kiosk = try TestKiosk()
        let response = kiosk.get("/content/ville_de_test/A/Place_de_Jaude.html", [("Accept-Language", "fr")])
        #expect(response.status == 404)
        #expect(response.bodyText.contains("href=\"/search?content=ville_de_test&amp;pattern=Place%20de%20Jaude\""))
        #expect(response.bodyText.contains("Chercher « Place de Jaude »"))
    }

    @Test func nameInAnErrorIsEscaped() throws {
        let kiosk = try TestKiosk()
        let response = kiosk.get("/content/%3Cscript%3Ealert(1)%3C%2Fscript%3E/x")
        #expect(response.status == 404)
        #expect(!response.bodyText.contains("<script>"))
        #expect(response.bodyText.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func noOtherSiteCanFrameTheKiosk() throws {
        let kiosk = try TestKiosk()
        for target in ["/", "/content/ville_de_test/Accueil", "/search?pattern=cathedrale", "/nothing/here"] {
            #expect(kiosk.get(target).headers["X-Frame-Options"] == "SAMEORIGIN", "\(target)")
        }
        #expect(kiosk.get("/admin/login").headers["X-Frame-Options"] == "DENY")
    }

    @Test func malformedPathsAndMethodsGetPages() throws {
        let kiosk = try TestKiosk()
        let bad = kiosk.get("/content/%ZZ", [("Accept-Language", "en")])
        #expect(bad.status == 400)
        #expect(bad.bodyText.contains("Bad request"))
        #expect(bad.headers["X-Content-Type-Options"] == "nosniff")
        let delete = kiosk.get("/content/ville_de_test/Accueil", method: .delete)
        #expect(delete.status == 405)
        #expect(delete.headers["Allow"] == "GET, HEAD")
        #expect(delete.headers["Content-Type"] == "text/html; charset=utf-8")
    }

    @Test func searchErrorsComeInTheFormatAskedFor() throws {
        let kiosk = try TestKiosk()
        let xml = kiosk.get("/search?format=xml&books.name=nope&pattern=x", [("Accept-Language", "en")])
        #expect(xml.status == 400)
        #expect(xml.headers["Content-Type"] == "application/xml; charset=utf-8")
        #expect(xml.bodyText.hasPrefix("<?xml"))
        #expect(xml.bodyText.contains("<message>No book is named “nope”.</message>"))
        let json = kiosk.get("/search?format=json&books.name=nope&pattern=x", [("Accept-Language", "en")])
        #expect(json.status == 400)
        let object = try JSONSerialization.jsonObject(with: Data(json.bodyBytes)) as? [String: Any]
        #expect(object?["status"] as? Int == 400)
        #expect(object?["message"] as? String == "No book is named “nope”.")
    }

    @Test func conditionalRequestsAreAnsweredFromTheResource() throws {
        let kiosk = try TestKiosk()
        let first = kiosk.get("/content/ville_de_test/Cath%C3%A9drale")
        #expect(first.status == 200)
        let etag = try #require(first.headers["ETag"])
        for encoding in ["gzip", "identity"] {
            let again = kiosk.get("/content/ville_de_test/Cath%C3%A9drale",
                                  [("If-None-Match", etag), ("Accept-Encoding", encoding)])
            #expect(again.status == 304)
            #expect(again.headers["ETag"] == etag)
            #expect(again.headers["Cache-Control"] == Resource.cacheControl)
            #expect(again.headers["Vary"] == "Accept-Encoding")
            #expect(again.headers["X-Content-Type-Options"] == "nosniff")
            #expect(again.bodyBytes.isEmpty)
        }
        let other = kiosk.get("/content/ville_de_test/Cath%C3%A9drale", [("If-None-Match", "\"other\"")])
        #expect(other.status == 200)
        #expect(other.bodyBytes == first.bodyBytes)
    }

    @Test func pagesTheKioskWritesAreCompressedByTheSameStep() throws {
        let kiosk = try TestKiosk()
        let plain = kiosk.get("/?lang=fr")
        #expect(plain.status == 200)
        #expect(plain.headers["Content-Encoding"] == nil)
        let gzipped = kiosk.get("/?lang=fr", [("Accept-Encoding", "gzip")])
        #expect(gzipped.headers["Content-Encoding"] == "gzip")
        #expect(gzipped.headers["Vary"]?.contains("Accept-Encoding") == true)
        #expect(try Gunzip.decompress(gzipped.bodyBytes) == plain.bodyBytes)
    }
}
