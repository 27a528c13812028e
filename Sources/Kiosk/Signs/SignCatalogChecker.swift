/// Checks a catalogue against the books: every article must be found (kiosk signs) and every
/// book named must be loaded; problems name the catalogue line and the closest titles.
/// `wikikiosk sign --check` prints `check`; the staff area's signs page shows `findings`.
public enum SignCatalogChecker {
    /// One line of the catalogue that needs fixing.
    public struct Finding: Sendable {
        public let line: Int?
        /// The sign the line describes (nil for a line that could not be read as one).
        public let signID: String?
        /// Why, in the command line's English.
        public let message: String
        /// Why, for the staff area to word and to offer a fix.
        public let reason: SignError.Reason
    }

    /// The catalogue's own problems and those found against the books, in line order.
    public static func findings(_ catalog: SignCatalog, composer: SignComposer) -> [Finding] {
        var findings = catalog.problems.map { Finding(line: $0.line, signID: nil, message: $0.message, reason: .other) }
        for sign in catalog.signs {
            do {
                _ = try composer.compose(sign)
            } catch {
                findings.append(Finding(line: sign.line, signID: sign.id, message: "sign \(sign.id): \(error.message)",
                                        reason: error.reason))
            }
        }
        return findings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// The same as configuration problems (file, line, message), for the command line.
    public static func check(_ catalog: SignCatalog, composer: SignComposer) -> [ConfigProblem] {
        findings(catalog, composer: composer).map { ConfigProblem(file: catalog.file, line: $0.line, message: $0.message) }
    }
}
