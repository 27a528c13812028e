import Foundation
import Testing
@testable import Kiosk

/// The root helper's fixed command list: each allowed command with valid and invalid arguments,
/// commands outside the list refused before anything runs, run against a fake system root; and
/// the `wikikiosk system-helper` program as systemd starts it (one line in, one line out).
@Suite("The root helper")
struct SystemHelperTests {
    @Test func onlyTheFixedCommandsWithCheckedArgumentsAreAccepted() {
        let accepted: [(String, HelperCommand)] = [
            ("poweroff", .poweroff), ("reboot", .reboot), ("apply-hotspot", .applyHotspot), ("status", .status),
            ("set-time 1764820800", .setTime(epoch: 1_764_820_800)), ("set-time 1704067200", .setTime(epoch: 1_704_067_200)),
        ]
        for (line, command) in accepted {
            #expect(HelperCommand.parse(line) == .success(command), "\(line)")
            #expect(command.line == line)
        }
        let refused: [(String, HelperRefusal)] = [
            ("", .unknown), ("shutdown", .unknown), ("POWEROFF", .unknown), ("rm -rf /", .unknown), ("sh -c reboot", .unknown),
            ("poweroff now", .badArgument), ("reboot --force", .badArgument), ("status all", .badArgument),
            ("apply-hotspot /etc/passwd", .badArgument),
            ("set-time", .badArgument), ("set-time 1700000000", .badArgument), ("set-time 5000000000", .badArgument),
            ("set-time -1764820800", .badArgument), ("set-time 1.7e9", .badArgument), ("set-time 1764820800 1", .badArgument),
            ("set-time +1764820800", .badArgument), ("set-time  1764820800", .badArgument),
            ("poweroff;reboot", .unknown), ("poweroff\treboot", .malformed), ("réboot", .malformed),
            ("poweroff\u{0}", .malformed), (String(repeating: "a", count: 65), .tooLong),
        ]
        for (line, refusal) in refused {
            #expect(HelperCommand.parse(line) == .failure(refusal), "\(line.debugDescription)")
        }
    }

    @Test func onAFakeRootTheHelperRecordsTheFixedProgramsAndReadsTheBoard() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        let root = folder + "/root"
        try FileManager.default.createDirectory(atPath: root + "/sys/class/thermal/thermal_zone0", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/usr/bin", withIntermediateDirectories: true)
        let helper = SystemHelper(root: root, executable: "/usr/bin/wikikiosk")
        #expect(helper.answer("status") == "OK temperature=unknown throttled=unknown")
        try "61234\n".write(toFile: root + "/sys/class/thermal/thermal_zone0/temp", atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho throttled=0x50005\n".write(toFile: root + "/usr/bin/vcgencmd", atomically: true, encoding: .utf8)
        chmod(root + "/usr/bin/vcgencmd", 0o755)
        let status = helper.answer("status")
        #expect(status == "OK temperature=61234 throttled=0x50005")
        let health = BoardHealth(helperStatus: String(status.dropFirst(3)))
        #expect(health.temperature == 61.234 && health.underVoltageNow && health.underVoltageSinceBoot && health.throttledNow)
        #expect(!BoardHealth(temperature: 50, throttled: 0).underVoltageSinceBoot)
        for line in ["poweroff", "reboot", "apply-hotspot", "set-time 1764820800", "rm -rf /", "set-time 1"] {
            _ = helper.answer(line)
        }
        #expect(helper.answer("halt") == "ERR unknown command")
        let actions = try String(contentsOfFile: root + "/var/log/wikikiosk-helper.actions", encoding: .utf8)
        #expect(actions == "/usr/bin/systemctl poweroff\n/usr/bin/systemctl reboot\n/usr/bin/wikikiosk hotspot enable\nset-time 1764820800\n")
    }

    @Test(.enabled(if: Fixtures.wikikioskExecutable != nil))
    func theProgramReadsOneLineAndAnswersOne() throws {
        let folder = Fixtures.makeTemporaryDirectory()
        defer { Fixtures.cleanUp(folder) }
        func ask(_ line: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixtures.wikikioskExecutable!)
            process.arguments = ["system-helper", "--root", folder]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data((line + "\nreboot\n").utf8))
            try input.fileHandleForWriting.close()
            let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return answer
        }
        #expect(try ask("poweroff") == "OK done\n")
        #expect(try ask("poweroff --now") == "ERR bad argument\n")
        // One request per connection: the second line ("reboot") was never read.
        let actions = try String(contentsOfFile: folder + "/var/log/wikikiosk-helper.actions", encoding: .utf8)
        #expect(actions == "/usr/bin/systemctl poweroff\n")
    }
}
