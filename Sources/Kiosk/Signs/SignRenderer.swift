import CCairo
import CPango
import Foundation

/// Turns signs into files: one sign per page (A4, A5, A6) or six per A4 sheet with cut marks
/// (`sticker-sheet`). PDF gives one document with every page; SVG and PNG one file per page.
public struct SignRenderer: Sendable {
    public var template: SignTemplate
    public var paper: PaperFormat
    public var format: SignOutputFormat
    /// PNG resolution.
    public var dpi: Double
    /// Scanning distance in centimetres (the QR code's side is about a tenth of it).
    public var distanceCM: Double
    /// Written big and diagonally across each sign (the staff area's previews say "APERÇU"), so
    /// a preview is never printed for a sign the catalogue doesn't know.
    public var watermark: String?

    public init(template: SignTemplate = SignTemplate(), paper: PaperFormat = .a6, format: SignOutputFormat = .pdf,
                dpi: Double = 300, distanceCM: Double? = nil) {
        self.template = template
        self.paper = paper
        self.format = format
        self.dpi = dpi
        self.distanceCM = distanceCM ?? template.scanDistance(for: paper)
    }

    /// The pages (PNG, SVG) or the document (PDF) for `signs`, in order.
    public func render(_ signs: [SignContent]) throws(SignError) -> [[UInt8]] {
        guard !signs.isEmpty else { return [] }
        let mm = PaperFormat.pointsPerMM
        let canvas = try SignCanvas(format: format, widthPt: paper.pageMM.width * mm, heightPt: paper.pageMM.height * mm,
                                    dpi: dpi)
        let perPage = paper.signsPerPage
        for (index, sign) in signs.enumerated() {
            let slot = index % perPage
            if slot == 0 && index > 0 { try canvas.nextPage() }
            guard let cr = canvas.cr else { throw SignError("no drawing context") }
            if slot == 0 {
                cairo_set_source_rgb(cr, 1, 1, 1)
                cairo_paint(cr)
                if paper == .stickerSheet { drawCutMarks(cr) }
            }
            let origin = paper.origin(ofSlot: slot)
            let painter = SignPainter(cr: cr, text: SignText(cr: cr), template: template,
                                      pixelsPerPoint: format == .png ? dpi / 72 : nil)
            try painter.paint(sign, x: origin.x * mm, y: origin.y * mm, width: paper.signMM.width * mm,
                              height: paper.signMM.height * mm, distanceCM: distanceCM)
            if let watermark {
                drawWatermark(watermark, cr, x: origin.x * mm, y: origin.y * mm, width: paper.signMM.width * mm,
                              height: paper.signMM.height * mm)
            }
        }
        return try canvas.finish()
    }

    /// `text` in translucent red along the sign's diagonal, over the QR codes.
    private func drawWatermark(_ text: String, _ cr: OpaquePointer, x: Double, y: Double, width: Double, height: Double) {
        cairo_save(cr)
        cairo_translate(cr, x + width / 2, y + height / 2)
        cairo_rotate(cr, -atan2(height, width))
        cairo_set_source_rgba(cr, 0.75, 0.05, 0.05, 0.45)
        let diagonal = (width * width + height * height).squareRoot()
        let writer = SignText(cr: cr)
        let block = writer.fitted(text, SignText.Style(family: template.font, size: diagonal / 9, bold: true,
                                                        alignment: PANGO_ALIGN_CENTER),
                                  width: diagonal * 0.85, maxLines: 2, minimumSize: diagonal / 30)
        writer.draw(block, x: -diagonal * 0.85 / 2, y: -block.height / 2)
        cairo_restore(cr)
    }

    /// Cut marks around the sticker grid, in the sheet's margins: short lines in line with every
    /// cut, kept 2 mm away from the stickers.
    private func drawCutMarks(_ cr: OpaquePointer) {
        let mm = PaperFormat.pointsPerMM
        let (columns, rows) = paper.grid
        let first = paper.origin(ofSlot: 0)
        let left = first.x, top = first.y
        let right = left + Double(columns) * paper.signMM.width
        let bottom = top + Double(rows) * paper.signMM.height
        let offset = 2.0, length = min(6.0, left - 3, top - 3)
        cairo_save(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, 0.25)
        for column in 0...columns {
            let x = (left + Double(column) * paper.signMM.width) * mm
            cairo_move_to(cr, x, (top - offset - length) * mm); cairo_line_to(cr, x, (top - offset) * mm)
            cairo_move_to(cr, x, (bottom + offset) * mm); cairo_line_to(cr, x, (bottom + offset + length) * mm)
        }
        for row in 0...rows {
            let y = (top + Double(row) * paper.signMM.height) * mm
            cairo_move_to(cr, (left - offset - length) * mm, y); cairo_line_to(cr, (left - offset) * mm, y)
            cairo_move_to(cr, (right + offset) * mm, y); cairo_line_to(cr, (right + offset + length) * mm, y)
        }
        cairo_stroke(cr)
        cairo_restore(cr)
    }
}
