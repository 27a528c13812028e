import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk simulate-usage`: writes a week of scripted visits into a usage database, to try
/// the reports (docs/sample-report.html is made with it). Hidden from help.
struct SimulateUsage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-usage", abstract: "Write simulated visits into a usage database (demo, sample report).",
        shouldDisplay: false)

    @Option(help: "The database to write (created).")
    var out: String

    @Option(help: "Days to simulate.")
    var days = 7

    @Option(help: "First day (YYYY-MM-DD).")
    var start = "2026-11-14"

    func validate() throws {
        guard UsageReportBuilder.isDay(start) else { throw ValidationError("not a date: \(start)") }
        guard (1...400).contains(days) else { throw ValidationError("--days must be between 1 and 400") }
    }

    func run() throws {
        let parts = start.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        guard let first = Calendar.current.date(from: components) else { throw ValidationError("not a date: \(start)") }
        var simulation = UsageSimulation(start: first.timeIntervalSince1970)
        simulation.days = days
        let events = try simulation.run(into: out)
        print("\(events) events written to \(out)")
    }
}
