/// The frame of the kiosk's own small visitor pages (errors, search results, unknown signs):
/// the shared `PageLayout` with a centred column, no JavaScript.
enum VisitorPage {
    /// A whole page around `body`, with `style` after the visitor style.
    static func render(title: String, language: String, body: HTML, style: HTML = .empty) -> HTML {
        PageLayout(language: language, title: title, style: Self.style + style,
                   body: "<main>\n\(body)\n</main>").render()
    }

    static let style: HTML = """
        main{max-width:44rem;margin:0 auto;padding:1rem}\
        h1{font-size:1.6rem;margin:.5rem 0}\
        ul.books{list-style:none;padding:0}\
        ul.books li{background:#fff;border:1px solid #c8ccd1;border-radius:6px;margin:.6rem 0;padding:.7rem;\
        display:flex;gap:.8rem;align-items:center}\
        ul.books img{width:48px;height:48px;flex:none}\
        .meta{color:#54595d;font-size:.9rem}
        """
}
