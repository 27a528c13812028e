import Foundation
/// The `[texts]` and `[admin]` sections of `wikikiosk.conf`, written by the staff area:
///
/// ```
/// [texts]
/// welcome.fr = Bienvenue à la médiathèque !
/// intro.en = Read Wikipedia on your phone, free.
///
/// [admin]
/// networks = 192.168.1.0/24, 127.0.0.1
/// ```
extension SettingsParser {
    /// Short names in `[texts]` and the landing-page text each one sets, with its longest length.
    static let editableTexts: [(name: String, key: String, maximum: Int)] = [
        ("welcome", "landing.welcome", 120),
        ("intro", "landing.intro", 400),
    ]
    static let adminKeys: Set<String> = ["networks"]

    /// `welcome.fr = …`: a landing-page text in one language.
    static func applyText(_ entry: ConfigLines.Entry, to settings: inout KioskSettings) -> String? {
        let parts = entry.key.split(separator: ".", omittingEmptySubsequences: false)
        let names = editableTexts.map(\.name)
        guard parts.count == 2, let text = editableTexts.first(where: { $0.name == parts[0] }) else {
            let hint = Suggestion.closest(to: String(parts.first ?? ""), in: names).map { " (did you mean “\($0).fr”?)" } ?? ""
            return "unknown text “\(entry.key)” in [texts]: write \(names.map { "\($0).<language>" }.joined(separator: " or "))\(hint)"
        }
        let language = String(parts[1])
        guard isLanguageCode(language) else { return "“\(language)” is not a language code (fr, en, br…)" }
        guard !entry.value.isEmpty else { return "the text “\(entry.key)” is empty (remove the line to use the default)" }
        guard entry.value.count <= text.maximum else {
            return "the text “\(entry.key)” is too long (\(text.maximum) characters at most)"
        }
        guard settings.landingTexts[language]?[text.key] == nil else { return "“\(entry.key)” is given twice" }
        settings.landingTexts[language, default: [:]][text.key] = entry.value
        return nil
    }

    /// `networks = 192.168.1.0/24, …`: where the staff area may be opened from.
    static func applyAdmin(_ entry: ConfigLines.Entry, to settings: inout KioskSettings) -> String? {
        switch entry.key {
        case "networks":
            var ranges: [NetworkRange] = []
            for item in list(entry.value) {
                guard let range = NetworkRange(item) else {
                    return "“\(item)” is not a network: write an address (192.168.1.10) or a range (192.168.1.0/24)"
                }
                ranges.append(range)
            }
            settings.adminNetworks = ranges
            return nil
        default:
            let hint = Suggestion.closest(to: entry.key, in: adminKeys).map { " (did you mean “\($0)”?)" } ?? ""
            return "unknown setting “\(entry.key)” in [admin]\(hint)"
        }
    }

    static let readingKeys: Set<String> = ["toolbar", "external-links"]

    /// `[reading]`: what the kiosk adds to articles (`toolbar = on|off`, `external-links = on|off`).
    /// `on`/`off` (also yes/no, true/false), nil for anything else.
    static func onOff(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "on", "yes", "true": true
        case "off", "no", "false": false
        default: nil
        }
    }

    static func applyLibrary(_ entry: ConfigLines.Entry, to settings: inout KioskSettings) -> String? {
        switch entry.key {
        case "downloads":
            guard let value = onOff(entry.value) else { return "downloads must be on or off, not “\(entry.value)”" }
            settings.bookDownloads = value
        case "usb":
            guard entry.value.hasPrefix("/") else { return "the USB folder must be a full path starting with /" }
            settings.usbDirectory = entry.value
        case "apps":
            guard entry.value.hasPrefix("/") else { return "the apps folder must be a full path starting with /" }
            settings.appsDirectory = entry.value
        case "updates":
            guard entry.value.hasPrefix("http://") || entry.value.hasPrefix("https://"), URL(string: entry.value) != nil else {
                return "updates must be the address of a Kiwix catalogue (https://library.kiwix.org/catalog/v2/entries)"
            }
            settings.updateCatalog = entry.value
        default:
            let hint = Suggestion.closest(to: entry.key, in: ["downloads", "usb", "apps", "updates"]).map { " (did you mean “\($0)”?)" } ?? ""
            return "unknown setting “\(entry.key)” in [library]\(hint)"
        }
        return nil
    }

    static func applyReading(_ entry: ConfigLines.Entry, to settings: inout KioskSettings) -> String? {
        func onOff() -> Bool? { Self.onOff(entry.value) }
        switch entry.key {
        case "toolbar":
            guard let value = onOff() else { return "toolbar must be on or off, not “\(entry.value)”" }
            settings.readingToolbar = value
            return nil
        case "external-links":
            guard let value = onOff() else { return "external-links must be on or off, not “\(entry.value)”" }
            settings.readingExternalLinks = value
            return nil
        default:
            let hint = Suggestion.closest(to: entry.key, in: readingKeys).map { " (did you mean “\($0)”?)" } ?? ""
            return "unknown setting “\(entry.key)” in [reading]\(hint)"
        }
    }
}
