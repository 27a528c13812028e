import Foundation
import ZimKit

/// Writes a book's `TitleIndex` file with bounded memory, whatever the number of titles: the
/// titles are read in the archive's order, folded, sorted in chunks written to temporary run
/// files, and the runs merged into the index (an external merge sort). Memory: one chunk
/// (`chunkTitles` titles, about 10 MB for 256 Ki titles) plus a read buffer per run.
///
/// File layout (version 1, little-endian): "WKTITLE1", u32 version, u32 title count, u32 text
/// bytes, 12 bytes reserved; u32 start offset of each title in the text, and the text's end;
/// u32 entry index of each title; the folded titles' UTF-8, back to back, in sorted order.
enum TitleIndexBuilder {
    static let magic: [UInt8] = Array("WKTITLE1".utf8)
    static let version: UInt32 = 1
    static let headerSize = 32
    /// Folded titles longer than this are left out (no one types them).
    static let maximumTitleBytes = 4095

    /// One title in a chunk or a run.
    struct Record {
        var bytes: [UInt8]
        var isRedirect: Bool
        var entry: UInt32

        /// The index's order: bytes, then articles before redirects, then entry index.
        static func precedes(_ a: Record, _ b: Record) -> Bool {
            let order = a.bytes.withUnsafeBytes { x in b.bytes.withUnsafeBytes { y in compareBytes(x, y) } }
            if order != 0 { return order < 0 }
            if a.isRedirect != b.isRedirect { return !a.isRedirect }
            return a.entry < b.entry
        }
    }

    enum Failure: Error, CustomStringConvertible {
        case io(String, Int32)
        case tooLarge

        var description: String {
            switch self {
            case .io(let what, let code): "\(what): \(String(cString: strerror(code)))"
            case .tooLarge: "the folded titles exceed 4 GiB"
            }
        }
    }

    /// Writes the index of `archive`'s titles (articles of old namespaced archives) to `path`
    /// and returns the number of titles. Temporary runs go to `path`'s folder and are removed.
    @discardableResult
    static func write(archive: Archive, to path: String, chunkTitles: Int = 1 << 18) throws -> Int {
        let runFolder = path + ".runs"
        try? FileManager.default.removeItem(atPath: runFolder)
        try FileManager.default.createDirectory(atPath: runFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: runFolder) }
        var runs: [String] = []
        var chunk: [Record] = []
        chunk.reserveCapacity(chunkTitles)
        var count = 0, textBytes = 0
        func flush() throws {
            guard !chunk.isEmpty else { return }
            chunk.sort(by: Record.precedes)
            let run = runFolder + "/\(runs.count)"
            try RunFile.write(chunk, to: run)
            runs.append(run)
            chunk.removeAll(keepingCapacity: true)
        }
        var position: UInt32 = 0
        while let entry = try? archive.entry(atTitleIndex: position) {
            position += 1
            if !archive.hasNewNamespaceScheme && !entry.path.hasPrefix("A/") { continue }
            let folded = Array(TextFolding.fold(entry.title).utf8)
            guard !folded.isEmpty, folded.count <= maximumTitleBytes else { continue }
            chunk.append(Record(bytes: folded, isRedirect: entry.isRedirect, entry: entry.index))
            count += 1
            textBytes += folded.count
            if chunk.count == chunkTitles { try flush() }
        }
        try flush()
        guard textBytes < Int(UInt32.max) else { throw Failure.tooLarge }
        try merge(runs, count: count, textBytes: textBytes, into: path)
        return count
    }

    /// Merges the sorted `runs` into the index file at `path`.
    private static func merge(_ runs: [String], count: Int, textBytes: Int, into path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure.io("open \(path)", errno) }
        defer { close(descriptor) }
        let startsOffset = headerSize, entriesOffset = headerSize + (count + 1) * 4
        let textOffset = entriesOffset + count * 4
        let starts = SectionWriter(descriptor, at: startsOffset)
        let entries = SectionWriter(descriptor, at: entriesOffset)
        let text = SectionWriter(descriptor, at: textOffset)
        let readers = try runs.map(RunFile.Reader.init)
        var heads = readers.map { $0.next() }
        var written: UInt32 = 0
        while true {
            var best = -1
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if best < 0 || Record.precedes(head, heads[best]!) { best = index }
            }
            guard best >= 0, let record = heads[best] else { break }
            try starts.append(written)
            try entries.append(record.entry)
            try text.append(record.bytes)
            written += UInt32(record.bytes.count)
            heads[best] = readers[best].next()
        }
        try starts.append(written)
        for section in [starts, entries, text] { try section.flush() }
        var header = magic
        for value in [version, UInt32(count), UInt32(textBytes), 0, 0, 0] {
            withUnsafeBytes(of: value.littleEndian) { header += $0 }
        }
        guard pwrite(descriptor, header, header.count, 0) == header.count else { throw Failure.io("write \(path)", errno) }
        guard fsync(descriptor) == 0 else { throw Failure.io("fsync \(path)", errno) }
    }
}

/// A sorted run of titles on disk: per title, u16 length, u8 redirect flag, u32 entry, bytes.
private enum RunFile {
    static func write(_ records: [TitleIndexBuilder.Record], to path: String) throws {
        guard let file = fopen(path, "wb") else { throw TitleIndexBuilder.Failure.io("create \(path)", errno) }
        defer { fclose(file) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        for record in records {
            withUnsafeBytes(of: UInt16(record.bytes.count).littleEndian) { buffer += $0 }
            buffer.append(record.isRedirect ? 1 : 0)
            withUnsafeBytes(of: record.entry.littleEndian) { buffer += $0 }
            buffer += record.bytes
            if buffer.count >= 1 << 16 {
                guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { throw TitleIndexBuilder.Failure.io("write \(path)", errno) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        guard fwrite(buffer, 1, buffer.count, file) == buffer.count, fflush(file) == 0 else {
            throw TitleIndexBuilder.Failure.io("write \(path)", errno)
        }
    }

    /// Reads a run's records in order.
    final class Reader {
        private let file: UnsafeMutablePointer<FILE>

        init(_ path: String) throws {
            guard let file = fopen(path, "rb") else { throw TitleIndexBuilder.Failure.io("open \(path)", errno) }
            self.file = file
        }

        deinit { fclose(file) }

        func next() -> TitleIndexBuilder.Record? {
            var header = [UInt8](repeating: 0, count: 7)
            guard fread(&header, 1, 7, file) == 7 else { return nil }
            let length = Int(header[0]) | Int(header[1]) << 8
            let entry = UInt32(header[3]) | UInt32(header[4]) << 8 | UInt32(header[5]) << 16 | UInt32(header[6]) << 24
            var bytes = [UInt8](repeating: 0, count: length)
            guard fread(&bytes, 1, length, file) == length else { return nil }
            return TitleIndexBuilder.Record(bytes: bytes, isRedirect: header[2] == 1, entry: entry)
        }
    }
}
