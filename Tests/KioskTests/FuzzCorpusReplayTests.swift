import Foundation
import Testing

/// The libFuzzer target's seed corpus (Tests/FuzzCorpus/requests: realistic and hostile raw
/// requests, and any input a fuzzing run found a bug with) replayed through the ordinary build of
/// `RequestFuzzer`: the same harness and invariants as `scripts/fuzz.sh` (daemon checks, router,
/// no 5xx, sendable heads, bodies producible in full, 206 answers exact slices of the full body).
@Suite("Fuzz corpus replay", .enabled(if: FuzzCorpus.replayer != nil))
struct FuzzCorpusReplayTests {
    @Test func everySeedIsAnsweredCorrectly() throws {
        let library = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(library) }
        let run = try Shell.run(try #require(FuzzCorpus.replayer), ["-v", FuzzCorpus.requests],
                                environment: ["WIKIKIOSK_FUZZ_LIBRARY": library])
        #expect(run.status == 0, "\(run.output)")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: FuzzCorpus.requests).filter { !$0.hasPrefix(".") }
        #expect(seeds.count >= 40)
        #expect(run.output.contains("\(seeds.count) of \(seeds.count) inputs answered correctly"), "\(run.output)")
        // The corpus reaches the handlers, not only the daemon's refusals.
        for status in ["200 ", "206 ", "302 ", "304 ", "400 ", "404 ", "413 ", "416 "] {
            #expect(run.output.contains("\n" + status) || run.output.hasPrefix(status), "no \(status)answer: \(run.output)")
        }
    }
}

/// Where the corpus and the replaying executable are.
enum FuzzCorpus {
    static let requests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../FuzzCorpus/requests").standardizedFileURL.path

    /// `RequestFuzzer` next to the test bundle (SwiftPM builds every product with the tests).
    static var replayer: String? {
        guard let wikikiosk = Fixtures.wikikioskExecutable else { return nil }
        let candidate = URL(fileURLWithPath: wikikiosk).deletingLastPathComponent().appendingPathComponent("RequestFuzzer").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }
}
