import Foundation

/// Links to other sites in an article (`<a href="https://…">`, `http://…`, `//host/…`), pointed
/// at the kiosk's offline-link page, which says the page is on the Internet and gives its
/// address as text and QR code (`OfflineLinkPage`). One pass over the page's bytes, which also
/// inserts the toolbar after `<body …>`. Comments, scripts and styles are copied untouched.
enum ExternalLinks {
    /// The offline-link page, with the original address as `source` (kiwix-serve's URL for it).
    static let catchPath = "/catch/external?source="

    /// Copies `page` into `out`, rewriting external `href`s of `<a>` and `<area>` (when
    /// `rewritingLinks`) and inserting `insert` right after the first `<body …>` tag.
    static func rewrite(_ page: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], insertingAfterBody insert: [UInt8],
                        rewritingLinks: Bool = true) {
        var scanner = Scanner(page: page)
        var copied = 0
        var bodyDone = insert.isEmpty
        if bodyDone && !rewritingLinks { out.append(contentsOf: page); return }
        while let tag = scanner.nextTag() {
            switch tag.name {
            case .body where !bodyDone:
                out.append(contentsOf: page[copied..<tag.end])
                out.append(contentsOf: insert)
                copied = tag.end
                bodyDone = true
            case .link where rewritingLinks:
                guard let value = scanner.hrefValue(in: tag), isExternal(page[value]) else { continue }
                out.append(contentsOf: page[copied..<value.lowerBound])
                out.append(contentsOf: replacement(for: page[value]).utf8)
                copied = value.upperBound
            default:
                continue
            }
        }
        out.append(contentsOf: page[copied..<page.count])
    }

    /// Whether an `href` value leaves the kiosk: `http:`, `https:` or protocol-relative.
    static func isExternal(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let rest = value.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if rest.starts(with: "//".utf8) { return true }
        for scheme in ["http://", "https://"] where rest.count >= scheme.utf8.count {
            if zip(rest, scheme.utf8).allSatisfy({ ($0 | 0x20) == $1 }) { return true }
        }
        return false
    }

    /// The offline-link page's address for a raw `href` value (character references decoded).
    static func replacement(for value: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var address = HTMLEntities.decode(String(decoding: value, as: UTF8.self))
        address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if address.hasPrefix("//") { address = "https:" + address }
        return catchPath + URLPath.encodeQueryValue(address)
    }
}
