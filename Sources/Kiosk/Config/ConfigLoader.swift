import Foundation

/// Reads the configuration folder: `wikikiosk.conf` and the translation files in `locales/`.
///
/// A broken `wikikiosk.conf` never leaves the board without a kiosk: its problems are reported
/// and the last configuration that loaded cleanly (a copy kept in the state folder) is used, or
/// the defaults when there is none.
public struct ConfigLoader: Sendable {
    /// The settings file's name inside the configuration folder.
    public static let fileName = "wikikiosk.conf"
    /// Name of the copy of the last good settings file, in the state folder.
    public static let lastGoodName = "last-good-wikikiosk.conf"

    /// What was loaded.
    public struct Loaded: Sendable {
        /// The settings in force.
        public var settings: KioskSettings
        /// Interface strings: built-in tables with the translation files on top, for the
        /// configured languages that have strings.
        public var strings: StringCatalog
        /// Every problem found (settings file and translation files).
        public var problems: [ConfigProblem]
        /// What the translation files leave untranslated: information, not problems.
        public var notes: [String] = []
        /// Where the settings in force came from, in plain words.
        public var source: String
    }

    /// The settings file (`…/wikikiosk.conf`).
    public let file: String
    /// The folder holding `locales/`.
    public let folder: String
    /// Where the last good copy is kept; nil to keep none.
    public let stateDirectory: String?

    /// `path` may be the configuration folder or the settings file itself.
    public init(path: String, stateDirectory: String?) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            folder = path
            file = (path as NSString).appendingPathComponent(Self.fileName)
        } else {
            folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
            file = path
        }
        self.stateDirectory = stateDirectory
    }

    /// The configuration folder used when none is given: `kiosk-config/` of the checkout the
    /// executable was built in (or of the current folder), else `/etc/wikikiosk`.
    public static func defaultPath(executable: String = CommandLine.arguments.first ?? "") -> String {
        let manager = FileManager.default
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("kiosk-config")
            if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               manager.fileExists(atPath: candidate.path) { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        let local = manager.currentDirectoryPath + "/kiosk-config"
        if manager.fileExists(atPath: local + "/" + fileName) { return local }
        return "/etc/wikikiosk"
    }

    /// Loads everything; never fails (problems are returned, defaults fill the gaps).
    public func load() -> Loaded {
        var problems: [ConfigProblem] = []
        var settings = KioskSettings()
        var source = "built-in defaults (no \(file))"

        if let text = read(file, problems: &problems) {
            let parsed = SettingsParser.parse(text, file: file)
            if parsed.problems.isEmpty {
                settings = parsed.settings
                source = file
                saveLastGood(text)
            } else {
                problems += parsed.problems
                if let lastGood = lastGoodSettings() {
                    settings = lastGood
                    source = "the last configuration that worked (\(lastGoodPath ?? "")), because \(file) has errors"
                } else {
                    source = "built-in defaults, because \(file) has errors"
                }
            }
        }
        let translations = TranslationFiles.load(folder: (folder as NSString).appendingPathComponent("locales"))
        problems += translations.problems
        return Loaded(settings: settings,
                      strings: Self.strings(languages: settings.languages, files: translations.tables),
                      problems: problems, notes: translations.notes, source: source)
    }

    /// The built-in catalog with the files' texts on top: visitors are offered the configured
    /// languages; a text missing in one comes from the first configured language that is built
    /// in (complete), so a partial `br.ini` before `fr` falls back to French; every table stays
    /// available to the staff area and printed signs.
    static func strings(languages: [String], files: [String: [String: String]]) -> StringCatalog {
        var tables = BuiltInCatalog.tables
        for (language, table) in files {
            tables[language, default: [:]].merge(table) { _, file in file }
        }
        let fallback = languages.first { BuiltInCatalog.tables[$0] != nil } ?? "fr"
        return StringCatalog(tables: tables, fallback: fallback, offered: languages)
    }

    private func read(_ path: String, problems: inout [ConfigProblem]) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(ConfigProblem(file: path, line: nil, message: "the file can't be read (permissions?)"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(ConfigProblem(file: path, line: nil,
                                          message: "the file is not UTF-8 text (save it as UTF-8 in your editor)"))
            return nil
        }
        return text
    }

    private var lastGoodPath: String? {
        stateDirectory.map { ($0 as NSString).appendingPathComponent(Self.lastGoodName) }
    }

    private func lastGoodSettings() -> KioskSettings? {
        guard let path = lastGoodPath, let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let parsed = SettingsParser.parse(text, file: path)
        return parsed.problems.isEmpty ? parsed.settings : nil
    }

    private func saveLastGood(_ text: String) {
        guard let path = lastGoodPath else { return }
        if let existing = FileManager.default.contents(atPath: path), existing == Data(text.utf8) { return }
        try? FileManager.default.createDirectory(atPath: stateDirectory!, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
