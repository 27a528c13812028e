import ZimKit

/// Finds an entry by the path a visitor asked for, accepting the paths older readers and
/// kiwix-serve 3.3.0 use: `A/Foo`, `I/img.png`, `-/style.css` on archives without namespaces.
enum EntryResolver {
    static func entry(_ path: String, in archive: Archive) -> Entry? {
        if let entry = try? archive.entry(path: path) { return entry }
        // Old namespaced path on a new-scheme archive: drop the one-letter namespace.
        let bytes = Array(path.utf8)
        if bytes.count > 2, bytes[1] == UInt8(ascii: "/"), isNamespace(bytes[0]) {
            return try? archive.entry(path: String(path.dropFirst(2)))
        }
        return nil
    }

    private static func isNamespace(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "-")
    }
}
