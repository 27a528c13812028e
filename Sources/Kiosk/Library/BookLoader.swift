import Foundation
import ZimKit

/// Validates and opens ZIM files into a `Library`, reporting each failure once.
public struct BookLoader: Sendable {
    public let library: Library
    public let validator: any ArchiveValidating
    public let cache: ValidationCache
    public let log: Log

    public init(library: Library, validator: any ArchiveValidating, cache: ValidationCache, log: Log) {
        self.library = library
        self.validator = validator
        self.cache = cache
        self.log = log
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
        let problems = validator.problems(with: unchecked.map(\.path))
        var passed: [(path: String, fingerprint: FileFingerprint)] = []
        for (file, problem) in zip(unchecked, problems) {
            if let problem {
                _ = fail(file.path, problem, file.fingerprint)
            } else {
                passed.append(file)
            }
        }
        cache.recordPasses(passed)
        ready += passed
        let files = ready
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            _ = open(files[index].path, files[index].fingerprint)
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
