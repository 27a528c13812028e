import Foundation
@testable import Kiosk

/// The root helper as systemd runs it (one `SystemHelper.answer` per connection on a Unix
/// socket), but on a fake system root in a temporary folder: the tests see every program it
/// would have run in `<root>/var/log/wikikiosk-helper.actions`.
final class FakeHelperServer: Sendable {
    let socketPath: String
    let root: String
    private let listener: Int32

    init(folder: String) throws {
        root = folder + "/fakeroot"
        socketPath = folder + "/helper.sock"
        try FileManager.default.createDirectory(atPath: root + "/sys/class/thermal/thermal_zone0", withIntermediateDirectories: true)
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in socketPath.utf8.enumerated() { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 4) == 0 else { throw AdminTestError("fake helper: bind failed") }
        let helper = SystemHelper(root: root)
        Thread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                var line: [UInt8] = []
                var byte: UInt8 = 0
                while read(client, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
                let answer = Array((helper.answer(String(decoding: line, as: UTF8.self)) + "\n").utf8)
                _ = write(client, answer, answer.count)
                close(client)
            }
        }.start()
    }

    /// What the helper would have run, in order.
    var actions: [String] {
        ((try? String(contentsOfFile: root + "/var/log/wikikiosk-helper.actions", encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// Waits until `count` actions are recorded.
    func waitForActions(_ count: Int) -> [String] {
        let deadline = Date().addingTimeInterval(5)
        while actions.count < count, Date() < deadline { usleep(10_000) }
        return actions
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
