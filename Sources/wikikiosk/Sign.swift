import ArgumentParser
import Foundation
import Kiosk

/// `wikikiosk sign`: print-ready "Wikipedia in town" plaques from the sign catalogue.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Make print-ready QR signs (PDF, SVG or PNG) from the sign catalogue.",
        discussion: """
            Examples:
              wikikiosk sign --library /srv/zim --paper A6                 # every sign, one PDF each, in signs/
              wikikiosk sign --library /srv/zim --id JAUDE --id OPERA --paper A4 --format png
              wikikiosk sign --library /srv/zim --paper sticker-sheet      # six per A4 sheet, with cut marks
              wikikiosk sign --library /srv/zim --check                    # only check the catalogue
            """)

    @Option(help: "Folder of ZIM files (the books the catalogue names; default: the built-in demo book).")
    var library: String?

    @Option(help: "The sign catalogue (default: signs.csv in the configuration folder).")
    var catalog: String?

    @Option(help: "Configuration folder (wikikiosk.conf: the kiosk's host name and Wi-Fi name).")
    var config: String?

    @Option(help: "Look template (default: sign-template.ini in the configuration folder).")
    var template: String?

    @Option(name: .customLong("id"), help: "Only this sign (repeat for several; default: every sign).")
    var ids: [String] = []

    @Option(help: "pdf, svg or png.")
    var format: String = "pdf"

    @Option(help: "A4, A5, A6 or sticker-sheet (six per A4 sheet, with cut marks).")
    var paper: String = "A6"

    @Option(help: "Output folder.")
    var out: String = "signs"

    @Option(help: "Scanning distance in centimetres (the QR code's side is about a tenth of it; default by paper).")
    var distance: Double?

    @Option(help: "Error correction: L, M (default), Q or H (outdoor plaques).")
    var level: String?

    @Option(help: "PNG resolution in dots per inch.")
    var dpi: Double = 300

    @Flag(help: "With PDF: every sign in one document (one page each).")
    var oneFile = false

    @Flag(help: "Only check the catalogue against the books, make nothing.")
    var check = false

    @Argument(help: "ZIM files (besides or instead of --library).")
    var zims: [String] = []

    func validate() throws {
        guard SignOutputFormat(rawValue: format.lowercased()) != nil else { throw ValidationError("--format is pdf, svg or png") }
        guard PaperFormat(name: paper) != nil else { throw ValidationError("--paper is A4, A5, A6 or sticker-sheet") }
        if let level, QRCode.Level(rawValue: level.uppercased()) == nil { throw ValidationError("--level is L, M, Q or H") }
        if let distance, !(10...1000).contains(distance) { throw ValidationError("--distance is between 10 and 1000 cm") }
        guard (72...1200).contains(dpi) else { throw ValidationError("--dpi is between 72 and 1200") }
        if let library {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: library, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("the library folder does not exist: \(library)")
            }
        }
    }

    func run() throws {
        let log = Log(minimumLevel: .error)
        let loader = ConfigLoader(path: config ?? ConfigLoader.defaultPath(), stateDirectory: nil)
        let settings = loader.load().settings
        let catalogFile = catalog ?? (loader.folder as NSString).appendingPathComponent("signs.csv")
        let templateFile = template ?? (loader.folder as NSString).appendingPathComponent("sign-template.ini")

        var (look, templateProblems) = SignTemplate.load(file: templateFile)
        for problem in templateProblems { printError(problem.description) }
        if let level { look.errorCorrection = QRCode.Level(rawValue: level.uppercased())! }

        let books = Library()
        let bookLoader = BookLoader(library: books, validator: ChildProcessValidator(executable: ChildProcessValidator.currentExecutable),
                                    cache: ValidationCache(file: nil), log: log)
        var files = zims
        if let library {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: library)) ?? []
            files += names.filter { $0.hasSuffix(".zim") }.sorted().map { (library as NSString).appendingPathComponent($0) }
        }
        if files.isEmpty {
            files = [try DemoBook.ensureBuilt(in: KioskConfiguration.defaultStateDirectory, log: log)]
        }
        bookLoader.load(files)
        for failure in books.failures { printError("\(failure.path): \(failure.reason)") }

        let catalogue = SignCatalog.load(file: catalogFile)
        let composer = SignComposer(library: books, kioskHost: settings.canonicalHost, ssid: settings.hotspot.ssid,
                                    publicBase: look.publicBase)
        if check {
            let problems = SignCatalogChecker.check(catalogue, composer: composer)
            for problem in problems { print(problem.description) }
            print(problems.isEmpty ? "\(catalogFile): \(catalogue.signs.count) signs, all fine"
                                   : "\(catalogFile): \(problems.count) problem(s)")
            if !problems.isEmpty { throw ExitCode.failure }
            return
        }
        for problem in catalogue.problems { printError(problem.description) }
        var chosen = catalogue.signs
        if !ids.isEmpty {
            let unknown = ids.filter { catalogue.sign(id: $0) == nil }
            guard unknown.isEmpty else {
                printError("unknown sign id(s): \(unknown.joined(separator: ", ")) (see \(catalogFile))")
                throw ExitCode.failure
            }
            chosen = ids.compactMap { catalogue.sign(id: $0) }
        }
        guard !chosen.isEmpty else {
            printError("no sign to make (\(catalogFile) has none)")
            throw ExitCode.failure
        }
        let renderer = SignRenderer(template: look, paper: PaperFormat(name: paper)!,
                                    format: SignOutputFormat(rawValue: format.lowercased())!, dpi: dpi, distanceCM: distance)
        let bar = ProgressBar()
        let summary = try SignBatch(composer: composer, renderer: renderer, oneFile: oneFile)
            .run(chosen, into: out) { done, total, id in bar.update(done: done, total: total, label: id) }
        print(String(format: "%d sign(s) made in %.1f s: %d file(s), %.1f MB in %@ (%@, %@, QR level %@, scanning distance %.0f cm)",
                     summary.made.count, summary.seconds, summary.files.count, Double(summary.bytes) / 1_000_000, out,
                     renderer.paper.rawValue, renderer.format.rawValue.uppercased(), look.errorCorrection.rawValue,
                     renderer.distanceCM))
        for skipped in summary.skipped {
            print("skipped \(skipped.id) (\(catalogFile), line \(skipped.line)): \(skipped.reason)")
        }
        if !summary.skipped.isEmpty { throw ExitCode.failure }
    }

    private func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
