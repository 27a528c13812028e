/// The usage report's words in one language, from the one string catalog (`report.…` keys).
struct ReportText {
    let strings: StringCatalog
    let language: String

    /// The text for `report.<key>`.
    func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
        strings.text("report." + key, language, arguments)
    }

    /// A number grouped as the language writes it.
    func number(_ value: Int) -> String { NumberText.grouped(value, language: language) }

    /// How a reader arrived ("search", "sign"…), in words.
    func arrival(_ name: String) -> String {
        let text = t("arrival." + name)
        return text == "report.arrival." + name ? name : text
    }

    /// A device class such as "phone/android" → "Phone · Android".
    func deviceClass(_ label: String) -> String {
        let parts = label.split(separator: "/").map(String.init)
        let systems = ["android": "Android", "ios": "iOS", "windows": "Windows", "macos": "macOS", "linux": "Linux",
                       "chromeos": "ChromeOS", "kaios": "KaiOS", "other": t("system.other")]
        let form = ["phone", "tablet", "computer", "other"].contains(parts.first ?? "") ? t("device." + parts[0]) : label
        let system = parts.count > 1 ? systems[parts[1]] ?? parts[1] : ""
        return system.isEmpty ? form : form + " · " + system
    }
}
