/// The CLDR plural categories (<https://cldr.unicode.org/index/cldr-spec/plural-rules>): which
/// form of a word a count takes in a language. French says "0 article, 1 article, 2 articles"
/// (0 and 1 are `one`), English "0 articles, 1 article", Ukrainian has `one`, `few` and `many`,
/// Arabic all six.
///
/// A translation gives the forms as separate keys, `landing.book.count[one]`,
/// `landing.book.count[other]`…; `other` is required, the rest are used when present.
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The category of the whole number `n` in `language` (a BCP 47 primary subtag), following
    /// CLDR 44's cardinal rules for integers. Languages not listed use the English rule (one
    /// for 1, other otherwise), which CLDR gives to most languages of Europe.
    public static func of(_ n: Int, language: String) -> PluralCategory {
        let n = n.magnitude
        let mod10 = n % 10, mod100 = n % 100
        switch language {
        case "fr", "pt", "hy", "ff", "kab":
            // i = 0,1 → one (CLDR's `many` for 1e6 applies only to compact and exponent forms).
            return n <= 1 ? .one : .other
        case "uk", "ru", "be":
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "pl":
            if n == 1 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "cs", "sk":
            if n == 1 { return .one }
            return (2...4).contains(n) ? .few : .other
        case "ar":
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(mod100) { return .few }
                if (11...99).contains(mod100) { return .many }
                return .other
            }
        case "he":
            if n == 1 { return .one }
            return n == 2 ? .two : .other
        case "br":
            // Breton: 1, 21, 31… one; 2, 22… two; 3-4, 9 (not in the teens, 70s, 90s) few; millions many.
            let notTeensOr70sOr90s = !(10...19).contains(mod100) && !(70...79).contains(mod100) && !(90...99).contains(mod100)
            if mod10 == 1 && ![11, 71, 91].contains(mod100) { return .one }
            if mod10 == 2 && ![12, 72, 92].contains(mod100) { return .two }
            if [3, 4, 9].contains(mod10) && notTeensOr70sOr90s { return .few }
            if n != 0 && n % 1_000_000 == 0 { return .many }
            return .other
        case "ja", "zh", "ko", "vi", "th", "id", "ms", "wo", "yo":
            return .other
        default:
            return n == 1 ? .one : .other
        }
    }
}
