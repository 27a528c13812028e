/// The frame of the kiosk's own small visitor pages (errors, search results, unknown signs):
/// the shared `PageLayout` with a centred column, no JavaScript, light or dark as the phone is.
enum VisitorPage {
    /// A whole page around `body`, with `style` after the visitor style and `dark` after its
    /// dark-mode colours.
    static func render(title: String, language: String, body: HTML, style: HTML = .empty, dark: HTML = .empty) -> HTML {
        var layout = PageLayout(language: language, title: title, style: Self.style + style,
                                body: "<main>\n\(body)\n</main>")
        layout.darkStyle = Self.dark + dark
        return layout.render()
    }

    static let dark: HTML = "ul.books li{background:#1e232a;border-color:#3a4350}.meta{color:#b5bcc6}"

    static let style: HTML = """
        main{max-width:44rem;margin:0 auto;padding:1rem}\
        h1{font-size:1.6rem;margin:.5rem 0}\
        ul.books{list-style:none;padding:0}\
        ul.books li{background:#fff;border:1px solid #c8ccd1;border-radius:6px;margin:.6rem 0;padding:.7rem;\
        display:flex;gap:.8rem;align-items:center}\
        ul.books img{width:48px;height:48px;flex:none}\
        .meta{color:#54595d;font-size:.9rem}\
        main p>a:only-child{display:inline-block;padding:.6rem 0;min-height:2.75rem}
        """
}
