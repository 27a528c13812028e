import Foundation
import Kiosk
import ZimKit

/// The books the fuzzed requests are served from, written once at start into a folder: the demo
/// book (`DemoBook`, as `wikikiosk serve` builds it) and a small book with what the demo lacks —
/// an item big enough for sendfile, binary items, awkward paths, a redirect — plus a sign catalogue.
enum FuzzLibrary {
    /// The extra book's file name: it is served as `/content/fuzz-extra/…`.
    static let extraBookFile = "fuzz-extra.zim"

    /// Builds the books in `folder` (kept if already there) and returns their paths.
    static func build(in folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let demo = try DemoBook.ensureBuilt(in: folder, log: Log(minimumLevel: .error))
        let extra = folder + "/" + extraBookFile
        if !FileManager.default.fileExists(atPath: extra) {
            let partial = extra + ".partial"
            try? FileManager.default.removeItem(atPath: partial)
            try writeExtraBook(to: partial)
            try FileManager.default.moveItem(atPath: partial, toPath: extra)
        }
        try signCatalog.write(toFile: folder + "/signs.csv", atomically: true, encoding: .utf8)
        return [demo, extra]
    }

    /// One sign per target kind, on the demo book.
    static let signCatalog = """
        id,book,article,label,language,target,latitude,longitude,notes
        ACCUEIL,wikikiosk-demo,fr/Accueil,Accueil,fr,kiosk,45.7772,3.0819,
        ONLINE,,Place de Jaude,"Place de Jaude, côté opéra",fr,online,,,
        ONLINE,,Jaude Square,,en,,,,
        """ + "\n"

    /// libzim's writer prints progress lines on standard output; libFuzzer's own output is on
    /// standard error, and `ZimBook.write` mutes standard output meanwhile.
    private static func writeExtraBook(to path: String) throws {
        var book = ZimBook(title: "Fuzz", language: "fra", metadata: [
            ("Description", "Entrées bizarres / odd entries"), ("Name", "fuzz_extra"), ("Date", "2026-11-22"),
        ])
        book.add(article: "Accueil", title: "Accueil", html: page("Accueil", "<a href=\"Q%26R%20%231%3F\">Q&amp;R</a>"))
        book.add(article: "Cathédrale", title: "Cathédrale",
                 html: page("Cathédrale", String(repeating: "La cathédrale est en pierre de Volvic. ", count: 60)))
        book.add(article: "Q&R #1?", title: "Questions & réponses #1 ?", html: page("Q&R", "Questions"))
        book.add(item: "I/big.bin", mimeType: "application/octet-stream", content: pattern(count: 100_000), compress: false)
        book.add(item: "I/small.bin", mimeType: "application/octet-stream", content: pattern(count: 3000), compress: true)
        book.add(item: "empty.txt", mimeType: "text/plain", content: [])
        book.add(redirect: "Cathedrale", to: "Cathédrale")
        book.mainPath = "Accueil"
        try book.write(to: path)
    }

    private static func page(_ title: String, _ body: String) -> String {
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>\(title)</title></head>"
            + "<body><h1>\(title)</h1><p>\(body)</p></body></html>"
    }

    /// Deterministic bytes, so a replayed crash sees the same book.
    private static func pattern(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    }
}
