/// The first real paragraph of an article's HTML, as plain text: tags stripped, entities
/// decoded, reference marks (`[1]`, `[note 2]`) and paragraphs inside tables (infoboxes) left
/// out.
public enum ArticleExtract {
    /// Paragraphs shorter than this (coordinates, "Pour les articles homonymes…") are skipped.
    static let minimumLength = 60

    /// The first paragraph of at least `minimumLength` characters, or the longest one found, or "".
    public static func firstParagraph(html: String) -> String {
        var best = ""
        for paragraph in paragraphs(html: html, limit: 12) {
            if paragraph.count >= minimumLength { return paragraph }
            if paragraph.count > best.count { best = paragraph }
        }
        return best
    }

    /// Up to `limit` paragraphs (`<p>` outside tables), as plain text.
    static func paragraphs(html: String, limit: Int) -> [String] {
        var out: [String] = []
        let bytes = Array(html.utf8)
        var i = 0
        var tableDepth = 0
        var skipUntil: [UInt8]? = nil  // inside <script>/<style>: the closing tag to wait for
        var current: [UInt8]? = nil     // inside <p>: its text so far
        var hiddenDepth = 0             // inside <sup class="reference"> and the like
        while i < bytes.count, out.count < limit {
            guard bytes[i] == UInt8(ascii: "<") else {
                if skipUntil == nil, hiddenDepth == 0, current != nil { current!.append(bytes[i]) }
                i += 1
                continue
            }
            guard let close = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let tag = Tag(bytes[(i + 1)..<close])
            i = close + 1
            if let waiting = skipUntil {
                if tag.isClosing && tag.name == waiting { skipUntil = nil }
                continue
            }
            switch tag.name {
            case Array("script".utf8), Array("style".utf8):
                if !tag.isClosing && !tag.isSelfClosing { skipUntil = tag.name }
            case Array("table".utf8):
                tableDepth += tag.isClosing ? -1 : 1
                tableDepth = max(0, tableDepth)
            case Array("p".utf8):
                if tag.isClosing {
                    if let text = current { 
                        let cleaned = clean(String(decoding: text, as: UTF8.self))
                        if !cleaned.isEmpty { out.append(cleaned) }
                    }
                    current = nil
                    hiddenDepth = 0
                } else if tableDepth == 0 {
                    current = []
                }
            case Array("sup".utf8):
                if current != nil {
                    if tag.isClosing { hiddenDepth = max(0, hiddenDepth - 1) } else if tag.raw.contains("reference") || hiddenDepth > 0 { hiddenDepth += 1 }
                }
            case Array("br".utf8):
                if current != nil, hiddenDepth == 0 { current!.append(UInt8(ascii: " ")) }
            default:
                break
            }
        }
        return out
    }

    /// Entities decoded, `[1]`-style marks removed, white space collapsed.
    static func clean(_ text: String) -> String {
        let decoded = HTMLEntities.decode(text)
        var out = ""
        var bracket: String? = nil
        for character in decoded {
            if var open = bracket {
                open.append(character)
                if character == "]" {
                    let inner = open.dropFirst().dropLast()
                    let isMark = inner.count <= 12 && (inner.allSatisfy(\.isNumber) || inner.hasPrefix("note") || inner.hasPrefix("n "))
                    if !isMark { out += open }
                    bracket = nil
                } else if open.count > 14 {
                    out += open
                    bracket = nil
                } else {
                    bracket = open
                }
                continue
            }
            if character == "[" { bracket = "["; continue }
            out.append(character)
        }
        if let open = bracket { out += open }
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// An HTML tag's name (lowercased bytes), whether it closes, and its raw text.
    private struct Tag {
        let name: [UInt8]
        let isClosing: Bool
        let isSelfClosing: Bool
        let raw: String

        init(_ inside: ArraySlice<UInt8>) {
            var body = inside
            isClosing = body.first == UInt8(ascii: "/")
            if isClosing { body = body.dropFirst() }
            isSelfClosing = body.last == UInt8(ascii: "/")
            name = Array(body.prefix { byte in
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            }.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 })
            raw = name == Array("sup".utf8) ? String(decoding: body, as: UTF8.self) : ""
        }
    }
}
