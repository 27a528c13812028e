/// The staff area's strings in one language: the kiosk's translation files
/// (`kiosk-config/locales/<language>.ini`, e.g. `admin.login.title = …`) first, then the
/// built-in `AdminStrings`: the same mechanism as the landing page.
struct AdminText: Sendable {
    let strings: StringCatalog
    let language: String

    /// The text for `key`, escaped for HTML.
    subscript(key: String) -> String { plain(key).htmlEscaped }

    /// The text for `key` with `%@` replaced by `argument`, escaped for HTML.
    subscript(key: String, _ argument: String) -> String {
        plain(key).replacingOccurrences(of: "%@", with: argument).htmlEscaped
    }

    /// The text for `key`, not escaped.
    func plain(_ key: String) -> String {
        strings.text(key, language)
    }

    /// The languages the staff area can be shown in (those with built-in or file strings).
    static func languages(_ strings: StringCatalog) -> [String] {
        strings.languages.filter { strings.has("admin.language.name", in: $0) }
    }
}
