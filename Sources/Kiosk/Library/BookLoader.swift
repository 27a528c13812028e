import Foundation
import ZimKit

/// Validates and opens ZIM files into a `Library`, reporting each failure once.
///
/// A file with many entries (a Wikipedia has millions) is served after the quick checks only,
/// and fully checked in the background: the per-entry checks take seconds per million entries
/// here, minutes on a Pi with an SD card, and the kiosk should not stay dark that long on its
/// first start. A file that then fails is withdrawn and reported like any other.
public struct BookLoader: Sendable {
    public let library: Library
    public let validator: any ArchiveValidating
    public let cache: ValidationCache
    public let log: Log
    /// Files whose header announces more entries than this are served after the quick checks and
    /// fully checked in the background (`Int.max`: never).
    public let deferFullCheckAboveEntries: Int
    /// The default: 100,000 entries take about half a second to check on a desktop core, some
    /// seconds on a Pi; below that, checking everything up front costs little.
    public static let defaultDeferThreshold = 100_000
    /// Background full checks still running (see `waitForDeferredChecks`).
    private let deferredChecks = DispatchGroup()

    public init(library: Library, validator: any ArchiveValidating, cache: ValidationCache, log: Log,
                deferFullCheckAboveEntries: Int = BookLoader.defaultDeferThreshold) {
        self.library = library
        self.validator = validator
        self.cache = cache
        self.log = log
        self.deferFullCheckAboveEntries = deferFullCheckAboveEntries
    }

    /// Blocks until the background full checks started so far are done (for tests and tools).
    public func waitForDeferredChecks() {
        deferredChecks.wait()
    }

    /// Validates, opens and adds the file at `path`; records and logs a failure instead.
    /// Returns the book when it loaded.
    @discardableResult
    public func load(_ path: String) -> Book? {
        guard let fingerprint = FileFingerprint.of(path) else {
            return fail(path, "the file can't be read (missing or no permission)", nil)
        }
        if !cache.hasPassed(path, fingerprint: fingerprint) {
            if let problem = validator.problem(with: path) {
                return fail(path, problem, fingerprint)
            }
            cache.recordPass(path, fingerprint: fingerprint)
        }
        return open(path, fingerprint)
    }

    /// Loads several files: the ones not validated before are checked in one batch (one child
    /// process for the lot, not one per file), then the good ones are opened on every core.
    public func load(_ paths: [String]) {
        var ready: [(path: String, fingerprint: FileFingerprint)] = []
        var unchecked: [(path: String, fingerprint: FileFingerprint)] = []
        for path in paths {
            guard let fingerprint = FileFingerprint.of(path) else {
                _ = fail(path, "the file can't be read (missing or no permission)", nil)
                continue
            }
            if cache.hasPassed(path, fingerprint: fingerprint) {
                ready.append((path, fingerprint))
            } else {
                unchecked.append((path, fingerprint))
            }
        }
        var small: [(path: String, fingerprint: FileFingerprint)] = []
        var large: [(path: String, fingerprint: FileFingerprint)] = []
        for file in unchecked {
            if Int(ZimFileHeader.read(file.path)?.entryCount ?? 0) > deferFullCheckAboveEntries {
                large.append(file)
            } else {
                small.append(file)
            }
        }
        let problems = validator.problems(with: small.map(\.path))
        var passed: [(path: String, fingerprint: FileFingerprint)] = []
        for (file, problem) in zip(small, problems) {
            if let problem {
                _ = fail(file.path, problem, file.fingerprint)
            } else {
                passed.append(file)
            }
        }
        cache.recordPasses(passed)
        ready += passed
        var deferred: [(path: String, fingerprint: FileFingerprint)] = []
        let quickProblems = large.isEmpty ? [] : validator.quickProblems(with: large.map(\.path))
        for (file, problem) in zip(large, quickProblems) {
            if let problem {
                _ = fail(file.path, problem, file.fingerprint)
            } else {
                deferred.append(file)
            }
        }
        let files = ready + deferred
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            _ = open(files[index].path, files[index].fingerprint)
        }
        if !deferred.isEmpty { checkInBackground(deferred) }
    }

    /// Runs the full checks on files already served; withdraws the ones that fail.
    private func checkInBackground(_ files: [(path: String, fingerprint: FileFingerprint)]) {
        for file in files {
            log.info("checking \(file.path) fully in the background (\(ZimFileHeader.read(file.path)?.entryCount ?? 0) entries)")
        }
        deferredChecks.enter()
        DispatchQueue.global(qos: .utility).async { [self] in
            defer { deferredChecks.leave() }
            var passed: [(path: String, fingerprint: FileFingerprint)] = []
            for (file, problem) in zip(files, validator.problems(with: files.map(\.path))) {
                // A file replaced meanwhile is the watcher's business (it reloads and re-checks it).
                guard library.book(atPath: file.path)?.fingerprint == file.fingerprint else { continue }
                if let problem {
                    _ = fail(file.path, problem, file.fingerprint)
                } else {
                    passed.append(file)
                    log.info("\(file.path) passed the full check")
                }
            }
            cache.recordPasses(passed)
        }
    }

    /// Opens a validated file and adds it to the library.
    private func open(_ path: String, _ fingerprint: FileFingerprint) -> Book? {
        let archive: Archive
        do {
            archive = try Archive(path: path)
        } catch {
            return fail(path, error.message, fingerprint)
        }
        let book = library.add({ Book(name: $0, archive: archive, fingerprint: fingerprint) },
                               preferredName: BookNaming.name(forFile: path), path: path)
        log.info("serving \(path) as /content/\(URLPath.encodeSegment(book.name)) (\(book.articleCount) articles)")
        return book
    }

    private func fail(_ path: String, _ reason: String, _ fingerprint: FileFingerprint?) -> Book? {
        library.recordFailure(LoadFailure(path: path, reason: reason, fingerprint: fingerprint))
        log.error("skipping \(path): \(reason)")
        return nil
    }
}
