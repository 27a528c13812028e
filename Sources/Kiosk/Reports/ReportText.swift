import Foundation

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

    /// Minutes as hours and minutes ("12 h 5 min", "40 min").
    func duration(_ minutes: Int) -> String {
        minutes < 60 ? t("duration.minutes", ["minutes": .number(minutes)])
            : t("duration", ["hours": .number(minutes / 60), "minutes": .number(minutes % 60)])
    }

    /// A day ("2026-03-01") in words: "1er mars 2026", "1 March 2026".
    func date(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        let months = t("months").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, months.count == 12, (1...12).contains(parts[1]) else { return day }
        let arguments: [String: TextArgument] = ["day": .text(String(parts[2])), "month": .text(months[parts[1] - 1]),
                                                 "year": .text(String(parts[0]))]
        return t(parts[2] == 1 ? "date.first" : "date", arguments)
    }

    /// The period as a sentence begins ("Du 1er mars 2026 au 30 juin 2026", "Le 4 décembre 2026").
    func period(from: String?, to: String?) -> String {
        let text: String
        switch (from, to) {
        case let (from?, to?) where from == to: text = t("period.one", ["day": .text(date(from))])
        case let (from?, to?): text = t("period.range", ["from": .text(date(from)), "to": .text(date(to))])
        default: text = t("period.all")
        }
        return text.prefix(1).uppercased() + text.dropFirst()
    }

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
