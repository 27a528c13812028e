/// Decodes the HTML character references found in article text: numeric ones (`&#233;`,
/// `&#xE9;`) and the named ones Wikipedia pages use.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "agrave": "à", "acirc": "â", "ccedil": "ç",
        "ocirc": "ô", "ucirc": "û", "icirc": "î", "iuml": "ï", "euml": "ë", "ugrave": "ù",
        "Eacute": "É", "oelig": "œ", "OElig": "Œ", "deg": "°", "middot": "·", "times": "×", "shy": "",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "lrm": "", "rlm": "", "copy": "©",
    ]

    /// `text` with its character references decoded; unknown or unterminated ones stay as they
    /// are. Scans UTF-8 bytes (search snippets decode a dozen paragraphs per result).
    static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "&")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "&"),
                  let semicolon = bytes[(i + 1)..<min(bytes.count, i + 13)].firstIndex(of: UInt8(ascii: ";")),
                  let value = reference(Substring(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self))
            else {
                out.append(bytes[i])
                i += 1
                continue
            }
            out.append(contentsOf: value.utf8)
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func reference(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[String(name)]
    }
}
