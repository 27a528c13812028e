/// The paper a sign is printed on: one sign per page (A4, A5, A6), or several per A4 sheet with
/// cut marks (`sticker-sheet`).
public enum PaperFormat: String, Sendable, CaseIterable {
    case a4 = "A4"
    case a5 = "A5"
    case a6 = "A6"
    case stickerSheet = "sticker-sheet"

    /// Points per millimetre (1 pt = 1/72 inch).
    public static let pointsPerMM = 72.0 / 25.4

    /// Parses "A4", "a6", "sticker-sheet", "stickers".
    public init?(name: String) {
        switch name.lowercased() {
        case "a4": self = .a4
        case "a5": self = .a5
        case "a6": self = .a6
        case "sticker-sheet", "stickers", "sticker": self = .stickerSheet
        default: return nil
        }
    }

    /// The page size in millimetres (portrait).
    public var pageMM: (width: Double, height: Double) {
        switch self {
        case .a4, .stickerSheet: (210, 297)
        case .a5: (148, 210)
        case .a6: (105, 148)
        }
    }

    /// Signs per page as (columns, rows).
    public var grid: (columns: Int, rows: Int) {
        self == .stickerSheet ? (2, 3) : (1, 1)
    }

    /// One sign's size in millimetres: the page, or a sticker (95 × 90 mm).
    public var signMM: (width: Double, height: Double) {
        self == .stickerSheet ? (95, 90) : pageMM
    }

    public var signsPerPage: Int { grid.columns * grid.rows }

    /// The usual scanning distance in centimetres: a plaque read from a step back, a sticker up
    /// close. The QR code's side is about a tenth of it (see `SignTemplate`).
    public var defaultScanDistanceCM: Double {
        switch self {
        case .a4: 70
        case .a5: 50
        case .a6: 35
        case .stickerSheet: 25
        }
    }

    /// The origin (mm) of sign `slot` on its page: centred, the sheet's margins for stickers.
    public func origin(ofSlot slot: Int) -> (x: Double, y: Double) {
        guard self == .stickerSheet else { return (0, 0) }
        let (columns, rows) = grid
        let marginX = (pageMM.width - Double(columns) * signMM.width) / 2
        let marginY = (pageMM.height - Double(rows) * signMM.height) / 2
        return (marginX + Double(slot % columns) * signMM.width, marginY + Double(slot / columns) * signMM.height)
    }
}
