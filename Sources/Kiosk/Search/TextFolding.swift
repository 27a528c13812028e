import Foundation

/// How titles and queries are compared: accents removed, lower case, punctuation as spaces.
///
/// "États-Unis" and "etats unis" both fold to "etats unis"; "L'École" to "l ecole";
/// "Œuvre" to "oeuvre". Used for the title index, for ranking and for the queries handed to
/// libzim (whose French index holds words without accents but which does not fold queries).
public enum TextFolding {
    /// The folded form of `text` (runs of non-letters/digits become one space; trimmed).
    public static func fold(_ text: String) -> String {
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
