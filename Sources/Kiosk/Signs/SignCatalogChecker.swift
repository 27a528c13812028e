/// Checks a catalogue against the books: every article must be found (kiosk signs) and every
/// book named must be loaded; problems name the catalogue line and the closest titles.
public enum SignCatalogChecker {
    /// The catalogue's own problems followed by those found against the books, in line order.
    public static func check(_ catalog: SignCatalog, composer: SignComposer) -> [ConfigProblem] {
        var problems = catalog.problems
        for sign in catalog.signs {
            do {
                _ = try composer.compose(sign)
            } catch {
                problems.append(ConfigProblem(file: catalog.file, line: sign.line, message: "sign \(sign.id): \(error.message)"))
            }
        }
        return problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}
