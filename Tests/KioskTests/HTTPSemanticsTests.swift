import Foundation
import HTTPServer
import Testing
@testable import Kiosk

@Suite("HTTP semantics on content")
struct HTTPSemanticsTests {
    let kiosk: TestKiosk
    init() throws { kiosk = try TestKiosk() }

    @Test func etagAndIfNoneMatchGive304() throws {
        let first = kiosk.get("/content/ville_de_test/Accueil")
        let etag = try #require(first.headers["ETag"])
        #expect(first.headers["Cache-Control"]?.contains("max-age") == true)
        let second = kiosk.get("/content/ville_de_test/Accueil", [("If-None-Match", etag)])
        #expect(second.status == 304)
        #expect(second.bodyBytes.isEmpty)
        #expect(second.headers["ETag"] == etag)
        #expect(kiosk.get("/content/ville_de_test/Accueil", [("If-None-Match", "\"other\"")]).status == 200)
    }

    /// The gzip body and the identity body are two byte sequences: each has its own strong tag
    /// (as libkiwix 14.2 sends), and either tag is answered 304 with itself, the first time the
    /// page is compressed and when it comes from the cache of compressed pages.
    @Test func gzipAndIdentityBodiesHaveTheirOwnTags() throws {
        let page = "/content/ville_de_test/Cath%C3%A9drale"
        let identity = try #require(kiosk.get(page).headers["ETag"])
        for _ in 0..<3 {  // compressed at level 1, then 6 into the cache, then from the cache
            let gzipped = kiosk.get(page, [("Accept-Encoding", "gzip")])
            #expect(gzipped.headers["Content-Encoding"] == "gzip")
            #expect(gzipped.headers["ETag"] == String(identity.dropLast()) + "-gz\"")
        }
        let gzipTag = String(identity.dropLast()) + "-gz\""
        let held = kiosk.get(page, [("Accept-Encoding", "gzip"), ("If-None-Match", gzipTag)])
        #expect(held.status == 304)
        #expect(held.headers["ETag"] == gzipTag)
        let plain = kiosk.get(page, [("If-None-Match", identity)])
        #expect(plain.status == 304)
        #expect(plain.headers["ETag"] == identity)
        #expect(ETag.gzipped("W/\"x\"") == "W/\"x\"")
        #expect(ETag.gzipped(gzipTag) == gzipTag)
    }

    @Test func singleRangeGives206() throws {
        let response = kiosk.get("/content/ville_de_test/I/big.jpg", [("Range", "bytes=100-199")])
        #expect(response.status == 206)
        #expect(response.headers["Content-Range"] == "bytes 100-199/\(Fixtures.bigImage.count)")
        #expect(response.bodyBytes == Array(Fixtures.bigImage[100...199]))
        let suffix = kiosk.get("/content/ville_de_test/I/pixel.png", [("Range", "bytes=-10")])
        #expect(suffix.status == 206)
        #expect(suffix.bodyBytes == Array(Fixtures.tinyPNG.suffix(10)))
    }

    @Test func unsatisfiableRangeGives416() {
        let response = kiosk.get("/content/ville_de_test/I/pixel.png", [("Range", "bytes=999999-")])
        #expect(response.status == 416)
        #expect(response.headers["Content-Range"] == "bytes */\(Fixtures.tinyPNG.count)")
    }

    @Test func rangeOnTextIsNotCompressed() throws {
        let response = kiosk.get("/content/ville_de_test/Cath%C3%A9drale",
                                 [("Range", "bytes=0-9"), ("Accept-Encoding", "gzip")])
        #expect(response.status == 206)
        #expect(response.headers["Content-Encoding"] == nil)
        #expect(response.bodyBytes == Array(try Fixtures.storedBytes(kiosk.zimPath, "Cathédrale").prefix(10)))
    }

    @Test func otherMethodsGet405WithAllow() {
        for method in [HTTPMethod.post, .put, .delete, .other("BREW")] {
            let response = kiosk.get("/content/ville_de_test/Accueil", method: method)
            #expect(response.status == 405)
            #expect(response.headers["Allow"]?.contains("GET") == true)
            #expect(response.headers["Allow"]?.contains("HEAD") == true)
        }
    }

    @Test func malformedPathsGet400() {
        for target in ["/content/ville_de_test/%zz", "/content/ville_de_test/%C3%28", "/content/x/%00"] {
            #expect(kiosk.get(target).status == 400, "\(target)")
        }
    }

    @Test func gzipForBigTextWhenAccepted() throws {
        let stored = try Fixtures.storedBytes(kiosk.zimPath, "Cathédrale")
        let compressed = kiosk.get("/content/ville_de_test/Cath%C3%A9drale", [("Accept-Encoding", "gzip, deflate, br")])
        #expect(compressed.status == 200)
        #expect(compressed.headers["Content-Encoding"] == "gzip")
        #expect(compressed.headers["Vary"] == "Accept-Encoding")
        #expect(compressed.bodyBytes.count < stored.count / 3)
        let page = try Gunzip.decompress(compressed.bodyBytes)
        #expect(Fixtures.toolbarCount(page) == 1, "the reading toolbar is in the compressed page")
        #expect(Fixtures.withoutToolbar(page) == stored)
        // First time compressed fast (level 1); the second time well (level 6) and kept; the
        // third time from the cache: the second's bytes.
        let again = kiosk.get("/content/ville_de_test/Cath%C3%A9drale", [("Accept-Encoding", "gzip")])
        #expect(try Gunzip.decompress(again.bodyBytes) == page)
        #expect(again.bodyBytes.count <= compressed.bodyBytes.count)
        #expect(kiosk.cache.byteCount > 0)
        let third = kiosk.get("/content/ville_de_test/Cath%C3%A9drale", [("Accept-Encoding", "gzip")])
        #expect(third.bodyBytes == again.bodyBytes)

        let plain = kiosk.get("/content/ville_de_test/Cath%C3%A9drale")
        #expect(plain.headers["Content-Encoding"] == nil)
        #expect(plain.headers["Vary"] == "Accept-Encoding")
        #expect(plain.bodyBytes == page)
    }

    @Test func smallTextAndImagesAreNotCompressed() {
        let css = kiosk.get("/content/ville_de_test/style.css", [("Accept-Encoding", "gzip")])
        #expect(css.headers["Content-Encoding"] == nil)
        let image = kiosk.get("/content/ville_de_test/I/big.jpg", [("Accept-Encoding", "gzip")])
        #expect(image.headers["Content-Encoding"] == nil)
    }
}
