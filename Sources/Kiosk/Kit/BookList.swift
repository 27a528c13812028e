import Foundation

/// The books of a kit as a tab-separated list: name, file, size in bytes, UUID, the ZIM's own
/// MD5 (from its header's checksum position), title — what the next kiosk needs to find and
/// check the same files.
struct BookList {
    let books: [Book]

    var tsv: String {
        var lines = ["name\tfile\tsize\tuuid\tmd5\ttitle"]
        for book in books {
            let fields = [book.name, (book.path as NSString).lastPathComponent, String(book.fileSize), book.id,
                          Self.md5(of: book.path) ?? "", book.title]
            lines.append(fields.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The names listed in a kit's `books.tsv`.
    static func names(tsv: String) -> [String] {
        tsv.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
    }

    /// The MD5 a ZIM stores at its header's checksum position (bytes 72–79), in hex.
    static func md5(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 80), header.count == 80 else { return nil }
        let position = header[72..<80].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard (try? handle.seek(toOffset: position)) != nil, let digest = try? handle.read(upToCount: 16), digest.count == 16 else {
            return nil
        }
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
