/// The HTML frame of the kiosk's own pages: small, readable on an old phone, no JavaScript.
enum PageShell {
    /// A whole page. `body` is trusted HTML; `title` is escaped here.
    static func render(title: String, language: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.htmlEscaped)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.htmlEscaped)</title>
        <style>\(style)</style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    static let style = """
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
        color:#1b1b1b;background:#f8f9fa;line-height:1.5}\
        main{max-width:44rem;margin:0 auto;padding:1rem}\
        h1{font-size:1.6rem;margin:.5rem 0}a{color:#0645ad}\
        ul.books{list-style:none;padding:0}\
        ul.books li{background:#fff;border:1px solid #c8ccd1;border-radius:6px;margin:.6rem 0;padding:.7rem;\
        display:flex;gap:.8rem;align-items:center}\
        ul.books img{width:48px;height:48px;flex:none}\
        .meta{color:#54595d;font-size:.9rem}
        """
}
