import Foundation
import Testing
@testable import Kiosk

/// Collects log lines for assertions.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var log: Log { Log(minimumLevel: .debug) { [self] line in lock.withLock { lines.append(line) } } }
    var all: [String] { lock.withLock { lines } }
}

@Suite("Library, watcher and corrupt files")
struct LibraryTests {
    /// The server's validator when the wikikiosk binary was built, else the in-process one.
    static var validator: any ArchiveValidating {
        Fixtures.wikikioskExecutable.map { ChildProcessValidator(executable: $0, timeout: 60) } ?? InProcessValidator()
    }

    @Test func watcherPicksUpAddedAndRemovedFiles() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let staging = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(staging) }
        try Fixtures.writeBook(at: folder + "/first.zim")
        let lines = LogLines()
        let library = Library()
        let loader = BookLoader(library: library, validator: Self.validator, cache: ValidationCache(file: nil), log: lines.log)
        let watcher = LibraryWatcher(directory: folder, interval: 0.2, loader: loader)
        watcher.loadInitialContents()
        #expect(library.books.map(\.name) == ["first"])

        try Fixtures.writeBook(at: staging + "/second.zim", title: "Second")
        try FileManager.default.moveItem(atPath: staging + "/second.zim", toPath: folder + "/second.zim")
        watcher.scan()
        #expect(library.book(named: "second") == nil, "a new file waits one scan to be sure the copy is complete")
        watcher.scan()
        #expect(library.book(named: "second")?.title == "Second")

        let held = try #require(library.book(named: "first"))
        try FileManager.default.removeItem(atPath: folder + "/first.zim")
        watcher.scan()
        #expect(library.book(named: "first") == nil)
        // A request that still holds the removed book can finish reading it.
        #expect((try? held.archive.entry(path: "Accueil")) != nil)
        #expect(lines.all.contains { $0.contains("first.zim was removed") })
    }

    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil))
    func batchValidationAnswersEveryFileInOrder() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let good = try Fixtures.writeBook(at: folder + "/good.zim")
        try Data("not a ZIM".utf8).write(to: URL(fileURLWithPath: folder + "/garbage.zim"))
        let validator = ChildProcessValidator(executable: try #require(Fixtures.wikikioskExecutable), timeout: 60)
        let paths = [good, folder + "/garbage.zim", folder + "/missing.zim", good]
        let problems = validator.problems(with: paths)
        #expect(problems.count == 4)
        #expect(problems[0] == nil)
        #expect(problems[1] != nil)
        #expect(problems[2] != nil)
        #expect(problems[3] == nil)
        #expect(problems[1] == validator.problem(with: folder + "/garbage.zim"), "same verdict as one at a time")
    }

    @Test func validationPassesSurviveARestart() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let first = FileFingerprint(size: 10, modified: 1), second = FileFingerprint(size: 20, modified: 2)
        ValidationCache(file: folder + "/validated.json").recordPasses([("/a.zim", first), ("/b.zim", second)])
        let reloaded = ValidationCache(file: folder + "/validated.json")
        #expect(reloaded.hasPassed("/a.zim", fingerprint: first))
        #expect(reloaded.hasPassed("/b.zim", fingerprint: second))
        #expect(!reloaded.hasPassed("/a.zim", fingerprint: second), "a changed file is checked again")
    }

    @Test func corruptFilesAreReportedOnceAndSkipped() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let good = try Fixtures.writeBook(at: folder + "/good.zim")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        try Data("this is not a ZIM file".utf8).write(to: URL(fileURLWithPath: folder + "/garbage.zim"))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: folder + "/truncated.zim"))
        try Data().write(to: URL(fileURLWithPath: folder + "/empty.zim"))
        let lines = LogLines()
        let library = Library()
        let loader = BookLoader(library: library, validator: Self.validator, cache: ValidationCache(file: nil), log: lines.log)
        let watcher = LibraryWatcher(directory: folder, interval: 1, loader: loader)
        watcher.loadInitialContents()
        watcher.scan()
        watcher.scan()
        #expect(library.books.map(\.name) == ["good"])
        #expect(Set(library.failures.map { ($0.path as NSString).lastPathComponent })
                == ["garbage.zim", "truncated.zim", "empty.zim"])
        for name in ["garbage.zim", "truncated.zim", "empty.zim"] {
            #expect(lines.all.filter { $0.contains("skipping") && $0.contains(name) }.count == 1, "\(name) logged once")
        }
    }

    @Test(.enabled(if: Fixtures.sharedZimFolder != nil && Fixtures.wikikioskExecutable != nil))
    func sharedCorruptSetNeverTakesTheServerDown() throws {
        let shared = try #require(Fixtures.sharedZimFolder)
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        for kind in ["valid", "invalid"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: "\(shared)/\(kind)") where name.hasSuffix(".zim") {
                try FileManager.default.copyItem(atPath: "\(shared)/\(kind)/\(name)", toPath: "\(folder)/\(name)")
            }
        }
        let library = Library()
        let loader = BookLoader(library: library, validator: Self.validator, cache: ValidationCache(file: nil),
                                log: Log(minimumLevel: .error) { _ in })
        LibraryWatcher(directory: folder, loader: loader).loadInitialContents()
        let validCount = try FileManager.default.contentsOfDirectory(atPath: "\(shared)/valid").filter { $0.hasSuffix(".zim") }.count
        #expect(library.books.count == validCount)
        #expect(library.failures.allSatisfy { $0.path.contains("invalid.") })
        #expect(library.failures.count >= 10)
    }
}
