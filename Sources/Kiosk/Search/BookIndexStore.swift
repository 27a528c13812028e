import Foundation
import Synchronization

/// Where a book's search indexes live (its `TitleIndex`, its `SpellingDictionary`): built once
/// per ZIM, named by the ZIM's UUID and size (`key(of:)`), in the state folder's `indexes/`, then
/// mapped from there on every later start; a new edition of a ZIM has a new UUID, so its indexes
/// are built anew. The size is in the name because UUIDs are not always unique: a file from a
/// tool that leaves it unset carries the null UUID (libkiwix's test file `poor.zim` does), and
/// an index holds entry positions that mean nothing in another file.
/// Without a folder, an index is built into a temporary file that is removed as soon as it is
/// mapped (the mapping stays).
///
/// A file is written under a temporary name, flushed, then renamed: after a power cut there is
/// the old file, the new one or none, never a part; one that does not read back is built again.
public struct BookIndexStore: Sendable {
    /// Nil: temporary files only.
    public let directory: String?
    private let log: Log?

    /// A store in `directory` (nil: temporary files only).
    public init(directory: String?, log: Log? = nil) {
        self.directory = directory
        self.log = log
    }

    /// The index of kind `kind` ("titles", "spelling") of `book`: read by `open` from its file
    /// when there is a good one, else written by `build` to the path it is given, then opened.
    /// Nil when it can't be built.
    func index<Index>(of book: Book, kind: String, open: (MappedFile) -> Index?,
                      build: (String) throws -> Void) -> Index? {
        let folder = directory ?? NSTemporaryDirectory()
        let path = "\(folder)/\(Self.key(of: book)).\(kind)"
        if directory != nil, let mapped = MappedFile(path: path), let index = open(mapped) { return index }
        let temporary = path + ".tmp-\(getpid())-\(Self.counter.add(1, ordering: .relaxed).newValue)"
        defer { unlink(temporary) }
        let started = ContinuousClock.now
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try build(temporary)
        } catch {
            log?.warning("the \(kind) index of \(book.name) could not be built in \(folder): \(error)")
            return nil
        }
        guard directory != nil else { return MappedFile(path: temporary).flatMap(open) }
        guard rename(temporary, path) == 0, let mapped = MappedFile(path: path), let index = open(mapped) else {
            log?.warning("the \(kind) index of \(book.name) could not be stored as \(path)")
            return nil
        }
        log?.info("\(kind) index of \(book.name) built in \(started.duration(to: .now)): \(mapped.bytes.count / 1024) KiB")
        return index
    }

    private static let counter = Atomic<Int>(0)

    /// The name of `book`'s index files without the kind: its UUID and its size in bytes.
    public static func key(of book: Book) -> String {
        "\(book.id)-\(book.fileSize)"
    }

    /// Removes the index files of ZIMs whose `key(of:)` is not in `keys` that were built more than
    /// `age` seconds ago (an index built lately may belong to a book still being checked at
    /// start-up; a replaced monthly edition's is older). Nothing without a folder; files being
    /// written are left alone.
    func removeIndexes(keeping keys: Set<String>, olderThan age: TimeInterval = 7 * 86_400) {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let now = Date().timeIntervalSince1970
        for name in names where !name.contains(".tmp-") {
            guard let key = name.split(separator: ".").first, !keys.contains(String(key)) else { continue }
            var info = stat()
            guard stat("\(directory)/\(name)", &info) == 0, now - Double(info.st_mtim.tv_sec) > age else { continue }
            unlink("\(directory)/\(name)")
        }
    }
}
