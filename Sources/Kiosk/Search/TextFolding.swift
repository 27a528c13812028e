import Foundation

/// How titles and queries are compared: accents removed, lower case, punctuation as spaces.
///
/// "États-Unis" and "etats unis" both fold to "etats unis"; "L'École" to "l ecole";
/// "Œuvre" to "oeuvre". Used for the title index, for ranking and for the queries handed to
/// libzim (whose French index holds words without accents but which does not fold queries).
public enum TextFolding {
    /// The folded form of `text` (runs of non-letters/digits become one space; trimmed).
    public static func fold(_ text: String) -> String {
        if let folded = foldCommonUTF8(text.utf8) { return folded }
        return foldScalars(text)
    }

    /// The folded form of `text`, without copying it first when its characters are common ones.
    public static func fold(_ text: Substring) -> String {
        if let folded = foldCommonUTF8(text.utf8) { return folded }
        return foldScalars(String(text))
    }

    /// The same folding done on UTF-8 bytes, for text made only of ASCII, the Latin-1 letters of
    /// `latinTable`, œ/Œ, the Latin-1 punctuation and spaces (U+00A0-U+00BF but for ª µ º and the
    /// superscript digits and fractions; the soft hyphen is dropped) and U+2000-U+203F (spaces, dashes, quotes, zero-width
    /// formatting); nil for anything else, which `foldScalars` handles. French text is almost
    /// always covered, and this runs ~10× faster than going through Unicode scalars (snippets fold
    /// every word of the paragraphs they look at).
    static func foldCommonUTF8<Bytes: Collection<UInt8>>(_ utf8: Bytes) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        var index = utf8.startIndex
        func emit(_ bytes: some Sequence<UInt8>) {
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        while index != utf8.endIndex {
            let byte = utf8[index]
            utf8.formIndex(after: &index)
            if byte < 0x80 {
                switch byte {
                case 0x30...0x39, 0x61...0x7A: emit(CollectionOfOne(byte))
                case 0x41...0x5A: emit(CollectionOfOne(byte + 32))
                default: pendingSpace = !out.isEmpty
                }
                continue
            }
            guard index != utf8.endIndex else { return nil }
            let second = utf8[index]
            utf8.formIndex(after: &index)
            switch (byte, second) {
            case (0xC3, 0x80...0xBF):
                let base = latinBytes[Int(second - 0x80)]
                guard !base.isEmpty else { return nil }
                emit(base)
            case (0xC5, 0x92), (0xC5, 0x93):
                emit([0x6F, 0x65])  // "oe"
            case (0xC2, 0xA0...0xBF):
                switch second {
                case 0xAA, 0xB5, 0xBA, 0xB2, 0xB3, 0xB9, 0xBC...0xBE: return nil  // letters, digits
                case 0xAD: continue  // soft hyphen: formatting
                default: pendingSpace = !out.isEmpty  // NBSP, « », °, ©...
                }
            case (0xE2, 0x80):
                guard index != utf8.endIndex else { return nil }
                let third = utf8[index]
                utf8.formIndex(after: &index)
                switch third {
                case 0x8B...0x8F, 0xAA...0xAE: continue  // U+200B-200F, U+202A-202E: formatting
                case 0x80...0xBF: pendingSpace = !out.isEmpty  // spaces, dashes, quotes, "…"
                default: return nil
                }
            default:
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `latinTable` as UTF-8 bytes, indexed by the second byte of a `C3 xx` sequence minus 0x80.
    private static let latinBytes: [[UInt8]] = latinTable.map { Array($0.utf8) }

    /// Folding through Unicode scalars (any text).
    static func foldScalars(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        // French text: accented Latin-1 letters map straight to their base letters, without
        // Foundation's (slower) canonical decomposition.
        let isLatin = !isASCII && text.unicodeScalars.allSatisfy { $0.isASCII || latinBase($0) != nil }
        let scalars = isASCII || isLatin ? text.unicodeScalars : text.decomposedStringWithCanonicalMapping.unicodeScalars
        for scalar in scalars {
            if isLatin, let base = latinBase(scalar) {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(contentsOf: base.unicodeScalars)
                continue
            }
            if scalar.isASCII {
                let value = scalar.value
                let isDigit = (0x30...0x39).contains(value)
                let isUpper = (0x41...0x5A).contains(value)
                let isLower = (0x61...0x7A).contains(value)
                guard isDigit || isUpper || isLower else {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(isUpper ? Unicode.Scalar(value + 32)! : scalar)
                continue
            }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue  // the accents of a decomposed letter, zero-width joiners...
            default:
                break
            }
            guard properties.isAlphabetic || properties.numericType != nil else {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            switch scalar {
            case "œ", "Œ": out.append(contentsOf: "oe".unicodeScalars)
            case "æ", "Æ": out.append(contentsOf: "ae".unicodeScalars)
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            default: out.append(contentsOf: properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// Lower-case base letters of the precomposed Latin-1 letters and œ/Œ (what decomposing,
    /// dropping the accents and lower-casing gives); nil for every other scalar.
    static func latinBase(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        if value == 0x152 || value == 0x153 { return "oe" }
        guard value >= 0xC0, value <= 0xFF else { return nil }
        let base = latinTable[Int(value - 0xC0)]
        return base.isEmpty ? nil : base  // Ð × Ø Þ ð ÷ ø þ: no decomposition, left to the slow path
    }

    private static let latinTable: [String] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // C0-CF
        "", "n", "o", "o", "o", "o", "o", "", "", "u", "u", "u", "u", "y", "", "ss",      // D0-DF
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0-EF
        "", "n", "o", "o", "o", "o", "o", "", "", "u", "u", "u", "u", "y", "", "y",       // F0-FF
    ]

    /// The folded words of `text`.
    public static func words(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }
}
