import ArgumentParser
import Kiosk

/// `wikikiosk`: serve ZIM archives to the phones of a Wi-Fi kiosk.
@main
struct WikiKiosk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wikikiosk",
        abstract: "An offline Wikipedia kiosk: serves ZIM archives (Kiwix) to the phones on its Wi-Fi.",
        version: BuildStamp.current.summary,
        subcommands: [Serve.self, Check.self, ValidateBatch.self, SystemHelperCommand.self, KitCommand.self, Report.self, ExportLog.self, ConfigCommand.self, Doctor.self,
                      SimulateUsage.self, Admin.self, SignCommand.self, HotspotCommand.self],
        defaultSubcommand: Serve.self)
}
