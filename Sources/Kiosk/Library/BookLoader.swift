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

    /// Loads several files at once, using every core (validation runs in child processes).
    public func load(_ paths: [String]) {
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            load(paths[index])
        }
    }

    private func fail(_ path: String, _ reason: String, _ fingerprint: FileFingerprint?) -> Book? {
        library.recordFailure(LoadFailure(path: path, reason: reason, fingerprint: fingerprint))
        log.error("skipping \(path): \(reason)")
        return nil
    }
}
