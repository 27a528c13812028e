import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk kit export|import`: the replication kit (`ReplicationKit`) — what a partner hands
/// to the next one to start a second kiosk like theirs.
struct KitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Export this kiosk's settings, texts, signs and book list as a kit, or import one.",
        discussion: """
            Examples:
              wikikiosk kit export --output jaude-kit.tar.gz
              sudo wikikiosk kit import jaude-kit.tar.gz     # keeps what it replaces in /etc/wikikiosk/backup-<date>/
            """,
        subcommands: [Export.self, Import.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the kit (no usage data unless --with-statistics).")
        @Option(help: "Configuration folder (default: kiosk-config/ in a checkout, else /etc/wikikiosk).")
        var config: String?
        @Option(help: "The books folder whose books the kit lists (default: the configuration's).")
        var library: String?
        @Option(name: .shortAndLong, help: "The archive to write.")
        var output = "wikikiosk-kit.tar.gz"
        @Flag(help: "Also put a copy of the usage statistics in the kit.")
        var withStatistics = false
        @Option(help: "The state folder holding usage.sqlite (with --with-statistics).")
        var stateDir = KioskConfiguration.defaultStateDirectory

        func run() throws {
            let folder = config ?? ConfigLoader.defaultPath()
            let settings = ConfigLoader(path: folder, stateDirectory: nil).load().settings
            let library = Library()
            if let books = self.library ?? settings.libraryDirectory {
                let loader = BookLoader(library: library, validator: ChildProcessValidator(executable: ChildProcessValidator.currentExecutable),
                                        cache: ValidationCache(file: nil), log: Log(minimumLevel: .error))
                loader.load(LibraryWatcher.zimFiles(in: books))
            }
            do {
                try ReplicationKit.export(config: folder, books: library.books, to: output,
                                          statistics: withStatistics ? stateDir + "/usage.sqlite" : nil, build: BuildStamp.current)
            } catch {
                throw ValidationError(error.description)
            }
            print("Kit written to \(output) (\(library.books.count) books listed\(withStatistics ? ", with the statistics" : ""))")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a kit and apply it to this kiosk's configuration.")
        @Argument(help: "The kit (.tar.gz) to apply.")
        var archive: String
        @Option(help: "Configuration folder (default: kiosk-config/ in a checkout, else /etc/wikikiosk).")
        var config: String?

        func run() throws {
            let folder = config ?? ConfigLoader.defaultPath()
            let imported: ReplicationKit.Imported
            do {
                imported = try ReplicationKit.importKit(archive, config: folder)
            } catch {
                throw ValidationError(error.description)
            }
            print("Applied to \(folder): \(imported.files.joined(separator: ", "))")
            if let backup = imported.backup { print("The files replaced are kept in \(backup)") }
            if !imported.missingBooks.isEmpty { print("Books to add (books.tsv in the kit): \(imported.missingBooks.joined(separator: ", "))") }
            print("Restart the kiosk to use it: sudo systemctl restart wikikiosk")
        }
    }
}
