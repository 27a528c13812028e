import Foundation
import ZimKit

/// The demo book served when `wikikiosk serve` is given no ZIM: written once with libzim's
/// writer into the state folder, so a newcomer sees the kiosk working with no download.
public enum DemoBook {
    /// Bumped when the demo's content changes, so an old build is replaced.
    static let version = 1

    /// The demo's path in `stateDirectory`, building it first when missing.
    public static func ensureBuilt(in stateDirectory: String, log: Log) throws -> String {
        let folder = "\(stateDirectory)/demo/v\(version)"
        let path = "\(folder)/wikikiosk-demo.zim"
        if FileManager.default.fileExists(atPath: path) { return path }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        log.info("building the demo book in \(path)")
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try write(to: partial)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return path
    }

    /// Writes the demo book to `path` (libzim's progress lines kept off standard output).
    public static func write(to path: String) throws {
        var book = ZimBook(title: "WikiKiosk : démonstration", language: "fra,eng", metadata: [
            ("Description", "Pages de démonstration de la borne / Kiosk demo pages"),
            ("Creator", "WikiKiosk"), ("Publisher", "WikiKiosk"), ("Name", "wikikiosk_demo"), ("Date", "2026-11-21"),
        ])
        book.illustration = Array(Data(base64Encoded: icon48) ?? Data())
        book.add(item: "logo.svg", title: "Logo", mimeType: "image/svg+xml", text: logoSVG)
        book.add(item: "style.css", title: "Style", mimeType: "text/css", text: styleSheet)
        for page in DemoPages.all {
            book.add(article: page.path, title: page.title, html: html(for: page))
        }
        book.add(redirect: "index", title: "Index", to: "fr/Accueil")
        book.mainPath = "fr/Accueil"
        try book.write(to: path)
    }

    static func html(for page: DemoPage) -> String {
        let other = page.translation.map {
            "<p class=\"lang\"><a href=\"../\($0)\" hreflang=\"\($0.prefix(2))\">"
                + ($0.hasPrefix("fr") ? "Français" : "English") + "</a></p>"
        } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(page.language)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(page.title))</title><link rel="stylesheet" href="../style.css"></head>
            <body><main>\(other)<h1>\(HTML.escape(page.title))</h1>
            \(page.body)
            </main></body></html>
            """
    }

    static let styleSheet = """
        body{font-family:system-ui,sans-serif;margin:0;background:#f8f9fa;color:#1b1b1b;line-height:1.55}
        main{max-width:42rem;margin:0 auto;padding:1rem}
        a{color:#0645ad}.lang{text-align:right}
        """

    static let logoSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-label="WikiKiosk">
        <circle cx="48" cy="48" r="44" fill="#3366cc"/>
        <g fill="none" stroke="#fff" stroke-width="3"><circle cx="48" cy="48" r="28"/>
        <path d="M48 4v88M4 48h88"/></g></svg>
        """

    /// A 48×48 PNG globe, the book's illustration.
    static let icon48 = """
        iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAA5UlEQVR42u2a0Q2AIAxE2cmdnNad8MvEmIC0vTb04BI/NFHuYYDSUsoWkY7z\
        qu/r0ff51KZHAKaA6ZmSAISDjJjRAISASIxoAVwgpAasAFAQbeMIADOE1vCfwiDQxrUg7tNky1jrXgPibl46BlwhEOZHBrEUAm4eNQtBIVANSafR\
        0W+H9b4XQBcCaV6zkJn/AnpV9XonpPetAGKIJQCigrk1AWoy8QHsMZABYK8D3uFE6lCCPphLEU6n39BQbCnTb+op0irpE1sUqUWK5G769DpFgYOi\
        xERT5KMos9IUummOGmwZdQMtWonxwO2frgAAAABJRU5ErkJggg==
        """
}
