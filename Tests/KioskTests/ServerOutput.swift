import Foundation

/// Reads the port a `wikikiosk serve` child prints on standard error.
enum ServerOutput {
    static func port(from pipe: Pipe) -> Int? {
        var text = ""
        let handle = pipe.fileHandleForReading
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let data = handle.availableData
            if data.isEmpty { return nil }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"http://[^:]+:(\d+)/"#, options: .regularExpression) {
                return Int(text[range].split(separator: ":").last?.filter(\.isNumber) ?? "")
            }
        }
        return nil
    }
}
