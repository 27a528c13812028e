import Foundation
import HTTPServer
@testable import HTTPTestSupport
import Testing
@testable import Kiosk

/// `KioskServer` owns its threads: a stopped server leaves none of its search threads behind,
/// however many times servers start and stop in one process.
@Suite("Server lifetime", .serialized)
struct ServerLifetimeTests {
    @Test func startingAndStoppingTwentyTimesLeavesNoSearchThread() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        for round in 0..<20 {
            let server = try ServerTests.start(zims: [zim], state: folder + "/state")
            let search = try Curl.get("http://127.0.0.1:\(server.port)/search?pattern=cathedrale&books.name=ville")
            #expect(search.status == 200)
            #expect(server.searchThreadCount > 0, "round \(round): the search ran on a search thread")
            server.stop()
            let deadline = Date().addingTimeInterval(5)
            while server.searchThreadCount > 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            #expect(server.searchThreadCount == 0, "round \(round): search threads left after stop()")
        }
    }

    @Test func aStoppedSearchServiceAnswersBusyInsteadOfQueueing() throws {
        let kiosk = try SearchTests.kiosk(settings: SearchSettings())
        let service = SearchService(library: kiosk.library)
        service.stop()
        let outcome = Locked<SearchOutcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        service.search("etats unis", in: kiosk.library.books, start: 0, pageLength: 5) {
            let result = $0
            outcome.withLock { $0 = result }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(outcome.withLock { $0?.busy } == true)
        #expect(service.threadCount == 0)
    }
}
