import Foundation
import Testing

@Suite("The wikikiosk command", .serialized, .enabled(if: Fixtures.wikikioskExecutable != nil))
struct CLITests {
    static func run(_ arguments: [String]) throws -> Shell.Run {
        try Shell.run(Fixtures.wikikioskExecutable!, arguments)
    }

    @Test func checkSaysOKForAGoodFileAndFailsForABadOne() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let good = try Fixtures.writeBook(at: folder + "/good.zim")
        let ok = try Self.run(["check", good])
        #expect(ok.status == 0)
        #expect(ok.output.contains("OK"))
        #expect(ok.output.contains("Title: Ville de test"))
        #expect(ok.output.contains("articles: 3"))
        try Data("nope".utf8).write(to: URL(fileURLWithPath: folder + "/bad.zim"))
        let bad = try Self.run(["check", good, folder + "/bad.zim"])
        #expect(bad.status == 1)
        #expect(bad.output.contains("bad.zim: BAD"))
        let missing = try Self.run(["check", folder + "/missing.zim"])
        #expect(missing.status == 1)
        #expect(missing.output.contains("can't be read"))
    }

    @Test func serveStopsCleanlyOnSIGTERM() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.wikikioskExecutable!)
        process.arguments = ["serve", "--address", "127.0.0.1", "--port", "0", "--state-dir", folder + "/state", zim]
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        // Read log lines until the "serving … on http://127.0.0.1:PORT/" line.
        var log = ""
        var port = 0
        let handle = pipe.fileHandleForReading
        let deadline = Date().addingTimeInterval(20)
        while port == 0, Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                port = Int(log[range].dropFirst("127.0.0.1:".count).dropLast()) ?? 0
            }
        }
        #expect(port > 0, "log: \(log)")
        #expect(log.contains("caches: ") && log.contains(" MiB available"), "the sizes chosen from the memory: \(log)")
        #expect(try Curl.get("http://127.0.0.1:\(port)/content/ville/Accueil").status == 200)
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// Started inside a memory cgroup of 256 MiB (v1, as on this CI machine), the server sizes
    /// its caches from the group's room, not from the machine's free memory.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/sys/fs/cgroup/memory")))
    func cachesFollowTheCgroupLimit() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        let group = "/sys/fs/cgroup/memory/wikikiosk-test-\(getpid())"
        try FileManager.default.createDirectory(atPath: group, withIntermediateDirectories: false)
        defer { _ = rmdir(group) }
        try "268435456".write(toFile: group + "/memory.limit_in_bytes", atomically: false, encoding: .utf8)
        let script = "echo $$ > \(group)/cgroup.procs && exec \(Fixtures.wikikioskExecutable!) serve --address 127.0.0.1 "
            + "--port 0 --state-dir \(folder)/state --no-stats \(zim)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        var log = ""
        let deadline = Date().addingTimeInterval(20)
        while !log.contains("serving "), Date() < deadline {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
        }
        // Less memory for the service, then `systemctl reload`: smaller caches at once.
        try "134217728".write(toFile: group + "/memory.limit_in_bytes", atomically: false, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        while log.components(separatedBy: "caches: ").count < 3, Date() < deadline.addingTimeInterval(10) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
        }
        process.terminate()
        process.waitUntilExit()
        #expect(log.contains("(cgroup limit 256 MiB)"), "\(log)")
        #expect(log.contains("(cgroup limit 128 MiB)"), "after SIGHUP: \(log)")
        // 128 MiB less what the server uses, an eighth: below the floor, so the floor's 16 + 8.
        #expect(log.contains("caches: 16 MiB of gzip pages, 8 MiB of clusters"), "\(log)")
        // 1/8 of the group's ~250 MiB of room (the machine has GBs): pages first, up to 24 MiB,
        // clusters keeping their 8.
        #expect(log.range(of: #"caches: (2[0-4]) MiB of gzip pages, 8 MiB of clusters"#, options: .regularExpression) != nil, "\(log)")
    }

    @Test func plainErrorsForBadArguments() throws {
        let missing = try Self.run(["serve", "/nonexistent/book.zim"])
        #expect(missing.status != 0)
        #expect(missing.output.contains("no such file"))
        let help = try Self.run(["serve", "--help"])
        #expect(help.output.contains("--library"))
        #expect(help.output.contains("--state-dir"))
    }
}
