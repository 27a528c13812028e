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

extension Curl {
    /// What one transfer of a batch returned.
    struct Transfer {
        let status: Int
        let contentType: String
        let location: String
        let body: [UInt8]
    }

    /// Fetches every URL with one curl process (one kept-alive connection), without following
    /// redirects: fast enough to walk every entry of a ZIM.
    static func batch(_ urls: [String]) throws -> [Transfer] {
        let folder = NSTemporaryDirectory() + "curl-batch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var config = ""
        for (index, url) in urls.enumerated() {
            config += "url = \"\(url.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"\n"
            config += "output = \"\(folder)/\(index)\"\n"
        }
        try config.write(toFile: folder + "/config", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "60", "-K", folder + "/config",
                             "-w", "%{http_code}\t%{content_type}\t%{redirect_url}\n"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let lines = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        process.waitUntilExit()
        return urls.indices.map { index in
            let fields = index < lines.count ? lines[index].split(separator: "\t", omittingEmptySubsequences: false) : []
            let body = FileManager.default.contents(atPath: "\(folder)/\(index)").map(Array.init) ?? []
            return Transfer(status: fields.count > 0 ? Int(fields[0]) ?? 0 : 0,
                            contentType: fields.count > 1 ? String(fields[1]) : "",
                            location: fields.count > 2 ? String(fields[2]) : "",
                            body: body)
        }
    }
}
