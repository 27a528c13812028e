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
        try withStandardOutputSilenced { try write(to: partial) }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return path
    }

    /// Runs `body` with standard output sent to /dev/null: libzim's writer prints progress
    /// lines ("Resolve redirect", "set index") that mean nothing to someone starting the kiosk.
    /// Only used before the server starts its threads.
    static func withStandardOutputSilenced<T>(_ body: () throws -> T) rethrows -> T {
        fflush(nil)
        let saved = dup(STDOUT_FILENO)
        let null = open("/dev/null", O_WRONLY)
        if saved >= 0, null >= 0 { dup2(null, STDOUT_FILENO) }
        defer {
            fflush(nil)
            if saved >= 0 {
                dup2(saved, STDOUT_FILENO)
                close(saved)
            }
            if null >= 0 { close(null) }
        }
        return try body()
    }

    /// Writes the demo book to `path`.
    public static func write(to path: String) throws {
        var options = ZimWriter.Options()
        options.fullTextIndexLanguage = "fra"
        let writer = try ZimWriter(path: path, options: options)
        try writer.addMetadata("Title", "WikiKiosk : démonstration")
        try writer.addMetadata("Description", "Pages de démonstration de la borne / Kiosk demo pages")
        try writer.addMetadata("Language", "fra,eng")
        try writer.addMetadata("Creator", "WikiKiosk")
        try writer.addMetadata("Publisher", "WikiKiosk")
        try writer.addMetadata("Name", "wikikiosk_demo")
        try writer.addMetadata("Date", "2026-11-21")
        try writer.addIllustration(size: 48, png: Array(Data(base64Encoded: icon48) ?? Data()))
        try writer.addItem(path: "logo.svg", title: "Logo", mimeType: "image/svg+xml", text: logoSVG)
        try writer.addItem(path: "style.css", title: "Style", mimeType: "text/css", text: styleSheet)
        for page in DemoPages.all {
            try writer.addItem(path: page.path, title: page.title, mimeType: "text/html",
                               text: html(for: page), frontArticle: true)
        }
        try writer.addRedirect(path: "index", title: "Index", target: "fr/Accueil")
        writer.setMainPath("fr/Accueil")
        try writer.finish()
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
