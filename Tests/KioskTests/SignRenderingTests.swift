import Foundation
import Synchronization
import Testing
@testable import Kiosk

/// Every QR code of every generated format decodes, with real decoders, to exactly the intended
/// text; the documents are real PDF / SVG / PNG files.
@Suite("QR signs: rendering", .serialized, .enabled(if: SignDecoding.available))
struct SignRenderingTests {
    /// 57 signs (every target, accented and long titles, one in English) in A6 PDF, SVG and PNG,
    /// and sticker sheets: every code decodes to its sign's URL (and the Wi-Fi code on kiosk signs).
    @Test func everyCodeOfAFiftySignCatalogueDecodesInEveryFormat() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (library, book) = try SignFixtures.library(in: folder)
        let catalogue = SignCatalog.parse(SignFixtures.catalogue(book: book))
        #expect(catalogue.problems.isEmpty, "\(catalogue.problems)")
        #expect(catalogue.signs.count >= 50)
        #expect(Set(catalogue.signs.map(\.target)) == Set(SignTarget.allCases))
        let composer = SignComposer(library: library, kioskHost: "wikikiosk.lan", ssid: "Wikipedia sans Internet",
                                    publicBase: "https://signs.example.org")
        let contents = try catalogue.signs.map { sign throws(SignError) in try composer.compose(sign) }

        // image → payloads, images in order, failures
        let state = Mutex((expected: [String: [String]](), images: [String](), failures: [String]()))
        // Render and rasterise in parallel (two cores): A6 SVG and PNG one file per sign, A6 and sticker-sheet PDFs as documents.
        let jobs: [(SignOutputFormat, PaperFormat)] = [(.svg, .a6), (.pdf, .a6), (.png, .a6), (.pdf, .stickerSheet)]
        DispatchQueue.concurrentPerform(iterations: jobs.count) { job in
            let (format, paper) = jobs[job]
            do {
                let renderer = SignRenderer(paper: paper, format: format, dpi: 150)
                var local: [(String, [String])] = []
                if format == .pdf {
                    // One document (a page per sign, six signs a page for stickers): one pdftoppm run.
                    let pdf = folder + "/\(paper.rawValue).pdf"
                    try Data(try renderer.render(contents)[0]).write(to: URL(fileURLWithPath: pdf))
                    let pages = try SignDecoding.rasterise(pdf: pdf)
                    let perPage = paper.signsPerPage
                    for (index, page) in pages.enumerated() {
                        local.append((page, contents.dropFirst(index * perPage).prefix(perPage).flatMap(\.payloads)))
                    }
                } else {
                    for content in contents {
                        let file = folder + "/\(content.id).\(format.rawValue)"
                        let bytes = try renderer.render([content])
                        try Data(bytes[0]).write(to: URL(fileURLWithPath: file))
                        local.append((format == .svg ? try SignDecoding.rasterise(svg: file) : file, content.payloads))
                    }
                }
                state.withLock { state in
                    for (image, payloads) in local { state.expected[image] = payloads; state.images.append(image) }
                }
            } catch {
                state.withLock { $0.failures.append("\(format) \(paper): \(error)") }
            }
        }
        let (expected, images, failures) = state.withLock { $0 }
        #expect(failures.isEmpty, "\(failures)")
        #expect(images.count == contents.count * 3 + (contents.count + 5) / 6)
        var decoded = try SignDecoding.decode(images)
        // A whole sticker sheet holds up to twelve codes in a grid, which can confuse zbar's finder;
        // a phone sees one sticker once they are cut: read those pages sticker by sticker.
        for (index, image) in images.enumerated() where image.contains("sticker-sheet.pdf-page")
            && decoded[image, default: []].sorted() != expected[image, default: []].sorted() {
            let page = Int(image.dropLast(4).split(separator: "-").last ?? "") ?? index
            let paper = PaperFormat.stickerSheet
            let count = min(paper.signsPerPage, contents.count - (page - 1) * paper.signsPerPage)
            let crops = try (0..<count).map { slot in
                let origin = paper.origin(ofSlot: slot)
                return try SignDecoding.rasterise(pdf: folder + "/sticker-sheet.pdf", page: page, x: origin.x, y: origin.y,
                                                  width: paper.signMM.width, height: paper.signMM.height)
            }
            decoded[image] = try SignDecoding.decode(crops).values.flatMap { $0 }
        }
        var wrong: [String] = []
        for image in images where decoded[image, default: []].sorted() != expected[image, default: []].sorted() {
            wrong.append("\((image as NSString).lastPathComponent): got \(decoded[image, default: []]), expected \(expected[image, default: []])")
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).joined(separator: "\n"))")
    }

    /// The targets' payloads: the kiosk's uppercase short link, Wikipedia's URL with the title
    /// percent-encoded, the public server's short link; Wi-Fi only on kiosk signs.
    @Test func payloadsPerTarget() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (library, book) = try SignFixtures.library(in: folder)
        let composer = SignComposer(library: library, kioskHost: "wikikiosk.lan", ssid: "Borne; \"Jaude\"",
                                    publicBase: "https://signs.example.org/")
        let kiosk = try composer.compose(Sign(id: "jaude", book: book, article: "Jaude", label: "Place"))
        #expect(kiosk.qrPayload == "HTTP://WIKIKIOSK.LAN/S/JAUDE")
        #expect(kiosk.title == "Place de Jaude")
        #expect(kiosk.extract.hasPrefix("La place de Jaude est la place principale"))
        #expect(kiosk.wifiPayload == "WIFI:T:nopass;S:Borne\\; \\\"Jaude\\\";;")
        let online = try composer.compose(Sign(id: "CATH", book: book, article: "Cathédrale_Notre-Dame-de-l'Assomption_de_Clermont-Ferrand",
                                               label: "Place", target: .online))
        #expect(online.qrPayload == "https://fr.wikipedia.org/wiki/Cath%C3%A9drale_Notre-Dame-de-l'Assomption_de_Clermont-Ferrand")
        #expect(online.ssid == nil)
        #expect(!online.extract.contains("Infobox") && !online.extract.contains("[1]") && online.extract.contains("Volvic, une roche"))
        let redirect = try composer.compose(Sign(id: "port", book: "", article: "Basilique Notre-Dame-du-Port", label: "Rue",
                                                 target: .redirect))
        #expect(redirect.qrPayload == "HTTPS://SIGNS.EXAMPLE.ORG/S/PORT")
        #expect(redirect.extract.isEmpty)
        // The uppercase short link fits a version-2 code at level M (alphanumeric mode).
        #expect(try QRCode(kiosk.qrPayload).version <= 2)
    }

    /// A Wi-Fi name with accents and characters the format escapes decodes back exactly.
    @Test func wifiCodeWithEscapesDecodes() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let content = SignContent(id: "WIFI", title: "Test", extract: "", label: "Ici", language: "fr", target: .kiosk,
                                  qrPayload: "HTTP://WIKIKIOSK.LAN/S/WIFI", ssid: "Médiathèque; \"Jaude\", 2:1 \\")
        let png = folder + "/wifi.png"
        try Data(try SignRenderer(paper: .a6, format: .png, dpi: 150).render([content])[0]).write(to: URL(fileURLWithPath: png))
        let decoded = try SignDecoding.decode([png])[png, default: []].sorted()
        #expect(decoded == content.payloads.sorted())
        #expect(content.wifiPayload == "WIFI:T:nopass;S:Médiathèque\\; \\\"Jaude\\\"\\, 2\\:1 \\\\;;")
    }

    /// The files are what they say: a PDF with the fonts embedded, an SVG document, a PNG of the
    /// page size at the requested resolution; sticker sheets hold six signs a page.
    @Test func filesAreRealDocuments() throws {
        let content = SignContent(id: "DOC", title: "Église Saint-Éloi", extract: "Un texte. Deux phrases.", label: "Rue",
                                  language: "fr", target: .online, qrPayload: "https://fr.wikipedia.org/wiki/X")
        let pdf = try SignRenderer(paper: .a4, format: .pdf).render([content, content])
        #expect(pdf.count == 1)
        let pdfText = String(decoding: pdf[0], as: UTF8.self)
        #expect(pdfText.hasPrefix("%PDF-"))
        #expect(pdfText.contains("/FontFile"))
        #expect(pdfText.components(separatedBy: "/Type /Page\n").count - 1 == 2 || pdfText.contains("/Count 2"))
        let svg = try SignRenderer(paper: .a6, format: .svg).render([content])
        #expect(String(decoding: svg[0], as: UTF8.self).contains("<svg"))
        let png = try SignRenderer(paper: .a6, format: .png, dpi: 100).render([content, content])
        #expect(png.count == 2)
        #expect(Array(png[0].prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = png[0][16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == Int((105 / 25.4 * 100).rounded()))
        let sheets = try SignRenderer(paper: .stickerSheet, format: .png, dpi: 50).render(Array(repeating: content, count: 7))
        #expect(sheets.count == 2)
    }

    /// QR size: a tenth of the scanning distance, never below 2.5 cm, bigger for dense codes.
    @Test func qrSizeFollowsDistance() {
        let mm = PaperFormat.pointsPerMM
        #expect(abs(SignPainter.qrSide(distanceCM: 70, modules: 25, limit: 1000) - 70 * mm) < 0.01)
        #expect(abs(SignPainter.qrSide(distanceCM: 10, modules: 25, limit: 1000) - 25 * mm) < 0.01)
        #expect(abs(SignPainter.qrSide(distanceCM: 25, modules: 57, limit: 1000) - 57 * 0.6 * mm) < 0.01)
        #expect(abs(SignPainter.qrSide(distanceCM: 300, modules: 25, limit: 100) - 100) < 0.01)
    }

    /// The renderings kept in docs/ (written when WIKIKIOSK_WRITE_SIGN_DOCS is set to a folder).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WIKIKIOSK_WRITE_SIGN_DOCS"] != nil))
    func writeDocumentationRenderings() throws {
        let out = ProcessInfo.processInfo.environment["WIKIKIOSK_WRITE_SIGN_DOCS"]!
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let (library, book) = try SignFixtures.library(in: folder)
        let catalogue = SignCatalog.parse(SignFixtures.catalogue(book: book))
        let composer = SignComposer(library: library, kioskHost: "wikikiosk.lan", ssid: "Wikipedia sans Internet",
                                    publicBase: "https://signs.example.org")
        let signs = try catalogue.signs.map { sign throws(SignError) in try composer.compose(sign) }
        let a4 = try SignRenderer(paper: .a4, format: .png, dpi: 100).render([signs[0]])
        try Data(a4[0]).write(to: URL(fileURLWithPath: out + "/sign-a4.png"))
        let a6 = try SignRenderer(paper: .a6, format: .png, dpi: 200).render([signs[1]])
        try Data(a6[0]).write(to: URL(fileURLWithPath: out + "/sign-a6.png"))
        let sheet = try SignRenderer(paper: .stickerSheet, format: .png, dpi: 100).render(Array(signs[2..<8]))
        try Data(sheet[0]).write(to: URL(fileURLWithPath: out + "/sign-sticker-sheet.png"))
        let long = signs.first { $0.title.hasPrefix("Église Saint-Pierre") }!
        let a6long = try SignRenderer(paper: .a6, format: .png, dpi: 200).render([long])
        try Data(a6long[0]).write(to: URL(fileURLWithPath: out + "/sign-a6-long.png"))
        // The book and a 100-sign catalogue, for trying `wikikiosk sign` by hand (and timing it).
        try FileManager.default.createDirectory(atPath: out + "/fixture", withIntermediateDirectories: true)
        try SignFixtures.writeBook(at: out + "/fixture/patrimoine.zim")
        let lines = SignFixtures.catalogue(book: book).split(separator: "\r\n").map(String.init)
        let more = lines.dropFirst().map { line in "X" + line }  // the same signs again, ids prefixed
        try (lines + more).joined(separator: "\n").write(toFile: out + "/fixture/signs.csv", atomically: true, encoding: .utf8)
    }
}
