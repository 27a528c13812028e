import Foundation
import Synchronization

/// The gzip cache's second tier: every page compressed once in this run is appended to files in
/// the state folder, and read back — through the kernel's page cache — instead of being
/// decompressed from its cluster again.
///
/// Why: a page not in `CompressedBodyCache` costs decoding its ZIM cluster up to it (zstd, about
/// 1 ms for a 2 MiB cluster on the benchmark machine, several on a Pi) plus gzip; reading its
/// 8 KB back from a file costs microseconds. The files' pages live in the page cache, which the
/// kernel gives back under memory pressure (they are clean once written back): they never
/// count in the process's RSS and can't get it killed, unlike a bigger in-memory cache.
///
/// Bounded: `segmentBytes`-sized files, the oldest dropped (unlinked, its entries forgotten)
/// when the whole passes `budget`. Per run: the folder is emptied when the store opens, so a
/// power cut, an upgrade changing how pages are decorated, or a replaced book can never bring
/// back a stale body; each read checks the key stored after the body, so a damaged or reused
/// place in a file is a miss, never a wrong page. A write error (disk full, SD card failing)
/// stops the writes and is logged once; reads go on.
public final class SpilledBodyStore: Sendable {
    /// Where an entry is: its segment, the body's offset, the body's and the key's lengths.
    struct Location {
        let segment: Int
        let offset: Int
        let bodyCount: Int
        let keyCount: Int
    }

    struct State {
        var index: [UInt: Location] = [:]
        /// Oldest first; the last one is written to.
        var segments: [SpillSegment] = []
        /// The keys (hashes) each segment holds, to forget them when it is dropped.
        var keysOf: [Int: [UInt]] = [:]
        var writeOffset = 0
        var writing = true
        var lookups = 0
        var hits = 0
    }

    /// The folder of segment files (emptied at start).
    public let directory: String
    /// Maximum bytes on disk (rounded down to whole segments, at least two).
    public let budget: Int
    let segmentBytes: Int
    private let state = Mutex(State())
    private let log: Log

    /// Opens the store in `directory`, deleting what a previous run left there (also when the
    /// store is off); nil when `budget` is under two segments (0: off) or the folder can't be made
    /// (the kiosk then serves without the second tier).
    public init?(directory: String, budget: Int, segmentBytes: Int = 8 << 20, log: Log) {
        let files = FileManager.default
        try? files.removeItem(atPath: directory)
        guard budget >= 2 * segmentBytes else { return nil }
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                      attributes: [.posixPermissions: 0o700])
        } catch {
            log.warning("gzip pages on disk are off: cannot create \(directory): \(error.localizedDescription)")
            return nil
        }
        self.directory = directory
        self.budget = budget / segmentBytes * segmentBytes
        self.segmentBytes = segmentBytes
        self.log = log
    }

    /// The most the store takes by default: 256 MiB (about 30,000 real pages gzipped), and no more
    /// than a twentieth of the free space (`freeBytes`) the state folder has at start, so a
    /// nearly full card keeps its room for books and statistics; 0 (off) below two segments.
    public static func automaticBudget(freeBytes: UInt64, segmentBytes: Int = 8 << 20) -> Int {
        let budget = min(256 << 20, Int(clamping: freeBytes / 20))
        return budget >= 2 * segmentBytes ? budget : 0
    }

    /// The stored body for `key`, if this run wrote it and its segment is still kept.
    public func body(for key: String) -> [UInt8]? { body(for: key, hash: CompressedBodyCache.hash(key)) }

    /// `body(for:)` with the key's hash computed by the caller (`CompressedBodyCache` has it).
    func body(for key: String, hash: UInt) -> [UInt8]? {
        let found = state.withLock { state -> (Location, SpillSegment)? in
            state.lookups += 1
            guard let location = state.index[hash],
                  let first = state.segments.first?.number else { return nil }
            return (location, state.segments[location.segment - first])
        }
        guard let (location, segment) = found,
              var bytes = segment.read(location.bodyCount + location.keyCount, at: location.offset),
              bytes[location.bodyCount...].elementsEqual(key.utf8) else { return nil }
        bytes.removeLast(location.keyCount)
        state.withLock { $0.hits += 1 }
        return bytes
    }

    /// Appends `body` for `key` (a body bigger than a segment, or a key already stored, is not).
    public func append(_ body: [UInt8], for key: String) { append(body, for: key, hash: CompressedBodyCache.hash(key)) }

    /// `append(_:for:)` with the key's hash computed by the caller.
    func append(_ body: [UInt8], for key: String, hash: UInt) {
        let keyBytes = Array(key.utf8)
        let count = body.count + keyBytes.count
        guard count <= segmentBytes,
              let (segment, offset) = state.withLock({ reserve(count, hash: hash, in: &$0) }) else { return }
        if let error = segment.write(body + keyBytes, at: offset) {
            state.withLock { $0.writing = false }
            log.warning("gzip pages on disk: writing \(segment.path) failed (\(String(cString: strerror(error)))): "
                + "no more pages are written there until the next start")
            return
        }
        state.withLock { state in
            guard state.keysOf[segment.number] != nil else { return }  // dropped meanwhile
            state.index[hash] = Location(segment: segment.number, offset: offset, bodyCount: body.count,
                                         keyCount: keyBytes.count)
            state.keysOf[segment.number, default: []].append(hash)
        }
    }

    /// Room for `count` bytes in the segment being written: a new segment when it is full (the
    /// oldest dropped past the budget); nil when writing stopped or the key is stored already.
    private func reserve(_ count: Int, hash: UInt, in state: inout State) -> (SpillSegment, Int)? {
        guard state.writing, state.index[hash] == nil else { return nil }
        if state.segments.isEmpty || state.writeOffset + count > segmentBytes {
            let number = (state.segments.last?.number ?? 0) + 1
            guard let segment = SpillSegment(number: number, path: "\(directory)/segment-\(number)") else {
                state.writing = false
                log.warning("gzip pages on disk: cannot create a file in \(directory) (\(String(cString: strerror(errno)))): "
                    + "no more pages are written there until the next start")
                return nil
            }
            state.segments.append(segment)
            state.keysOf[number] = []
            state.writeOffset = 0
            while state.segments.count * segmentBytes > budget {
                drop(state.segments.removeFirst(), in: &state)
            }
        }
        defer { state.writeOffset += count }
        return (state.segments[state.segments.count - 1], state.writeOffset)
    }

    private func drop(_ segment: SpillSegment, in state: inout State) {
        for hash in state.keysOf.removeValue(forKey: segment.number) ?? []
        where state.index[hash]?.segment == segment.number {
            state.index[hash] = nil
        }
        unlink(segment.path)
    }

    /// Lookups since start and those answered from disk (the staff's Books page, the stop log).
    public var lookups: (all: Int, hits: Int) { state.withLock { ($0.lookups, $0.hits) } }

    /// About the bytes of the segment files kept now (a segment's unused tail counted), and the
    /// number of pages they hold.
    public var usage: (bytes: Int, pages: Int) {
        state.withLock { state in
            (max(0, state.segments.count - 1) * segmentBytes + state.writeOffset, state.index.count)
        }
    }
}
