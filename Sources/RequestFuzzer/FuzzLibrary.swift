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
            // libzim's writer prints progress lines on standard output; libFuzzer's own output
            // is on standard error, so standard output is muted meanwhile.
            fflush(nil)
            let saved = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY)
            if saved >= 0, null >= 0 { dup2(null, STDOUT_FILENO) }
            defer {
                fflush(nil)
                if saved >= 0 { dup2(saved, STDOUT_FILENO); close(saved) }
                if null >= 0 { close(null) }
            }
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

    private static func writeExtraBook(to path: String) throws {
        var options = ZimWriter.Options()
        options.fullTextIndexLanguage = "fra"
        let writer = try ZimWriter(path: path, options: options)
        try writer.addMetadata("Title", "Fuzz")
        try writer.addMetadata("Description", "Entrées bizarres / odd entries")
        try writer.addMetadata("Language", "fra")
        try writer.addMetadata("Name", "fuzz_extra")
        try writer.addMetadata("Date", "2026-11-22")
        try writer.addItem(path: "Accueil", title: "Accueil", mimeType: "text/html",
                           text: page("Accueil", "<a href=\"Q%26R%20%231%3F\">Q&amp;R</a>"), frontArticle: true)
        try writer.addItem(path: "Cathédrale", title: "Cathédrale", mimeType: "text/html",
                           text: page("Cathédrale", String(repeating: "La cathédrale est en pierre de Volvic. ", count: 60)),
                           frontArticle: true)
        try writer.addItem(path: "Q&R #1?", title: "Questions & réponses #1 ?", mimeType: "text/html",
                           text: page("Q&R", "Questions"), frontArticle: true)
        try writer.addItem(path: "I/big.bin", title: "", mimeType: "application/octet-stream",
                           content: pattern(count: 100_000), compress: false)
        try writer.addItem(path: "I/small.bin", title: "", mimeType: "application/octet-stream",
                           content: pattern(count: 3000), compress: true)
        try writer.addItem(path: "empty.txt", title: "", mimeType: "text/plain", content: [])
        try writer.addRedirect(path: "Cathedrale", title: "Cathedrale", target: "Cathédrale")
        writer.setMainPath("Accueil")
        try writer.finish()
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
