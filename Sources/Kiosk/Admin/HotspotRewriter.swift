/// Sets `ssid` and `channel` under `[hotspot]` in the text of `wikikiosk.conf`, keeping every
/// other line and comment (the staff area's Wi-Fi form; the hotspot files are then rendered
/// from it by `wikikiosk hotspot enable`, as `Deploy/install.sh` does).
enum HotspotRewriter {
    static func rewrite(_ original: String, ssid: String, channel: Int) -> String {
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var section = ""
        var done: Set<String> = []
        var end: Int?
        for index in lines.indices {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                if section == "hotspot" { end = index }
                section = String(trimmed.dropFirst().dropLast()).lowercased()
                continue
            }
            guard section == "hotspot", !trimmed.hasPrefix("#"), !trimmed.hasPrefix(";"),
                  let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            if key == "ssid" { lines[index] = "ssid = \(ssid)"; done.insert(key) }
            if key == "channel" { lines[index] = "channel = \(channel)"; done.insert(key) }
        }
        var missing: [String] = []
        if !done.contains("ssid") { missing.append("ssid = \(ssid)") }
        if !done.contains("channel") { missing.append("channel = \(channel)") }
        if !missing.isEmpty {
            if section == "hotspot" && end == nil {
                lines += missing
            } else if let end {
                lines.insert(contentsOf: missing, at: end)
            } else {
                lines += ["", "[hotspot]"] + missing
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
