import Foundation
import HTTPServer
@testable import HTTPTestSupport

/// libkiwix's `ServerTest` fixture (test/server_testing_tools.h): `wikikiosk serve` on
/// zimfile.zim, example.zim, poor.zim and corner_cases#&.zim — the files of libkiwix's
/// test/data, found in ../shared/zim/valid/ — with its own state folder, asked over HTTP.
/// libkiwix's tests serve under a root prefix (`/ROOT%23%3F`); WikiKiosk serves at `/`, so the
/// ported URLs are the same without it.
final class KiwixServer {
    static let rayCharlesID = "6f1d19d0-633f-087b-fb55-7ac324ff9baf"
    static let exampleID = "5dc0b3af-5df2-0925-f0ca-d2bf75e78af6"
    static let files = ["zimfile.zim", "example.zim", "poor.zim", "corner_cases#&.zim"]

    /// ../shared/zim/valid/, when it is next to the checkout.
    static var zimFolder: String? {
        let candidates = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../../shared/zim/valid").standardizedFileURL.path,
            "/work/shared/zim/valid",
        ]
        return candidates.first { folder in files.allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + $0) } }
    }

    /// Whether the suites can run here: the shared ZIMs and the built `wikikiosk`.
    static var available: Bool { zimFolder != nil && ServeProcess.wikikioskExecutable != nil }

    let process: ServeProcess
    /// The server's state folder (`indexes/` holds the books' title indexes).
    let state: String

    /// Starts the server and waits until Ray Charles' title index and spelling dictionary are
    /// built (suggestions and title matches then come from them, as on a kiosk after its first
    /// minutes).
    init() throws {
        guard let folder = Self.zimFolder else { throw ServeProcess.Failure("no ../shared/zim/valid") }
        state = NSTemporaryDirectory() + "kiwix-server-" + UUID().uuidString
        process = try ServeProcess(["--state-dir", state] + Self.files.map { folder + "/" + $0 })
        // A book's indexes are built in the background from its first search or suggestion.
        _ = try get("/suggest?content=zimfile&term=a")
        let prefix = Self.rayCharlesID.replacingOccurrences(of: "-", with: "")
        let ready = ServeProcess.eventually(timeout: 20) { [state] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: state + "/indexes")) ?? []
            return ["titles", "spelling"].allSatisfy { kind in
                names.contains { $0.hasPrefix(prefix) && $0.hasSuffix("." + kind) }
            }
        }
        guard ready else { throw ServeProcess.Failure("no title index after 20 s: \(process.output)") }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: state)
    }

    /// One request on its own connection, as libkiwix's tests send them (httplib, one
    /// connection each); `headers` are added to Host and Connection: close.
    func request(_ method: String, _ target: String, _ headers: [(String, String)] = []) throws -> RawHTTPClient.Reply {
        let client = try RawHTTPClient(port: process.port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(process.port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try client.send(head + "\r\n")
        return try client.readResponse(bodyless: method == "HEAD")
    }

    func get(_ target: String, _ headers: [(String, String)] = []) throws -> RawHTTPClient.Reply {
        try request("GET", target, headers)
    }

    func head(_ target: String, _ headers: [(String, String)] = []) throws -> RawHTTPClient.Reply {
        try request("HEAD", target, headers)
    }
}
