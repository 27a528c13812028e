import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk report`: the usage statistics as HTML, CSV or JSON.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Usage report (people reached, pages read, signs, searches…) as HTML, CSV or JSON.",
        discussion: """
            Examples:
              wikikiosk report --state-dir /var/lib/wikikiosk --out rapport.html
              wikikiosk report --from 2026-06-01 --to 2026-06-30 --format csv --out june/
              wikikiosk report --merge mairie.sqlite bibli.sqlite --lang en --out city.html
            CSV writes one file per indicator into the --out folder (or all tables to standard output).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, csv, json }

    @Option(help: "State folder of the kiosk (holds usage.sqlite). Default as for serve.")
    var stateDir: String?

    @Option(help: "First day (YYYY-MM-DD, local time).")
    var from: String?

    @Option(help: "Last day (YYYY-MM-DD), included.")
    var to: String?

    @Option(help: "html, csv or json.")
    var format: Format = .html

    @Option(help: "Output file (a folder for csv). Default: standard output.")
    var out: String?

    @Option(help: "Report language: fr or en.")
    var lang = "fr"

    @Option(help: "Show a search only when at least this many distinct devices made it.")
    var minDevices = 2

    @Option(parsing: .upToNextOption, help: "Usage databases of several kiosks to combine into one report.")
    var merge: [String] = []

    func validate() throws {
        for day in [from, to].compactMap({ $0 }) where !UsageReportBuilder.isDay(day) {
            throw ValidationError("not a date (expected YYYY-MM-DD): \(day)")
        }
        guard ["fr", "en"].contains(lang) else { throw ValidationError("--lang must be fr or en") }
        guard minDevices >= 1 else { throw ValidationError("--min-devices must be at least 1") }
    }

    func run() throws {
        let databases = merge.isEmpty
            ? [(stateDir ?? KioskConfiguration.defaultStateDirectory) + "/" + UsageSettings.databaseName]
            : merge
        var builder = UsageReportBuilder(databases: databases, from: from, to: to)
        builder.minimumDevices = minDevices
        let report: UsageReport
        do {
            report = try builder.build()
        } catch {
            FileHandle.standardError.write(Data("wikikiosk report: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        switch format {
        case .html:
            try emit(ReportHTML.render(report, language: lang))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try emit(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        case .csv:
            let tables = ReportCSV.tables(report)
            if let out {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                for table in tables {
                    try table.csv.write(toFile: out + "/" + table.name + ".csv", atomically: true, encoding: .utf8)
                }
            } else {
                print(tables.map { "# \($0.name)\r\n" + $0.csv }.joined(separator: "\r\n"), terminator: "")
            }
        }
    }

    private func emit(_ text: String) throws {
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: "")
        }
    }
}
