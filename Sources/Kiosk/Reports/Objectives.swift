/// The targets set with a partner for a period (`[objectives]` in `wikikiosk.conf`, edited on the
/// staff dashboard): people reached, sessions held, participants, sign scans, pages read. The
/// report shows each result against its target and the variance, as the partnership's
/// evaluation asks ("the difference between the number of people to train and the number
/// actually trained").
public struct Objectives: Sendable, Equatable {
    /// The indicators, in the report's order.
    public static let indicators = ["people", "sessions", "participants", "scans", "pages"]

    public var from: String?
    public var to: String?
    /// Indicator → target.
    public var targets: [String: Int] = [:]

    public init(from: String? = nil, to: String? = nil, targets: [String: Int] = [:]) {
        self.from = from
        self.to = to
        self.targets = targets
    }

    public var isEmpty: Bool { targets.isEmpty }

    /// Reads one `[objectives]` line; returns the problem, if any.
    static func apply(_ key: String, _ value: String, to objectives: inout Objectives) -> String? {
        switch key {
        case "from", "to":
            guard UsageReportBuilder.isDay(value) else { return "\(key) must be a date such as 2026-09-01" }
            if key == "from" { objectives.from = value } else { objectives.to = value }
        default:
            guard indicators.contains(key) else {
                return "unknown setting “\(key)” in [objectives] (from, to, \(indicators.joined(separator: ", ")))"
            }
            guard let number = Int(value), (0...10_000_000).contains(number) else { return "\(key) must be a whole number" }
            objectives.targets[key] = number
        }
        return nil
    }

    /// The `[objectives]` lines for `wikikiosk.conf`.
    var lines: [String] {
        var lines: [String] = []
        if let from { lines.append("from = \(from)") }
        if let to { lines.append("to = \(to)") }
        for key in Self.indicators { if let target = targets[key] { lines.append("\(key) = \(target)") } }
        return lines
    }

    /// Each target with the report's result for it.
    public func results(_ report: UsageReport) -> [UsageReport.Objective] {
        let totals = report.totals
        let values: [String: Int] = [
            "people": totals.peopleReached, "sessions": report.sessions.count,
            "participants": report.sessions.reduce(0) { $0 + $1.participants }, "scans": totals.signScans,
            "pages": totals.pagesRead,
        ]
        return Self.indicators.compactMap { key in
            targets[key].map { UsageReport.Objective(indicator: key, target: $0, result: values[key] ?? 0) }
        }
    }
}
