import Foundation
import HTTPServer
import Testing
@testable import Kiosk

@Suite("A real kiosk daemon on 127.0.0.1", .serialized)
struct ServerTests {
    static func start(library: String? = nil, zims: [String] = [], state: String,
                      settings: KioskSettings = KioskSettings(),
                      adjust: (inout KioskConfiguration) -> Void = { _ in }) throws -> KioskServer {
        var configuration = KioskConfiguration()
        configuration.settings = settings
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.threads = 2
        configuration.libraryDirectory = library
        configuration.zimFiles = zims
        configuration.stateDirectory = state
        configuration.watchInterval = 0.3
        adjust(&configuration)
        return try KioskServer(configuration: configuration, validator: LibraryTests.validator,
                               log: Log(minimumLevel: .error) { _ in })
    }

    @Test func servesContentOverTheWire() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        let server = try Self.start(zims: [zim], state: folder + "/state")
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"

        let page = try Curl.get(base + "/content/ville/Cath%C3%A9drale")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html")
        #expect(Fixtures.withoutToolbar(page.body) == (try Fixtures.storedBytes(zim, "Cathédrale")))

        let gzipped = try Curl.get(base + "/content/ville/Cath%C3%A9drale", ["--compressed"])
        #expect(gzipped.headers["content-encoding"] == "gzip")
        #expect(gzipped.body == page.body, "curl undid the gzip: same bytes")

        let pageHead = try Curl.get(base + "/content/ville/Cath%C3%A9drale", ["-I"])
        #expect(pageHead.headers["content-length"] == String(page.body.count), "the decorated page's length")
        #expect(pageHead.headers["etag"] == page.headers["etag"])
        let pageRange = try Curl.get(base + "/content/ville/Cath%C3%A9drale", ["-r", "0-1023"])
        #expect(pageRange.status == 206)
        #expect(pageRange.body == Array(page.body.prefix(1024)))

        let head = try Curl.get(base + "/content/ville/I/big.jpg", ["-I"])
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String(Fixtures.bigImage.count))

        let big = try Curl.get(base + "/content/ville/I/big.jpg")
        #expect(big.body == Fixtures.bigImage)

        let range = try Curl.get(base + "/content/ville/I/big.jpg", ["-r", "1000-1999"])
        #expect(range.status == 206)
        #expect(range.body == Array(Fixtures.bigImage[1000...1999]))

        // Another page's ETag must not validate this one.
        let otherTag = try #require(page.headers["etag"])
        #expect(try Curl.get(base + "/content/ville/Accueil", ["-H", "If-None-Match: \(otherTag)"]).status == 200)
        let etag = try Curl.get(base + "/content/ville/Accueil").headers["etag"] ?? ""
        #expect(try Curl.get(base + "/content/ville/Accueil", ["-H", "If-None-Match: \(etag)"]).status == 304)

        #expect(try Curl.get(base + "/content/ville/Accueil", ["-X", "DELETE"]).status == 405)
        #expect(try Curl.get(base + "/content/ville/%zz").status == 400)
        #expect(try Curl.get(base + "/content/ville/nothing").status == 404)
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        let server = try Self.start(zims: [zim], state: folder + "/state")
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/content/ville/Accueil"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-v", "-o", "/dev/null", url, "-o", "/dev/null", url]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let trace = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(trace.contains("Re-using existing connection") || trace.contains("Reusing existing connection"),
                "curl reuses the connection")
        #expect(!trace.lowercased().contains("connection: close"))
    }

    @Test func libraryFolderIsWatchedWhileServing() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let library = folder + "/library"
        try FileManager.default.createDirectory(atPath: library, withIntermediateDirectories: true)
        try Fixtures.writeBook(at: library + "/one.zim")
        let server = try Self.start(library: library, state: folder + "/state")
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        #expect(try Curl.get(base + "/content/one/Accueil").status == 200)

        try Fixtures.writeBook(at: folder + "/two.zim", title: "Deux")
        try FileManager.default.moveItem(atPath: folder + "/two.zim", toPath: library + "/two.zim")
        try FileManager.default.removeItem(atPath: library + "/one.zim")
        let deadline = Date().addingTimeInterval(10)
        var added = false, removed = false
        while Date() < deadline, !(added && removed) {
            Thread.sleep(forTimeInterval: 0.2)
            added = try Curl.get(base + "/content/two/Accueil").status == 200
            removed = try Curl.get(base + "/content/one/Accueil").status == 404
        }
        #expect(added, "a copied-in ZIM is served within seconds")
        #expect(removed, "a removed ZIM stops being served")
        let books = try Curl.get(base + "/api/books").text
        #expect(books.contains("\"Deux\""))
    }

    @Test func demoBookIsBuiltAndServedWhenNothingIsGiven() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let server = try Self.start(state: folder + "/state")
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let home = try Curl.get(base + "/")
        #expect(home.status == 200)
        #expect(home.text.contains("WikiKiosk"))
        let main = try Curl.get(base + "/content/wikikiosk-demo/")
        #expect(main.status == 302)
        #expect(main.headers["location"] == "/content/wikikiosk-demo/fr/Accueil")
        let page = try Curl.get(base + "/content/wikikiosk-demo/fr/Accueil")
        #expect(page.text.contains("Bienvenue"))
        #expect(try Curl.get(base + "/content/wikikiosk-demo/logo.svg").headers["content-type"] == "image/svg+xml")
        #expect(FileManager.default.fileExists(atPath: folder + "/state/demo/v1/wikikiosk-demo.zim"))
    }

    @Test func portInUseIsAPlainError() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        let first = try Self.start(zims: [zim], state: folder + "/state")
        defer { first.stop() }
        var configuration = KioskConfiguration()
        configuration.address = "127.0.0.1"
        configuration.port = first.port
        configuration.zimFiles = [zim]
        configuration.stateDirectory = folder + "/state2"
        #expect {
            _ = try KioskServer(configuration: configuration, validator: InProcessValidator(), log: Log(minimumLevel: .error) { _ in })
        } throws: { error in
            "\(error)".contains("already in use")
        }
    }
}
