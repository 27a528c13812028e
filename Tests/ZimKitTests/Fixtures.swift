import Foundation
import ZimKit

/// ZIM files written at test time with `ZimWriter`, each in its own temporary directory.
enum Fixtures {
    /// A 1×1 transparent PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ]

    /// The HTML pages of the standard fixture: path → (title, html).
    static let pages: [(path: String, title: String, html: String)] = [
        ("Paris", "Paris",
         "<html><head><title>Paris</title></head><body><h1>Paris</h1><p>Paris est la capitale de la France. "
            + "Élégante, animée, célèbre pour la tour Eiffel, les cafés et les crêpes.</p>"
            + "<img src=\"tour.png\"/></body></html>"),
        ("Crêpe", "Crêpe",
         "<html><body><h1>Crêpe</h1><p>La crêpe bretonne se mange avec du beurre salé. Ça, c'est sûr !</p></body></html>"),
        ("London", "London",
         "<html><body><h1>London</h1><p>London is the capital of England, on the river Thames.</p></body></html>"),
        ("Zürich", "Zürich",
         "<html><body><h1>Zürich</h1><p>Zürich liegt am Zürichsee. Grüezi!</p></body></html>"),
    ]

    /// A big, incompressible-ish item for slice tests (deterministic pseudo-random bytes).
    static let bigBlob: [UInt8] = {
        var state: UInt32 = 0x1234_5678
        return (0..<300_000).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }()

    /// A fresh temporary directory (removed by the system's tmp cleaning; tests stay small).
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("zimkit-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes the standard fixture: four pages (French/English/German, accents), an image, a
    /// stylesheet, a big binary, redirects, metadata, an illustration and a main page.
    static func writeStandard(compression: Bool = true, fullTextIndexLanguage: String? = "fra") throws -> String {
        let path = try temporaryDirectory().appendingPathComponent("standard.zim").path
        let writer = try ZimWriter(
            path: path,
            options: .init(compression: compression, fullTextIndexLanguage: fullTextIndexLanguage)
        )
        try writer.addMetadata("Title", "Petite encyclopédie")
        try writer.addMetadata("Language", "fra,eng")
        try writer.addMetadata("Creator", "WikiKiosk tests")
        try writer.addMetadata("Publisher", "WikiKiosk")
        try writer.addMetadata("Date", "2025-01-01")
        try writer.addMetadata("Description", "Quelques pages pour les tests — avec des accents.")
        try writer.addMetadata("Name", "wikikiosk_test_fr")
        try writer.addIllustration(size: 48, png: png)
        for page in pages {
            try writer.addItem(path: page.path, title: page.title, mimeType: "text/html", text: page.html, frontArticle: true)
        }
        try writer.addItem(path: "tour.png", title: "tour.png", mimeType: "image/png", content: png)
        try writer.addItem(path: "style.css", title: "style.css", mimeType: "text/css", text: "body { color: #222; }")
        try writer.addItem(path: "big.bin", title: "big.bin", mimeType: "application/octet-stream",
                           content: bigBlob, indexText: false)
        try writer.addRedirect(path: "Capitale", title: "Capitale de la France", target: "Paris", frontArticle: true)
        try writer.addRedirect(path: "Hop", title: "Hop", target: "Capitale")  // two hops to Paris
        try writer.addRedirect(path: "Accueil", title: "Accueil", target: "Paris")
        writer.setMainPath("Accueil")
        try writer.finish()
        return path
    }

    /// The standard fixture, written once per test run and shared (read-only) by the tests.
    static let standard: Result<String, any Error> = Result { try writeStandard() }

    /// Opens the shared standard fixture.
    static func openStandard() throws -> Archive {
        try Archive(path: standard.get())
    }
}
