import Foundation

/// A real HTTP client for end-to-end tests: the system's curl, talking to 127.0.0.1.
enum Curl {
    struct Result {
        let status: Int
        let headers: [String: String]   // lowercased names, last value wins
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Runs curl with `arguments` plus the URL; `-i` output parsed into status, headers, body.
    static func get(_ url: String, _ arguments: [String] = []) throws -> Result {
        let folder = NSTemporaryDirectory() + "curl-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "20", "-D", folder + "/headers", "-o", folder + "/body"] + arguments + [url]
        try process.run()
        process.waitUntilExit()
        let headerText = (try? String(contentsOfFile: folder + "/headers", encoding: .utf8)) ?? ""
        // With several responses (e.g. --next), keep the last block.
        let block = headerText.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.last ?? ""
        var lines = block.components(separatedBy: "\r\n")
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = FileManager.default.contents(atPath: folder + "/body").map(Array.init) ?? []
        return Result(status: status, headers: headers, body: body)
    }
}
