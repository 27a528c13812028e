import Foundation

/// The sign catalogue: `kiosk-config/signs.csv`, one sign per line:
///
/// ```
/// id,book,article,label,language,target,latitude,longitude,notes
/// JAUDE,wikipedia_fr_all,Place de Jaude,"Place de Jaude, côté opéra",fr,kiosk,45.7772,3.0819,
/// ```
///
/// `article` is a path in the book or a title; `target` is `kiosk` (default), `online` or
/// `redirect`; `language` defaults to `fr`; the last three columns may be left out. An id may be
/// repeated on further lines with another language and the article's title in that language
/// (book, label and target left empty): `online` and `redirect` signs then send each phone to
/// Wikipedia in its own language. A line whose first field starts with `#` is a comment (an
/// example kept for later, a sign taken down); the label may be empty (no place is printed).
///
/// Parsing checks everything that can be checked without the books (ids, targets, languages,
/// coordinates, duplicates); `SignCatalogChecker` checks the articles against the books.
public struct SignCatalog: Sendable {
    /// The columns, in order.
    public static let header = ["id", "book", "article", "label", "language", "target", "latitude", "longitude", "notes"]
    /// Columns that must be there (the others may be left out).
    static let requiredColumns = 6

    /// The signs, in catalogue order.
    public let signs: [Sign]
    /// Every problem found, each with its line; lines with problems are left out of `signs`.
    public let problems: [ConfigProblem]
    /// The file read, as given.
    public let file: String
    private let byID: [String: Int]

    public init(signs: [Sign], problems: [ConfigProblem] = [], file: String = "signs.csv") {
        self.signs = signs
        self.problems = problems
        self.file = file
        var index: [String: Int] = [:]
        for (position, sign) in signs.enumerated() where index[sign.id] == nil { index[sign.id] = position }
        byID = index
    }

    /// An empty catalogue (no signs, no problems).
    public static let empty = SignCatalog(signs: [], file: "")

    /// The sign with this id, in any case.
    public func sign(id: String) -> Sign? {
        byID[id.uppercased()].map { signs[$0] }
    }

    /// Reads a catalogue file. A missing file is an empty catalogue with one problem.
    public static func load(file: String) -> SignCatalog {
        guard let data = FileManager.default.contents(atPath: file) else {
            return SignCatalog(signs: [], problems: [ConfigProblem(file: file, line: nil, message: "the sign catalogue can't be read (missing file?)")], file: file)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return SignCatalog(signs: [], problems: [ConfigProblem(file: file, line: nil,
                message: "the file is not UTF-8 text (in your spreadsheet, export as “CSV UTF-8”)")], file: file)
        }
        return parse(text, file: file)
    }

    /// Parses catalogue text; every problem names its line.
    public static func parse(_ text: String, file: String = "signs.csv") -> SignCatalog {
        let records: [CSVReader.Record]
        switch CSVReader.parse(text) {
        case .success(let parsed): records = parsed
        case .failure(let error):
            return SignCatalog(signs: [], problems: [ConfigProblem(file: file, line: error.line, message: error.message)], file: file)
        }
        var problems: [ConfigProblem] = []
        guard let first = records.first else { return SignCatalog(signs: [], file: file) }
        let names = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard Array(names.prefix(requiredColumns)) == Array(header.prefix(requiredColumns)) else {
            return SignCatalog(signs: [], problems: [ConfigProblem(file: file, line: first.line,
                message: "the first line must be the header “\(header.joined(separator: ","))”")], file: file)
        }
        var signs: [Sign] = []
        var positions: [String: Int] = [:]
        for record in records.dropFirst() where !(record.fields.first ?? "").hasPrefix("#") {
            var lineProblems: [String] = []
            let row = SignRow(record.fields)
            if record.fields.count > header.count {
                lineProblems.append("\(record.fields.count) columns, at most \(header.count) expected (a comma in a text must be inside double quotes)")
            } else if record.fields.count < requiredColumns {
                lineProblems.append("\(record.fields.count) columns, at least \(requiredColumns) expected (\(header.prefix(requiredColumns).joined(separator: ",")))")
            }
            let parsed = lineProblems.isEmpty ? row.sign(line: record.line, problems: &lineProblems) : nil
            if var sign = parsed, lineProblems.isEmpty {
                if let position = positions[sign.id] {
                    if let message = merge(&signs[position], alternative: sign, targetGiven: !row[5].isEmpty) { lineProblems.append(message) }
                } else {
                    if sign.book.isEmpty && sign.target == .kiosk { lineProblems.append("a kiosk sign needs a book") }
                    if lineProblems.isEmpty {
                        sign.line = record.line
                        positions[sign.id] = signs.count
                        signs.append(sign)
                    }
                }
            }
            problems += lineProblems.map { ConfigProblem(file: file, line: record.line, message: $0) }
        }
        return SignCatalog(signs: signs, problems: problems, file: file)
    }

    /// A repeated id: the article's title in another language for the same sign.
    private static func merge(_ sign: inout Sign, alternative: Sign, targetGiven: Bool) -> String? {
        let first = "the id \(sign.id) is already used on line \(sign.line)"
        guard sign.target != .kiosk else { return first + " (only online and redirect signs have titles in several languages)" }
        guard alternative.language != sign.language,
              !sign.otherLanguages.contains(where: { $0.language == alternative.language }) else {
            return first + " for language \(alternative.language)"
        }
        guard alternative.book.isEmpty || alternative.book == sign.book,
              alternative.target == sign.target || !targetGiven else {
            return first + " (a further line for a sign gives only a language and the title in it)"
        }
        sign.otherLanguages.append(.init(language: alternative.language, title: alternative.article, line: alternative.line))
        return nil
    }
}

/// The fields of one catalogue line, checked one by one.
struct SignRow {
    let fields: [String]

    init(_ fields: [String]) { self.fields = fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }

    subscript(_ column: Int) -> String { column < fields.count ? fields[column] : "" }

    func sign(line: Int, problems: inout [String]) -> Sign? {
        let id = self[0], book = self[1], article = self[2], label = self[3]
        let language = self[4].isEmpty ? "fr" : self[4].lowercased()
        if id.isEmpty {
            let hint = Sign.suggestedID(from: label.isEmpty ? article : label)
            problems.append("the id is empty" + (hint.isEmpty ? "" : " (for example \(hint))"))
        } else if !Sign.isValidID(id) {
            let hint = Sign.suggestedID(from: id)
            problems.append("the id “\(id)” must be 1 to \(Sign.maxIDLength) letters A-Z and digits, without accents, spaces or dashes"
                            + (hint.isEmpty ? "" : " (for example \(hint))"))
        }
        if article.isEmpty { problems.append("the article is empty (give its title or its path in the book)") }
        if !SettingsParser.isLanguageCode(language) {
            problems.append("the language “\(self[4])” must be a code such as fr, en, br, oc")
        }
        var target = SignTarget.kiosk
        if !self[5].isEmpty {
            if let parsed = SignTarget(rawValue: self[5].lowercased()) {
                target = parsed
            } else {
                let hint = Suggestion.closest(to: self[5].lowercased(), in: SignTarget.allCases.map(\.rawValue))
                problems.append("unknown target “\(self[5])”: kiosk, online or redirect" + (hint.map { " (did you mean \($0)?)" } ?? ""))
            }
        }
        let latitude = coordinate(self[6], name: "latitude", range: -90...90, problems: &problems)
        let longitude = coordinate(self[7], name: "longitude", range: -180...180, problems: &problems)
        if (latitude == nil) != (longitude == nil), problems.isEmpty {
            problems.append("give both latitude and longitude, or neither")
        }
        guard problems.isEmpty else { return nil }
        return Sign(id: id, book: book, article: article, label: label, language: language, target: target,
                    latitude: latitude, longitude: longitude, notes: self[8], line: line)
    }

    private func coordinate(_ text: String, name: String, range: ClosedRange<Double>, problems: inout [String]) -> Double? {
        guard !text.isEmpty else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), range.contains(value) else {
            problems.append("the \(name) “\(text)” must be a number of degrees between \(Int(range.lowerBound)) and \(Int(range.upperBound)) (e.g. 45.7772)")
            return nil
        }
        return value
    }
}
