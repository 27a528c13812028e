import CQRencode
import Foundation

/// A QR code symbol made by libqrencode: a square of dark and light modules, without the quiet zone.
public struct QRCode: Sendable, Equatable {
    /// Error-correction level: how much of the symbol may be dirty or damaged (L 7 %, M 15 %,
    /// Q 25 %, H 30 %). M is the default; Q or H for outdoor plaques.
    public enum Level: String, Sendable, CaseIterable {
        case L, M, Q, H

        var c: QRecLevel {
            switch self {
            case .L: QR_ECLEVEL_L
            case .M: QR_ECLEVEL_M
            case .Q: QR_ECLEVEL_Q
            case .H: QR_ECLEVEL_H
            }
        }
    }

    /// The quiet zone every QR code needs around it, in modules (ISO/IEC 18004).
    public static let quietZone = 4

    /// The text encoded.
    public let payload: String
    /// QR version (1…40): the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    /// Modules per side (quiet zone excluded).
    public let size: Int
    /// Row-major, `true` = dark.
    public let modules: [Bool]

    /// ECI assignment number of UTF-8 (ISO/IEC 18004, AIM ECI 26).
    static let utf8ECI: UInt32 = 26

    /// Encodes `payload`. ASCII text: libqrencode picks the smallest version and splits it into
    /// numeric, alphanumeric (`0-9 A-Z $%*+-./:` and space) and byte segments, so an uppercase
    /// URL stays small. Other text (a Wi-Fi name with accents): an ECI header declaring UTF-8, then
    /// the bytes, so readers don't guess another character set. Throws when the text does not fit
    /// in a version-40 symbol.
    public init(_ payload: String, level: Level = .M) throws(SignError) {
        guard !payload.isEmpty, !payload.utf8.contains(0) else {
            throw SignError("a QR code needs a non-empty text without NUL bytes")
        }
        let code: UnsafeMutablePointer<QRcode>?
        if payload.utf8.allSatisfy({ $0 < 0x80 }) {
            code = QRcode_encodeString(payload, 0, level.c, QR_MODE_8, 1)
        } else {
            code = Self.encodeUTF8(payload, level: level)
        }
        guard let code else {
            throw SignError("the text is too long for a QR code (\(payload.utf8.count) bytes): \(payload.prefix(60))…")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        self.payload = payload
        self.version = Int(code.pointee.version)
        self.size = width
        self.modules = data.map { $0 & 1 == 1 }
    }

    /// ECI 26 (UTF-8) then one byte segment; nil when it does not fit.
    private static func encodeUTF8(_ payload: String, level: Level) -> UnsafeMutablePointer<QRcode>? {
        guard let input = QRinput_new2(0, level.c) else { return nil }
        defer { QRinput_free(input) }
        let bytes = Array(payload.utf8)
        guard QRinput_appendECIheader(input, utf8ECI) == 0,
              QRinput_append(input, QR_MODE_8, Int32(bytes.count), bytes) == 0 else { return nil }
        return QRcode_encodeInput(input)
    }

    /// Whether the module at column `x`, row `y` is dark (false outside the symbol).
    public func isDark(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size && y < size && modules[y * size + x]
    }

    /// Modules per side with the quiet zone on both sides.
    public var sizeWithQuietZone: Int { size + 2 * Self.quietZone }

    /// Horizontal runs of dark modules, as (row, first column, length): drawn as one rectangle
    /// each, so the vector output is small and has no hairline seams between modules.
    public var darkRuns: [(y: Int, x: Int, length: Int)] {
        var runs: [(Int, Int, Int)] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y * size + x] else { x += 1; continue }
                let start = x
                while x < size, modules[y * size + x] { x += 1 }
                runs.append((y, start, x - start))
            }
        }
        return runs
    }
}
