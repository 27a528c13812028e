/// The one document frame of every page the kiosk writes — visitor pages, the staff area,
/// the usage report: language and writing direction, viewport, title, one style sheet, an
/// optional script with its CSP nonce. Pages give their own body and style; nothing else
/// about a document is written anywhere else.
public struct PageLayout: Sendable {
    /// The page's language (`lang`), which also sets `dir` (right to left for Arabic…).
    public var language: String
    /// The `<title>`, as text.
    public var title: String
    /// The page's own style sheet, after the shared base.
    public var style: HTML
    /// The content of `<body>`.
    public var body: HTML
    /// A script at the end of the body (`nonce` lets a page with a strict CSP run it).
    public var script: HTML = .empty
    public var nonce: String? = nil
    /// A style sheet to link after the inline style (the landing page's, cached for a year).
    public var stylesheet: String? = nil
    /// Extra `<head>` elements (e.g. `<meta name="robots" content="noindex">`).
    public var head: HTML = .empty
    /// Colours for the phone's dark mode, after the shared dark base; nil for pages that stay
    /// light (the staff area and the report, which are printed and have their own colours).
    public var darkStyle: HTML? = nil

    public init(language: String, title: String, style: HTML = .empty, body: HTML) {
        self.language = language
        self.title = title
        self.style = style
        self.body = body
    }

    /// `ltr` or `rtl`, from the language.
    public var direction: String { StringCatalog.direction(of: language) }

    /// The whole document.
    public func render() -> HTML {
        let nonceAttribute: HTML = nonce.map { " nonce=\"\($0)\"" } ?? .empty
        let link: HTML = stylesheet.map { "<link rel=\"stylesheet\" href=\"\($0)\">\n" } ?? .empty
        let scriptTag: HTML = script.isEmpty ? .empty : "<script\(nonceAttribute)>\(script)</script>\n"
        let scheme: HTML = darkStyle == nil ? .empty : "<meta name=\"color-scheme\" content=\"light dark\">\n"
        let dark: HTML = darkStyle.map { "@media (prefers-color-scheme:dark){\(Self.darkBase)\($0)}" } ?? .empty
        return """
            <!DOCTYPE html>
            <html lang="\(language)" dir="\(direction)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(scheme)\(head)<title>\(title)</title>
            <style>\(Self.base)\(style)\(dark)</style>
            \(link)</head>
            <body>
            \(body)
            \(scriptTag)</body>
            </html>

            """
    }

    /// The dark colours every page with a `darkStyle` shares (contrast ≥ 4.5, checked by
    /// `LandingStyle.textPairs`' test). Form controls follow `color-scheme`.
    static let darkBase: HTML = "body{color:#eaecf0;background:#121519}a{color:#9cbcff}"

    /// What every kiosk page shares: the system font, readable line length, a visible focus.
    static let base: HTML = """
        *{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
        line-height:1.5;color:#1b1b1b;background:#f8f9fa}a{color:#0645ad}\
        :focus-visible{outline:3px solid #f0a500;outline-offset:2px}
        """
}
