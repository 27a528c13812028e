/// A value put into a catalog text in place of `{name}`.
public enum TextArgument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// Words: inserted as they are.
    case text(String)
    /// A count: written with the language's digit grouping ("1 234" in French, "1,234" in
    /// English) and, for `{count}`, choosing the plural form.
    case number(Int)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }

    /// The value as a person reads it in `language`.
    func formatted(in language: String) -> String {
        switch self {
        case .text(let text): return text
        case .number(let number): return NumberText.grouped(number, language: language)
        }
    }
}

/// Whole numbers written with the thousands separator of a language (CLDR's for the languages
/// the kiosk ships; a comma elsewhere).
public enum NumberText {
    /// `1234567` → "1 234 567" (French, narrow no-break spaces), "1,234,567" (English)…
    public static func grouped(_ number: Int, language: String) -> String {
        let digits = String(number.magnitude)
        let separator: String
        var minimumDigits = 4
        switch language {
        case "fr", "br", "oc", "co", "eu": separator = "\u{202F}"
        case "uk", "ru", "be", "pl", "cs", "sk", "sv", "fi", "nb", "no": separator = "\u{00A0}"
        case "de", "nl", "it", "pt", "da", "tr", "id": separator = "."
        case "es", "ca", "gl":
            separator = "."
            minimumDigits = 5
        default: separator = ","
        }
        guard digits.count >= minimumDigits else { return number < 0 ? "-" + digits : digits }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return number < 0 ? "-" + out : out
    }
}
