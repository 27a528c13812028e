import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk export-log`: page views as an anonymised access log for GoAccess or Matomo.
struct ExportLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-log",
        abstract: "Write page views as an anonymised Combined Log Format file (GoAccess, Matomo log import).",
        discussion: """
            Example:
              wikikiosk export-log --state-dir /var/lib/wikikiosk --out views.log
              goaccess views.log --log-format=COMBINED -o report.html
            """)

    enum Format: String, ExpressibleByArgument { case combined }

    @Option(help: "Log format (combined).")
    var format: Format = .combined

    @Option(help: "State folder of the kiosk (holds usage.sqlite). Default as for serve.")
    var stateDir: String?

    @Option(help: "First day (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Last day (YYYY-MM-DD), included.")
    var to: String?

    @Option(help: "Output file. Default: standard output.")
    var out: String?

    @Option(parsing: .upToNextOption, help: "Usage databases of several kiosks to export together.")
    var merge: [String] = []

    func validate() throws {
        for day in [from, to].compactMap({ $0 }) where !UsageReportBuilder.isDay(day) {
            throw ValidationError("not a date (expected YYYY-MM-DD): \(day)")
        }
    }

    func run() throws {
        let databases = merge.isEmpty
            ? [(stateDir ?? KioskConfiguration.defaultStateDirectory) + "/" + UsageSettings.databaseName]
            : merge
        let handle: FileHandle
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil) else {
                throw ValidationError("can't write \(out)")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        } else {
            handle = FileHandle.standardOutput
        }
        defer { if out != nil { try? handle.close() } }
        var buffer = Data()
        do {
            try CombinedLogExporter(databases: databases, from: from, to: to).export { line in
                buffer.append(contentsOf: line.utf8)
                if buffer.count > 1 << 16 { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
            }
        } catch {
            FileHandle.standardError.write(Data("wikikiosk export-log: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
        handle.write(buffer)
    }
}
