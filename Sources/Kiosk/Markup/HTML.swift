/// A piece of HTML (or XML) in which every inserted `String` is escaped unless it is already
/// `HTML`. Pages are written as interpolated literals:
///
/// ```swift
/// let item: HTML = "<li><a href=\"\(link)\">\(title)</a></li>"
/// ```
///
/// `link` and `title` are `String`s, so `&`, `<`, `>`, `"` and `'` in them come out as entities;
/// a value that really is markup is an `HTML` (built the same way, or `HTML(trusted:)` for markup
/// the kiosk itself wrote, such as a style sheet). Forgetting to escape is therefore not possible
/// by omission: only `HTML(trusted:)` bypasses escaping, and it is easy to search for.
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup, ready to send.
    public private(set) var markup: String

    /// Markup the kiosk wrote itself (a style sheet, a script, a fragment from a trusted
    /// generator such as the SVG chart). Never use it for text that came from a request,
    /// a ZIM file or a configuration file.
    public init(trusted markup: String) { self.markup = markup }

    /// A literal in the source code is trusted: it is the page's own markup.
    public init(stringLiteral literal: String) { self.markup = literal }

    public init(stringInterpolation: StringInterpolation) { self.markup = stringInterpolation.markup }

    /// The empty fragment.
    public static let empty = HTML(trusted: "")

    public var description: String { markup }
    public var isEmpty: Bool { markup.isEmpty }

    /// The text escaped for element content and double- or single-quoted attribute values.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Appends another fragment.
    public mutating func append(_ other: HTML) { markup += other.markup }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.markup + rhs.markup) }

    public static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    /// Builds interpolated markup: literal parts as they are, `String`s escaped.
    public struct StringInterpolation: StringInterpolationProtocol {
        var markup: String

        public init(literalCapacity: Int, interpolationCount: Int) {
            markup = ""
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: Substring) { markup += HTML.escape(text) }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        /// Fragments one after the other.
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { markup += fragment.markup }
        }

        /// A number, in plain digits (formatted numbers for people come from the string catalog).
        public mutating func appendInterpolation<Number: BinaryInteger>(_ number: Number) {
            markup += String(number)
        }
    }
}

extension Array where Element == HTML {
    /// The fragments one after the other, with `separator` between them.
    public func joined(separator: HTML = .empty) -> HTML {
        var out = HTML.empty
        for (index, fragment) in enumerated() {
            if index > 0 { out += separator }
            out += fragment
        }
        return out
    }
}
