import ArgumentParser
import Foundation
import Kiosk
import ZimKit

/// `wikikiosk check`: is this ZIM file sound, and what is in it?
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check ZIM files thoroughly and print their metadata and counts.",
        discussion: "Exit code 0 when every file is sound, 1 otherwise. Each file is checked in a child process, so a corrupt one can't crash the check.")

    @Flag(help: "Skip the checks that read the whole file (checksum, cluster offsets).")
    var quick = false

    @Argument(help: "ZIM files to check.")
    var zims: [String]

    func run() throws {
        var allGood = true
        for zim in zims {
            let problem: String? = FileManager.default.isReadableFile(atPath: zim)
                ? ChildProcessValidator(executable: ChildProcessValidator.currentExecutable,
                                        thorough: !quick).problem(with: zim)
                : "the file can't be read (missing or no permission)"
            if let problem {
                print("\(zim): BAD — \(problem)")
                allGood = false
                continue
            }
            guard let archive = try? Archive(path: zim) else {
                print("\(zim): BAD — can't be opened")
                allGood = false
                continue
            }
            print("\(zim): OK")
            for key in ["Title", "Description", "Language", "Creator", "Publisher", "Date", "Name", "Flavour"] {
                if let value = archive.metadata(key), !value.isEmpty { print("  \(key): \(value)") }
            }
            print("  UUID: \(archive.uuid)")
            print("  articles: \(archive.articleCount), media: \(archive.mediaCount), entries: \(archive.allEntryCount)")
            print("  size: \(archive.fileSize) bytes, full-text index: \(archive.hasFulltextIndex ? "yes" : "no"), title index: \(archive.hasTitleIndex ? "yes" : "no")")
            if archive.hasMainEntry, let main = try? archive.mainEntry() { print("  main page: \(main.path)") }
        }
        if !allGood { throw ExitCode.failure }
    }
}
