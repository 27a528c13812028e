/// The values of `events.kind` in the usage database: one list for the writer that stores them
/// and the report's SQL that reads them.
enum EventKind: String, CaseIterable, Sendable {
    case landing, view, search, suggest, sign, portal, catalog, answer

    /// The stored kind of a visitor's event.
    init(_ kind: UsageEvent.Kind) {
        switch kind {
        case .landingView: self = .landing
        case .articleView: self = .view
        case .search: self = .search
        case .suggestion: self = .suggest
        case .signScan: self = .sign
        case .portal: self = .portal
        case .catalog: self = .catalog
        case .answer: self = .answer
        }
    }

    /// The kind as an SQL string literal (`'view'`).
    var sql: String { "'\(rawValue)'" }

    /// Kinds that make a device count as reached: it did something a person does.
    static let visits: [EventKind] = [.view, .landing, .search, .sign]

    /// `kinds` as an SQL list (`('view', 'landing')`).
    static func sqlList(_ kinds: [EventKind]) -> String { "(" + kinds.map(\.sql).joined(separator: ", ") + ")" }
}
