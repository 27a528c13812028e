/// The staff area's strings in one language, from the one string catalog (`admin.…` keys:
/// built in, or overridden by `kiosk-config/locales/<language>.ini`).
struct AdminText: Sendable {
    let strings: StringCatalog
    let language: String

    /// The text for `key` with its `{parameters}` filled in, as HTML.
    subscript(key: String, arguments: [String: TextArgument] = [:]) -> HTML {
        strings.html(key, language, arguments)
    }

    /// The text for `key`, as plain text (titles, attribute values built elsewhere).
    func plain(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
        strings.text(key, language, arguments)
    }

    /// A number grouped as the language writes it.
    func number(_ value: Int) -> String { NumberText.grouped(value, language: language) }

    /// The languages the staff area can be shown in (those with built-in or file strings).
    static func languages(_ strings: StringCatalog) -> [String] {
        strings.languages.filter { strings.has("admin.language.name", in: $0) }
    }
}
