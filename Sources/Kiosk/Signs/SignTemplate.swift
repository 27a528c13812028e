import Foundation

/// How signs look and where their codes lead: `kiosk-config/sign-template.ini`.
///
/// ```
/// [style]
/// band-colour = #1F4E79        # header band and title rule
/// accent-colour = #C8102E      # call to action
/// text-colour = #202122
/// muted-colour = #54595D
/// background-colour = #FFFFFF
/// font = DejaVu Sans           # any font installed (fontconfig name)
/// title-font = DejaVu Serif
/// logo = logo.png              # PNG, relative to the template's folder; empty for none
/// header-fr = Wikipédia en ville
/// header-en = Wikipedia in town
/// [qr]
/// error-correction = M         # L, M, Q or H (Q or H for outdoor plaques)
/// scan-distance-a4 = 70        # centimetres; the code's side is about a tenth of it, 2.5 cm at least
/// [links]
/// public-base = https://signs.example.org   # for redirect signs
/// ```
public struct SignTemplate: Sendable, Equatable {
    /// An sRGB colour, components 0…1.
    public struct Colour: Sendable, Equatable {
        public var red: Double, green: Double, blue: Double

        public init(red: Double, green: Double, blue: Double) {
            (self.red, self.green, self.blue) = (red, green, blue)
        }

        /// "#1F4E79" or "1f4e79".
        public init?(hex: String) {
            let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
            guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
            self.init(red: Double((value >> 16) & 0xFF) / 255, green: Double((value >> 8) & 0xFF) / 255,
                      blue: Double(value & 0xFF) / 255)
        }
    }

    public var band = Colour(hex: "#1F4E79")!
    public var accent = Colour(hex: "#B3261E")!
    public var text = Colour(hex: "#202122")!
    public var muted = Colour(hex: "#54595D")!
    public var background = Colour(hex: "#FFFFFF")!
    public var font = "DejaVu Sans"
    public var titleFont = "DejaVu Serif"
    /// Full path of a PNG logo drawn in the header band, or nil.
    public var logo: String?
    /// Header texts by language, overriding the catalog's `sign.header`.
    public var headers: [String: String] = [:]
    /// The texts signs are printed with (the kiosk's catalog, with its translation files).
    public var strings = BuiltInCatalog.catalog
    public var errorCorrection = QRCode.Level.M
    /// Scanning distance by paper format, in centimetres (else the format's default).
    public var scanDistanceCM: [PaperFormat: Double] = [:]
    /// Base URL of the public wikikiosk server for `redirect` signs.
    public var publicBase: String?

    public init() {}

    /// The scanning distance used for `paper`.
    public func scanDistance(for paper: PaperFormat) -> Double {
        scanDistanceCM[paper] ?? paper.defaultScanDistanceCM
    }

    static let keys: [String: Set<String>] = [
        "style": ["band-colour", "accent-colour", "text-colour", "muted-colour", "background-colour", "font",
                  "title-font", "logo"],
        "qr": Set(["error-correction"] + PaperFormat.allCases.map { "scan-distance-" + $0.rawValue.lowercased() }),
        "links": ["public-base"],
    ]

    /// Reads a template file; a missing file gives the defaults. Bad lines are reported and skipped.
    public static func load(file: String) -> (template: SignTemplate, problems: [ConfigProblem]) {
        guard FileManager.default.fileExists(atPath: file) else { return (SignTemplate(), []) }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            return (SignTemplate(), [ConfigProblem(file: file, line: nil, message: "the file can't be read as UTF-8 text")])
        }
        return parse(text, file: file, folder: (file as NSString).deletingLastPathComponent)
    }

    /// Parses template text; `folder` resolves a relative logo path.
    public static func parse(_ text: String, file: String, folder: String) -> (template: SignTemplate, problems: [ConfigProblem]) {
        let lines = ConfigLines(text: text, file: file, sections: Set(keys.keys))
        var problems = lines.problems
        var template = SignTemplate()
        for entry in lines.entries {
            func problem(_ message: String) { problems.append(ConfigProblem(file: file, line: entry.line, message: message)) }
            let value = entry.value
            if entry.section == "style", entry.key.hasPrefix("header-") {
                template.headers[String(entry.key.dropFirst(7))] = value
                continue
            }
            guard let known = keys[entry.section] else { continue }
            guard known.contains(entry.key) else {
                let hint = Suggestion.closest(to: entry.key, in: known).map { " (did you mean “\($0)”?)" } ?? ""
                problem("unknown setting “\(entry.key)” in [\(entry.section)]\(hint)")
                continue
            }
            switch entry.key {
            case let key where key.hasSuffix("-colour"):
                guard let colour = Colour(hex: value) else { problem("a colour is written #RRGGBB, e.g. #1F4E79"); continue }
                switch key {
                case "band-colour": template.band = colour
                case "accent-colour": template.accent = colour
                case "text-colour": template.text = colour
                case "muted-colour": template.muted = colour
                default: template.background = colour
                }
            case "font": template.font = value
            case "title-font": template.titleFont = value
            case "logo":
                guard !value.isEmpty else { template.logo = nil; continue }
                let path = value.hasPrefix("/") ? value : (folder as NSString).appendingPathComponent(value)
                guard FileManager.default.fileExists(atPath: path), value.lowercased().hasSuffix(".png") else {
                    problem("the logo must be a PNG file that exists (\(path))")
                    continue
                }
                template.logo = path
            case "error-correction":
                guard let level = QRCode.Level(rawValue: value.uppercased()) else { problem("error-correction is L, M, Q or H"); continue }
                template.errorCorrection = level
            case let key where key.hasPrefix("scan-distance-"):
                guard let paper = PaperFormat(name: String(key.dropFirst(14))), let cm = Double(value), (10...1000).contains(cm) else {
                    problem("a scanning distance is a number of centimetres between 10 and 1000")
                    continue
                }
                template.scanDistanceCM[paper] = cm
            case "public-base":
                guard value.hasPrefix("https://") || value.hasPrefix("http://"), value.count > 10 else {
                    problem("public-base is a URL such as https://signs.example.org")
                    continue
                }
                template.publicBase = value
            default:
                break
            }
        }
        return (template, problems)
    }
}
