import Foundation
import Synchronization

/// Reads QR codes back with real tools: `zbarimg` (zbar-tools) on PNG files, PDFs rasterised by
/// `pdftoppm -r 150` (poppler-utils) and SVGs by `rsvg-convert` (librsvg2-bin) first. Files are
/// decoded in two parallel batches (one zbarimg process each), so 150 pages take seconds.
enum SignDecoding {
    static let zbarimg = "/usr/bin/zbarimg"
    static let pdftoppm = "/usr/bin/pdftoppm"
    static let rsvgConvert = "/usr/bin/rsvg-convert"

    static var available: Bool {
        [zbarimg, pdftoppm, rsvgConvert].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try Shell.run(tool, arguments, includeErrors: false)
        return (run.status, run.output)
    }

    /// PNG pages of a PDF at 150 dpi, in page order.
    static func rasterise(pdf: String) throws -> [String] {
        let prefix = pdf + "-page"
        try run(pdftoppm, ["-r", "150", "-png", pdf, prefix])
        let folder = (pdf as NSString).deletingLastPathComponent
        let base = (prefix as NSString).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix(base + "-") && $0.hasSuffix(".png") }
            .sorted { pageNumber($0) < pageNumber($1) }
            .map { folder + "/" + $0 }
    }

    private static func pageNumber(_ name: String) -> Int {
        Int(name.dropLast(4).split(separator: "-").last ?? "") ?? 0
    }

    /// One region of one PDF page at 150 dpi (`x`, `y`, `width`, `height` in millimetres): a
    /// sticker as it is once cut from its sheet.
    static func rasterise(pdf: String, page: Int, x: Double, y: Double, width: Double, height: Double) throws -> String {
        let px = { (mm: Double) in String(Int((mm / 25.4 * 150).rounded())) }
        let prefix = pdf + "-crop-\(page)-\(Int(x))-\(Int(y))"
        try run(pdftoppm, ["-r", "150", "-png", "-singlefile", "-f", String(page), "-l", String(page),
                           "-x", px(x), "-y", px(y), "-W", px(width), "-H", px(height), pdf, prefix])
        return prefix + ".png"
    }

    /// A PNG of an SVG at 150 dpi.
    static func rasterise(svg: String) throws -> String {
        let png = svg + ".png"
        try run(rsvgConvert, ["--dpi-x", "150", "--dpi-y", "150", "-b", "white", "-o", png, svg])
        return png
    }

    /// The texts of every QR code in each image, by image path.
    static func decode(_ images: [String]) throws -> [String: [String]] {
        let half = (images.count + 1) / 2
        let batches = [Array(images.prefix(half)), Array(images.dropFirst(half))].filter { !$0.isEmpty }
        let outputs = Mutex([String](repeating: "", count: batches.count))
        DispatchQueue.concurrentPerform(iterations: batches.count) { index in
            let output = (try? run(zbarimg, ["-q", "--xml", "-Sdisable", "-Sqrcode.enable"] + batches[index]).output) ?? ""
            outputs.withLock { $0[index] = output }
        }
        var result: [String: [String]] = [:]
        for image in images { result[image] = [] }
        for output in outputs.withLock({ $0 }) { parse(output, into: &result) }
        return result
    }

    /// zbarimg's XML: `<source href='file'>` then `<symbol …><data><![CDATA[text]]></data>`.
    private static func parse(_ xml: String, into result: inout [String: [String]]) {
        var source = ""
        var rest = Substring(xml)
        while let next = rest.range(of: "<source href='") {
            let block = rest[next.upperBound...]
            guard let quote = block.firstIndex(of: "'") else { break }
            source = String(block[..<quote])
            let end = block.range(of: "</source>")?.lowerBound ?? block.endIndex
            var symbols = block[quote..<end]
            while let open = symbols.range(of: "<data><![CDATA[") {
                let after = symbols[open.upperBound...]
                guard let close = after.range(of: "]]></data>") else { break }
                result[source, default: []].append(String(after[..<close.lowerBound]))
                symbols = after[close.upperBound...]
            }
            rest = block[end...]
        }
    }
}
