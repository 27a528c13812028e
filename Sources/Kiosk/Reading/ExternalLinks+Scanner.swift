import Foundation

extension ExternalLinks {
    /// A tag found in the page: which kind matters here, where it ends (after `>`), and where
    /// its attributes are.
    struct Tag {
        enum Name { case body, link, other }
        let name: Name
        let attributes: Range<Int>
        let end: Int
    }

    /// Walks the tags of a page: skips comments and the contents of `<script>` and `<style>`;
    /// a `>` inside a quoted attribute value does not end a tag.
    struct Scanner {
        let page: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func nextTag() -> Tag? {
            let count = page.count
            while position < count {
                guard let open = find(UInt8(ascii: "<"), from: position) else { position = count; return nil }
                let nameStart = open + 1
                if starts(with: "!--", at: nameStart) {
                    position = find("-->", from: nameStart + 3).map { $0 + 3 } ?? count
                    continue
                }
                var nameEnd = nameStart
                while nameEnd < count, isLetter(page[nameEnd]) || (nameEnd > nameStart && isDigit(page[nameEnd])) { nameEnd += 1 }
                guard nameEnd > nameStart, nameEnd < count, isNameEnd(page[nameEnd]) else { position = nameStart; continue }
                guard let close = tagEnd(from: nameEnd) else { position = count; return nil }
                position = close + 1
                // Names compared in place: a page has ~1,000 tags, and a String per tag was a
                // third of the decoration's time.
                let name = nameStart..<nameEnd
                let raw: StaticString? = named(name, "script") ? "script" : named(name, "style") ? "style" : nil
                if let raw {
                    position = find("</\(raw)", from: position, ignoringCase: true) ?? count
                    continue
                }
                let kind: Tag.Name = named(name, "body") ? .body : (named(name, "a") || named(name, "area")) ? .link : .other
                return Tag(name: kind, attributes: nameEnd..<close, end: close + 1)
            }
            return nil
        }

        /// The range of the `href` attribute's value, quotes excluded.
        func hrefValue(in tag: Tag) -> Range<Int>? {
            var i = tag.attributes.lowerBound
            let end = tag.attributes.upperBound
            while i < end {
                while i < end, isSpace(page[i]) || page[i] == UInt8(ascii: "/") { i += 1 }
                let nameStart = i
                while i < end, !isSpace(page[i]), page[i] != UInt8(ascii: "="), page[i] != UInt8(ascii: "/") { i += 1 }
                let name = nameStart..<i
                while i < end, isSpace(page[i]) { i += 1 }
                guard i < end, page[i] == UInt8(ascii: "=") else { continue }
                i += 1
                while i < end, isSpace(page[i]) { i += 1 }
                var value = i..<i
                if i < end, page[i] == UInt8(ascii: "\"") || page[i] == UInt8(ascii: "'") {
                    let quote = page[i]
                    let valueStart = i + 1
                    i = valueStart
                    while i < end, page[i] != quote { i += 1 }
                    value = valueStart..<i
                    i += 1
                } else {
                    let valueStart = i
                    while i < end, !isSpace(page[i]) { i += 1 }
                    value = valueStart..<i
                }
                if named(name, "href") { return value }
            }
            return nil
        }

        private func tagEnd(from start: Int) -> Int? {
            var quote: UInt8 = 0
            var i = start
            while i < page.count {
                let byte = page[i]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return i
                }
                i += 1
            }
            return nil
        }

        private func find(_ byte: UInt8, from start: Int) -> Int? {
            guard start < page.count, let base = page.baseAddress,
                  let found = memchr(base + start, Int32(byte), page.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        private func find(_ text: String, from start: Int, ignoringCase: Bool = false) -> Int? {
            let needle = Array(text.utf8)
            guard let first = needle.first else { return nil }
            var i = start
            while let at = find(first, from: i) {
                if at + needle.count > page.count { return nil }
                if starts(with: text, at: at, ignoringCase: ignoringCase) { return at }
                i = at + 1
            }
            return nil
        }

        private func starts(with text: String, at index: Int, ignoringCase: Bool = false) -> Bool {
            var i = index
            for byte in text.utf8 {
                guard i < page.count else { return false }
                let actual = ignoringCase && isLetter(page[i]) ? page[i] | 0x20 : page[i]
                guard actual == byte else { return false }
                i += 1
            }
            return true
        }

        /// Whether the bytes in `range` spell `lowercase` (a name in lower case ASCII), in any case.
        private func named(_ range: Range<Int>, _ lowercase: StaticString) -> Bool {
            guard range.count == lowercase.utf8CodeUnitCount else { return false }
            let expected = lowercase.utf8Start
            for offset in 0..<range.count where page[range.lowerBound + offset] | 0x20 != expected[offset] { return false }
            return true
        }

        private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
        private func isNameEnd(_ byte: UInt8) -> Bool { isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") }
    }
}
