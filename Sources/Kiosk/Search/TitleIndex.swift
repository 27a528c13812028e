import ZimKit

/// A book's titles folded (`TextFolding`) and sorted, for accent- and case-insensitive exact and
/// prefix title matching.
///
/// Memory: the folded titles' UTF-8 bytes (about the title length) plus 12 bytes per title
/// (offset, length, entry index): about 30 bytes per title, so 20,000 titles ≈ 0.6 MB and a
/// 2.6-million-article French Wikipedia ≈ 80 MB. Books with more titles than
/// `SearchSettings.titleIndexMaxTitles` get no index (search falls back to libzim's own title
/// matching), which keeps the kiosk within a Pi Zero's 512 MB.
public final class TitleIndex: Sendable {
    struct Slot: Sendable {
        let start: UInt32
        let length: UInt32
        let entry: UInt32
    }

    /// Every folded title, back to back.
    private let text: [UInt8]
    /// Sorted by folded title (bytes), then non-redirects first.
    private let slots: [Slot]

    /// Number of titles indexed.
    public var count: Int { slots.count }
    /// Approximate bytes held.
    public var memoryBytes: Int { text.count + slots.count * MemoryLayout<Slot>.stride }

    init(text: [UInt8], slots: [Slot]) {
        self.text = text
        self.slots = slots
    }

    /// Reads every title of `archive`'s title index (front articles in recent archives; `A/`
    /// entries in old namespaced ones). Nil when there are more than `maxTitles`.
    public static func build(archive: Archive, maxTitles: Int) -> TitleIndex? {
        let expected = Int(archive.hasNewNamespaceScheme ? archive.articleCount : archive.entryCount)
        guard expected <= maxTitles else { return nil }
        var text: [UInt8] = []
        var slots: [Slot] = []
        var redirects = Set<UInt32>()
        slots.reserveCapacity(expected)
        var position: UInt32 = 0
        while slots.count < maxTitles, let entry = try? archive.entry(atTitleIndex: position) {
            position += 1
            if !archive.hasNewNamespaceScheme && !entry.path.hasPrefix("A/") { continue }
            let folded = Array(TextFolding.fold(entry.title).utf8)
            guard !folded.isEmpty, folded.count < 4096, text.count + folded.count < Int(UInt32.max) else { continue }
            slots.append(Slot(start: UInt32(text.count), length: UInt32(folded.count), entry: entry.index))
            if entry.isRedirect { redirects.insert(entry.index) }
            text.append(contentsOf: folded)
        }
        let bytes = text
        slots.sort { a, b in
            let order = compare(bytes, a, b)
            if order != 0 { return order < 0 }
            let ar = redirects.contains(a.entry), br = redirects.contains(b.entry)
            if ar != br { return !ar }
            return a.entry < b.entry
        }
        return TitleIndex(text: text, slots: slots)
    }

    /// Entry indices whose folded title is exactly `folded` (non-redirects first).
    public func exact(_ folded: String, limit: Int = 8) -> [UInt32] {
        let key = Array(folded.utf8)
        var i = lowerBound(key)
        var out: [UInt32] = []
        while i < slots.count, out.count < limit, compare(slots[i], key) == 0 {
            out.append(slots[i].entry)
            i += 1
        }
        return out
    }

    /// Entry indices whose folded title starts with `folded`, shortest titles first within the
    /// first `scan` candidates in sorted order.
    public func withPrefix(_ folded: String, limit: Int, scan: Int = 512) -> [UInt32] {
        let key = Array(folded.utf8)
        guard !key.isEmpty else { return [] }
        var i = lowerBound(key)
        var found: [Slot] = []
        while i < slots.count, found.count < scan, hasPrefix(slots[i], key) {
            found.append(slots[i])
            i += 1
        }
        // Stable: equal lengths keep the sorted order.
        let ranked = found.enumerated().sorted { ($0.element.length, $0.offset) < ($1.element.length, $1.offset) }
        return ranked.prefix(limit).map(\.element.entry)
    }

    private func lowerBound(_ key: [UInt8]) -> Int {
        var low = 0, high = slots.count
        while low < high {
            let mid = (low + high) / 2
            if compare(slots[mid], key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func compare(_ slot: Slot, _ key: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { buffer in
            key.withUnsafeBufferPointer { k in
                let a = UnsafeBufferPointer(rebasing: buffer[Int(slot.start)..<Int(slot.start + slot.length)])
                return Self.compare(a, k)
            }
        }
    }

    private func hasPrefix(_ slot: Slot, _ key: [UInt8]) -> Bool {
        guard Int(slot.length) >= key.count else { return false }
        for (offset, byte) in key.enumerated() where text[Int(slot.start) + offset] != byte { return false }
        return true
    }

    private static func compare(_ text: [UInt8], _ a: Slot, _ b: Slot) -> Int {
        text.withUnsafeBufferPointer { buffer in
            compare(UnsafeBufferPointer(rebasing: buffer[Int(a.start)..<Int(a.start + a.length)]),
                    UnsafeBufferPointer(rebasing: buffer[Int(b.start)..<Int(b.start + b.length)]))
        }
    }

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
