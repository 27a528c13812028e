@testable import HTTPTestSupport
import Foundation
import HTTPServer
import Synchronization
@testable import Kiosk

/// A kiosk daemon on 127.0.0.1 (port 0) serving the standard test book as `ville`, for the
/// robustness tests, with a log that the tests can read.
final class RobustnessServer {
    let folder: String
    let zim: String
    let server: KioskServer
    let lines = LogLines()
    var port: UInt16 { server.port }

    init(threads: Int = 2, connectionTimeout: UInt32 = 30, library: Bool = false) throws {
        folder = Fixtures.makeTemporaryDirectory()
        let libraryFolder = folder + "/library"
        try FileManager.default.createDirectory(atPath: libraryFolder, withIntermediateDirectories: true)
        zim = try Fixtures.writeBook(at: (library ? libraryFolder : folder) + "/ville.zim")
        var configuration = KioskConfiguration()
        configuration.address = "127.0.0.1"
        configuration.port = 0
        configuration.threads = threads
        configuration.connectionTimeout = connectionTimeout
        if library {
            configuration.libraryDirectory = libraryFolder
        } else {
            configuration.zimFiles = [zim]
        }
        configuration.stateDirectory = folder + "/state"
        configuration.watchInterval = 0.3
        configuration.usage.enabled = false
        server = try KioskServer(configuration: configuration, validator: LibraryTests.validator, log: lines.log)
    }

    deinit {
        server.stop()
        Fixtures.cleanUp(folder)
    }

    var libraryFolder: String { folder + "/library" }

    /// Status of a plain GET of the test book's home page on a fresh connection (0 when none came).
    func healthStatus(timeout: Double = 5) -> Int {
        (try? RawHTTPClient.get(port, "/content/ville/Accueil", timeout: timeout))?.status ?? 0
    }
}

/// A seeded generator: the same seed gives the same requests, so a failure found in CI can be
/// replayed. `WIKIKIOSK_FUZZ_SEED` overrides the seed.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// The seed from `WIKIKIOSK_FUZZ_SEED`, else `fallback`.
    static func seed(default fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["WIKIKIOSK_FUZZ_SEED"].flatMap { UInt64($0) } ?? fallback
    }
}

/// A counter shared between threads.
final class SharedCounter: Sendable {
    private let value = Mutex<[String: Int]>([:])

    func add(_ key: String, _ amount: Int = 1) { value.withLock { $0[key, default: 0] += amount } }
    func get(_ key: String) -> Int { value.withLock { $0[key] ?? 0 } }
    var all: [String: Int] { value.withLock { $0 } }
}

