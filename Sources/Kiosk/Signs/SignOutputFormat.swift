/// The file formats signs are made in. PDF and SVG are vector (text as embedded fonts or glyph
/// outlines, QR modules as rectangles); PNG is a bitmap at a chosen resolution.
public enum SignOutputFormat: String, Sendable, CaseIterable {
    case pdf, svg, png

    public var mimeType: String {
        switch self {
        case .pdf: "application/pdf"
        case .svg: "image/svg+xml"
        case .png: "image/png"
        }
    }
}
