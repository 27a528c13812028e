import Foundation

/// Turns the text of `wikikiosk.conf` into `KioskSettings`, checking every value.
///
/// Every problem is collected (not just the first), each naming the file and line, so a
/// volunteer fixes them all in one go. Unknown names are problems too: a typo must not be
/// silently ignored.
enum SettingsParser {
    static let sections: Set<String> = ["kiosk", "hotspot", "featured", "texts", "admin", "reading", "library", "questionnaire", "objectives"]
    static let kioskKeys: Set<String> = [
        "name", "place", "languages", "host", "aliases", "address", "port", "library", "main", "portal-timeout",
    ]
    static let hotspotKeys: Set<String> = ["ssid", "country", "channel", "interface", "address", "dhcp-range"]

    /// The settings in `text` (defaults for what is not given) and the problems found.
    static func parse(_ text: String, file: String) -> (settings: KioskSettings, problems: [ConfigProblem]) {
        let lines = ConfigLines(text: text, file: file, sections: sections)
        var problems = lines.problems
        var settings = KioskSettings()
        var seen: [String: Int] = [:]

        for entry in lines.entries {
            func problem(_ message: String) {
                problems.append(ConfigProblem(file: file, line: entry.line, message: message))
            }
            if entry.section != "featured" {
                let id = entry.section + "." + entry.key
                if let first = seen[id] {
                    problem("“\(entry.key)” is already set on line \(first)")
                    continue
                }
                seen[id] = entry.line
            }
            switch entry.section {
            case "kiosk":
                if let message = applyKiosk(entry, to: &settings) { problem(message) }
            case "hotspot":
                if let message = applyHotspot(entry, to: &settings.hotspot) { problem(message) }
            case "featured":
                switch featured(entry) {
                case .success(let article): settings.featured.append(article)
                case .failure(let error): problem(error.message)
                }
            case "texts":
                if let message = SettingsParser.applyText(entry, to: &settings) { problem(message) }
            case "admin":
                if let message = SettingsParser.applyAdmin(entry, to: &settings) { problem(message) }
            case "reading":
                if let message = SettingsParser.applyReading(entry, to: &settings) { problem(message) }
            case "library":
                if let message = SettingsParser.applyLibrary(entry, to: &settings) { problem(message) }
            case "objectives":
                if let message = Objectives.apply(entry.key, entry.value, to: &settings.objectives) { problem(message) }
            case "questionnaire":
                if let message = QuestionnaireParser.apply(entry.key, entry.value, to: &settings.customQuestionnaire) { problem(message) }
            case "":
                problem("“\(entry.key)” must come after a section header such as [kiosk]")
            default:
                break  // unknown section: reported once, at its header
            }
        }
        return (settings, problems)
    }

    private struct Message: Error { let message: String }

    private static func unknown(_ key: String, in section: String, _ keys: Set<String>) -> String {
        let hint = Suggestion.closest(to: key, in: keys).map { " (did you mean “\($0)”?)" } ?? ""
        return "unknown setting “\(key)” in [\(section)]\(hint)"
    }

    private static func applyKiosk(_ entry: ConfigLines.Entry, to settings: inout KioskSettings) -> String? {
        let value = entry.value
        switch entry.key {
        case "name":
            guard !value.isEmpty else { return "the kiosk's name can't be empty" }
            guard value.count <= 80 else { return "the kiosk's name is too long (80 characters at most)" }
            settings.name = value
        case "place":
            guard value.count <= 120 else { return "the place is too long (120 characters at most)" }
            settings.place = value
        case "languages":
            let codes = list(value).map { $0.lowercased() }
            guard !codes.isEmpty else { return "give at least one language, e.g. “languages = fr, en”" }
            if let bad = codes.first(where: { !isLanguageCode($0) }) {
                return "“\(bad)” is not a language code (use two or three letters: fr, en, br, oc…)"
            }
            settings.languages = codes
        case "host":
            guard HostName.isValid(value) else {
                return "“\(value)” is not a host name (e.g. wikikiosk.lan, or an address such as 10.42.0.1)"
            }
            settings.canonicalHost = value.lowercased()
        case "aliases":
            let names = list(value).map { $0.lowercased() }
            if let bad = names.first(where: { !HostName.isValid($0) }) { return "“\(bad)” is not a host name" }
            settings.aliases = names
        case "main":
            settings.mainBooks = list(value)
        case "address":
            guard value == "0.0.0.0" || value == "::" || HostName.isIPLiteral(value) || value == "localhost" else {
                return "“\(value)” is not an IP address to listen on (0.0.0.0 means every interface)"
            }
            settings.listenAddress = value
        case "port":
            guard let port = UInt16(value), port > 0 else { return "the port must be a number from 1 to 65535" }
            settings.port = port
        case "library":
            guard value.hasPrefix("/") else { return "the library folder must be a full path starting with /" }
            settings.libraryDirectory = value
        case "portal-timeout":
            guard let seconds = duration(value), seconds >= 60, seconds <= 7 * 86_400 else {
                return "“\(value)” is not a duration between 1 minute and 7 days (write e.g. 60min, 1h or 90s)"
            }
            settings.portalTimeout = seconds
        default:
            return unknown(entry.key, in: "kiosk", kioskKeys)
        }
        return nil
    }

    private static func applyHotspot(_ entry: ConfigLines.Entry, to hotspot: inout Hotspot) -> String? {
        let value = entry.value
        switch entry.key {
        case "ssid":
            guard !value.isEmpty, value.utf8.count <= 32 else {
                return "the Wi-Fi name must have 1 to 32 bytes (accented letters count as 2)"
            }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                return "the Wi-Fi name has a control character"
            }
            hotspot.ssid = value
        case "country":
            guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                return "the country must be a two-letter code such as FR"
            }
            hotspot.country = value.uppercased()
        case "channel":
            guard let channel = Int(value), (1...13).contains(channel) else {
                return "the Wi-Fi channel must be a number from 1 to 13 (1, 6 or 11 are best)"
            }
            hotspot.channel = channel
        case "interface":
            guard !value.isEmpty, value.count <= 15,
                  value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                return "“\(value)” is not a network interface name (e.g. wlan0)"
            }
            hotspot.interface = value
        case "address":
            guard isIPv4(value) else { return "the hotspot address must be an IPv4 address such as 10.42.0.1" }
            hotspot.address = value
        case "dhcp-range":
            let ends = list(value)
            guard ends.count == 2, ends.allSatisfy(isIPv4) else {
                return "the DHCP range must be two addresses, e.g. “10.42.0.10, 10.42.0.250”"
            }
            hotspot.dhcpStart = ends[0]
            hotspot.dhcpEnd = ends[1]
        default:
            return unknown(entry.key, in: "hotspot", hotspotKeys)
        }
        return nil
    }

    /// `Title = book/path in the book | optional description`.
    private static func featured(_ entry: ConfigLines.Entry) -> Result<FeaturedArticle, Message> {
        // Keys are lowercased by the line parser; the title keeps its case from the raw value.
        let parts = entry.value.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
        let target = parts.first ?? ""
        guard let slash = target.firstIndex(of: "/"), slash != target.startIndex,
              target.index(after: slash) != target.endIndex else {
            return .failure(Message(message: "a featured article is written “Title = book/Article_path”, e.g. "
                + "“Cathédrale = wikipedia_fr_all/Cathédrale_Notre-Dame”"))
        }
        return .success(FeaturedArticle(
            title: entry.rawKey, book: String(target[..<slash]), path: String(target[target.index(after: slash)...]),
            description: parts.count > 1 ? parts[1] : ""))
    }

    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
    }

    static func isLanguageCode(_ code: String) -> Bool {
        (2...3).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isLowercase }
    }

    static func isIPv4(_ value: String) -> Bool {
        HostName.isIPLiteral(value) && !value.hasPrefix("[")
    }

    /// "90s", "60min", "60 min", "1h", "2 h", or a bare number of minutes.
    static func duration(_ value: String) -> TimeInterval? {
        let text = value.lowercased().replacingOccurrences(of: " ", with: "")
        let units: [(String, Double)] = [("min", 60), ("m", 60), ("h", 3600), ("s", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number.isFinite else { return nil }
            return number * factor
        }
        return Double(text).map { $0 * 60 }
    }
}
