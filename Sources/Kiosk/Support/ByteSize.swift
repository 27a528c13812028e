import Foundation

/// File sizes as people read them, in decimal units as file managers, phones and stick labels
/// show them: "1,2 Go" in French, "1,2 ГБ" in Ukrainian, "1.2 GB" in English.
public enum ByteSize {
    public static func text(_ bytes: UInt64, _ language: String) -> String {
        let units: [String]
        switch language {
        case "fr": units = ["o", "Ko", "Mo", "Go", "To"]
        case "uk": units = ["Б", "КБ", "МБ", "ГБ", "ТБ"]
        default: units = ["B", "KB", "MB", "GB", "TB"]
        }
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        var text = unit == 0 ? String(bytes) : String(format: value < 10 ? "%.1f" : "%.0f", value)
        if ["fr", "es", "de", "uk"].contains(language) { text = text.replacingOccurrences(of: ".", with: ",") }
        return text + "\u{00A0}" + units[unit]
    }
}
