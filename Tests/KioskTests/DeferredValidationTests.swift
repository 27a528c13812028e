import Foundation
import Synchronization
import Testing
@testable import Kiosk

/// A validator whose full check waits for the test to release it, then answers `fullAnswer`;
/// its quick check passes everything.
private final class HeldValidator: ArchiveValidating {
    let release = DispatchSemaphore(value: 0)
    let fullAnswer: String?
    let quickCalls = Atomic<Int>(0)

    init(fullAnswer: String?) { self.fullAnswer = fullAnswer }

    func problem(with path: String) -> String? {
        release.wait()
        return fullAnswer
    }

    func quickProblems(with paths: [String]) -> [String?] {
        quickCalls.add(1, ordering: .relaxed)
        return paths.map { _ in nil }
    }
}

/// A file with more entries than `BookLoader.deferFullCheckAboveEntries` is served after the quick
/// checks, and checked fully in the background (a Wikipedia's millions of entries take minutes to
/// check on a Pi): a failure then withdraws it.
@Suite("Deferred full check of big files")
struct DeferredValidationTests {
    private static let quiet = Log(minimumLevel: .error) { _ in }

    @Test func bigFileIsServedBeforeItsFullCheckAndWithdrawnWhenItFails() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = try Fixtures.writeBook(at: folder + "/big.zim")
        let validator = HeldValidator(fullAnswer: "DIRENT_ORDER failed: not sorted")
        let library = Library()
        let cache = ValidationCache(file: nil)
        let loader = BookLoader(library: library, validator: validator, cache: cache, log: Self.quiet,
                                deferFullCheckAboveEntries: 0)
        loader.load([path])
        #expect(library.book(named: "big") != nil, "served while the full check is still running")
        #expect(validator.quickCalls.load(ordering: .relaxed) == 1)

        validator.release.signal()
        loader.waitForDeferredChecks()
        #expect(library.book(named: "big") == nil)
        #expect(library.failure(atPath: path)?.reason == "DIRENT_ORDER failed: not sorted")
        #expect(!cache.hasPassed(path, fingerprint: try #require(FileFingerprint.of(path))))
    }

    @Test func smallFileIsStillCheckedFullyBeforeServing() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = try Fixtures.writeBook(at: folder + "/small.zim")
        let validator = HeldValidator(fullAnswer: "TITLE_INDEX failed")
        validator.release.signal()
        let library = Library()
        BookLoader(library: library, validator: validator, cache: ValidationCache(file: nil), log: Self.quiet).load([path])
        #expect(library.book(named: "small") == nil)
        #expect(library.failure(atPath: path)?.reason == "TITLE_INDEX failed")
        #expect(validator.quickCalls.load(ordering: .relaxed) == 0, "a few entries: no quick path")
    }

    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil))
    func passingFullCheckIsRememberedAndTheBookStays() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let path = try Fixtures.writeBook(at: folder + "/big.zim")
        let validator = ChildProcessValidator(executable: try #require(Fixtures.wikikioskExecutable), timeout: 60)
        let library = Library()
        let cache = ValidationCache(file: folder + "/validated.json")
        let loader = BookLoader(library: library, validator: validator, cache: cache, log: Self.quiet,
                                deferFullCheckAboveEntries: 0)
        loader.load([path])
        #expect(library.book(named: "big") != nil)
        loader.waitForDeferredChecks()
        #expect(library.book(named: "big") != nil)
        #expect(ValidationCache(file: folder + "/validated.json")
            .hasPassed(path, fingerprint: try #require(FileFingerprint.of(path))))
    }

    /// The corrupt reference files, all treated as big: those the quick checks miss are caught by
    /// the background check, and the process survives serving them in between.
    @Test(.enabled(if: Fixtures.sharedZimFolder != nil && Fixtures.wikikioskExecutable != nil))
    func corruptFilesAreStillReportedWhenTheFullCheckIsDeferred() throws {
        let shared = try #require(Fixtures.sharedZimFolder)
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(shared)/invalid").filter { $0.hasSuffix(".zim") }
        for name in names {
            try FileManager.default.copyItem(atPath: "\(shared)/invalid/\(name)", toPath: "\(folder)/\(name)")
        }
        let library = Library()
        let loader = BookLoader(
            library: library,
            validator: ChildProcessValidator(executable: try #require(Fixtures.wikikioskExecutable), timeout: 60),
            cache: ValidationCache(file: nil), log: Self.quiet, deferFullCheckAboveEntries: 0)
        loader.load(names.sorted().map { "\(folder)/\($0)" })
        for book in library.books {   // served for now: reading them must not crash the process
            _ = book.mainPagePath
            _ = try? book.archive.entry(path: "A/Nowhere")
        }
        loader.waitForDeferredChecks()
        #expect(library.books.isEmpty)
        #expect(library.failures.count == names.count)
    }
}
