@testable import HTTPTestSupport
import Foundation
import Testing
@testable import Kiosk

@Suite("Usable cores: worker threads follow the CPU affinity")
struct UsableCoresTests {
    @Test func parsesKernelCPULists() {
        #expect(UsableCores.countInList("0") == 1)
        #expect(UsableCores.countInList("0-3") == 4)
        #expect(UsableCores.countInList("\t0-1,4,6-7\n") == 5)
        #expect(UsableCores.countInList("") == nil)
        #expect(UsableCores.countInList("3-1") == nil)
        #expect(UsableCores.countInList("a-b") == nil)
    }

    @Test func countIsWithinTheMachine() {
        #expect(UsableCores.count >= 1)
        #expect(UsableCores.count <= ProcessInfo.processInfo.activeProcessorCount)
    }

    /// A server started with `taskset -c 0` runs one libmicrohttpd worker, whatever the machine has.
    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil && FileManager.default.fileExists(atPath: "/usr/bin/taskset")))
    func pinnedServerRunsOneWorker() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        let pinned = try ServeProcess(["--state-dir", folder + "/pinned", zim], launcher: ["/usr/bin/taskset", "-c", "0"])
        #expect(pinned.output.contains("with 1 worker thread(s)"), "log: \(pinned.output)")
        #expect(try Curl.get("http://127.0.0.1:\(pinned.port)/content/ville/Accueil").status == 200)
        let free = try ServeProcess(["--state-dir", folder + "/free", zim])
        // The child inherits this process's affinity.
        #expect(free.output.contains("with \(UsableCores.count) worker thread(s)"), "log: \(free.output)")
    }
}
