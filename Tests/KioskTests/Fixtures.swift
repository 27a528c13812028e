import Foundation
@testable import HTTPTestSupport
import ZimKit

/// ZIM files written at test time with libzim's writer, so the suite needs no download.
enum Fixtures {
    /// A temporary folder, removed by the caller with `cleanUp`.
    static func makeTemporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "wikikiosk-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func cleanUp(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A long French paragraph (compressible, above the gzip threshold).
    static let longFrench = String(repeating: "La cathédrale Notre-Dame-de-l'Assomption de Clermont-Ferrand est construite en pierre de Volvic. ", count: 40)

    /// 200 KB of incompressible bytes, stored uncompressed: served with sendfile.
    static let bigImage: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    /// A 1×1 PNG.
    static let tinyPNG: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!)

    /// Writes the standard test book: French pages with accents and special characters,
    /// a redirect, images, metadata and an illustration.
    @discardableResult
    static func writeBook(at path: String, title: String = "Ville de test", fullText: Bool = true) throws -> String {
        var book = ZimBook(title: title, language: "fra", metadata: [
            ("Description", "Un livre de test"), ("Date", "2026-11-21"), ("Tags", "_category:wikivoyage;ville"),
        ])
        if !fullText { book.fullTextLanguage = nil }
        book.illustration = tinyPNG
        book.add(article: "Accueil", title: "Accueil", html: page("Accueil", "<a href=\"Cath%C3%A9drale\">Cathédrale</a>"))
        book.add(article: "Cathédrale", title: "Cathédrale de Clermont", html: page("Cathédrale", longFrench))
        book.add(article: "Q&R #1?", title: "Questions & réponses #1 ?", html: page("Q&R", "Questions"))
        book.add(item: "style.css", mimeType: "text/css", text: "body{color:#222}")
        book.add(item: "I/pixel.png", mimeType: "image/png", content: tinyPNG)
        book.add(item: "I/big.jpg", mimeType: "image/jpeg", content: bigImage)
        book.add(redirect: "Cathedrale", to: "Cathédrale")
        book.mainPath = "Accueil"
        try book.write(to: path)
        return path
    }

    static func page(_ title: String, _ body: String) -> String {
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><h1>\(title)</h1><p>\(body)</p></body></html>"
    }

    /// The test book's bytes for `path`, read back through ZimKit (what must be served).
    static func storedBytes(_ zim: String, _ path: String) throws -> [UInt8] {
        let archive = try Archive(path: zim)
        let item = try archive.item(for: try archive.entry(path: path))
        return try archive.data(of: item).bytes
    }

    /// A served article without the reading toolbar the kiosk inserts after `<body …>`: from
    /// its `<style>#wkbar` to the end of its `<script …></script>` line. For a page without
    /// links to other sites, what is left is the stored bytes.
    static func withoutToolbar(_ served: [UInt8]) -> [UInt8] {
        let start = Array("<style>#wkbar".utf8), end = Array("</script>\n".utf8)
        guard let from = served.firstRange(of: start),
              let to = served[from.upperBound...].firstRange(of: end) else { return served }
        return Array(served[..<from.lowerBound] + served[to.upperBound...])
    }

    /// How many reading toolbars `served` holds.
    static func toolbarCount(_ served: [UInt8]) -> Int {
        served.ranges(of: Array("<nav id=\"wkbar\"".utf8)).count
    }

    /// The `wikikiosk` executable next to the test bundle (SwiftPM builds every product with the tests).
    static var wikikioskExecutable: String? { ServeProcess.wikikioskExecutable }

    /// The shared valid ZIMs (`../shared/zim/valid/*.zim`), sorted; empty without the folder.
    static func sharedValidZims() throws -> [String] {
        guard let shared = sharedZimFolder else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: shared + "/valid")
            .filter { $0.hasSuffix(".zim") }.sorted().map { "\(shared)/valid/\($0)" }
    }

    /// Real corrupt ZIMs made by others, when the shared folder is next to the checkout.
    static var sharedZimFolder: String? {
        let candidates = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/zim").standardizedFileURL.path,
            "/work/shared/zim",
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/valid") }
    }
}
