import CCairo

/// A cairo surface that writes a PDF, SVG or PNG into memory, page by page, in points
/// (1/72 inch) whatever the format: PNG pages are scaled to `dpi`.
///
/// Not `Sendable`: one thread draws on one canvas.
final class SignCanvas {
    /// Receives the bytes cairo writes (PDF and SVG stream out while drawing).
    private final class Sink {
        var bytes: [UInt8] = []
    }

    let format: SignOutputFormat
    let widthPt: Double
    let heightPt: Double
    let dpi: Double
    private let sink = Sink()
    private var surface: OpaquePointer?
    /// The cairo context of the current page.
    private(set) var cr: OpaquePointer?
    /// PNG: one finished image per page.
    private var images: [[UInt8]] = []
    /// SVG: one document per page (cairo's SVG surface has a single page).
    private var documents: [[UInt8]] = []

    init(format: SignOutputFormat, widthPt: Double, heightPt: Double, dpi: Double = 300) throws(SignError) {
        self.format = format
        self.widthPt = widthPt
        self.heightPt = heightPt
        self.dpi = dpi
        try beginSurface()
    }

    deinit {
        if let cr { cairo_destroy(cr) }
        if let surface { cairo_surface_destroy(surface) }
    }

    private static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }

    private func beginSurface() throws(SignError) {
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(Self.write, closure, widthPt, heightPt)
            if let surface {
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "WikiKiosk")
            }
        case .svg:
            surface = cairo_svg_surface_create_for_stream(Self.write, closure, widthPt, heightPt)
        case .png:
            let scale = dpi / 72
            surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((widthPt * scale).rounded()),
                                                 Int32((heightPt * scale).rounded()))
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw SignError("cairo could not create a \(format.rawValue) surface")
        }
        cr = cairo_create(surface)
        if format == .png, let cr {
            cairo_scale(cr, dpi / 72, dpi / 72)
        }
    }

    /// Ends the current page and starts a new one.
    func nextPage() throws(SignError) {
        switch format {
        case .pdf:
            cairo_show_page(cr)
        case .svg, .png:
            try finishSurface()
            try beginSurface()
        }
    }

    private func finishSurface() throws(SignError) {
        guard let surface, let cr else { return }
        let status = cairo_status(cr)
        cairo_destroy(cr)
        self.cr = nil
        defer {
            cairo_surface_destroy(surface)
            self.surface = nil
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw SignError("drawing failed: \(String(cString: cairo_status_to_string(status)))")
        }
        switch format {
        case .pdf:
            cairo_surface_finish(surface)
        case .svg:
            cairo_surface_finish(surface)
            documents.append(sink.bytes)
            sink.bytes = []
        case .png:
            cairo_surface_flush(surface)
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            let written = cairo_surface_write_to_png_stream(surface, Self.write, closure)
            guard written == CAIRO_STATUS_SUCCESS else { throw SignError("the PNG could not be written") }
            images.append(sink.bytes)
            sink.bytes = []
        }
        let final = cairo_surface_status(surface)
        guard final == CAIRO_STATUS_SUCCESS else {
            throw SignError("cairo: \(String(cString: cairo_status_to_string(final)))")
        }
    }

    /// Finishes the document: one file for PDF (every page), one per page for SVG and PNG.
    func finish() throws(SignError) -> [[UInt8]] {
        try finishSurface()
        switch format {
        case .pdf: return [sink.bytes]
        case .svg: return documents
        case .png: return images
        }
    }
}
