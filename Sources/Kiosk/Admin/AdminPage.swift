/// One page of the staff area being rendered: its language, session and CSP nonce, and the
/// shared layout (header with the sections, sign-out form, inline style).
struct AdminPage {
    let t: AdminText
    /// nil on the login page.
    let session: AdminSessions.Session?
    let nonce = Sodium.randomToken()
    let kioskName: String

    /// The sections of the navigation: path, text key.
    static let sections: [(path: String, key: String)] = [
        ("/admin", "admin.nav.dashboard"), ("/admin/signs", "admin.nav.signs"),
        ("/admin/library", "admin.nav.library"), ("/admin/kiosk", "admin.nav.kiosk"), ("/admin/settings", "admin.nav.settings"),
    ]

    /// The hidden field every form of the session carries.
    var csrfField: HTML {
        guard let session else { return .empty }
        return "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrf)\">"
    }

    /// A whole page: `title`, the navigation (`active` highlighted), `body`, optional `script`
    /// (run with this page's CSP nonce).
    /// With `refresh`, the page reloads `refresh.url` every `refresh.seconds` (progress shown
    /// without JavaScript).
    func render(title: String, active: String?, body: HTML, script: HTML = .empty,
                refresh: (seconds: Int, url: String)? = nil) -> HTML {
        var nav: [HTML] = []
        if session != nil {
            nav = Self.sections.map { section in
                let current: HTML = section.path == active ? " aria-current=\"page\"" : .empty
                return "<a href=\"\(section.path)\"\(current)>\(t[section.key])</a>"
            }
            nav.append("<form method=\"post\" action=\"/admin/logout\" class=\"inline\">\(csrfField)"
                + "<button type=\"submit\" class=\"link\">\(t["admin.nav.logout"])</button></form>")
        }
        let languages: [HTML] = AdminText.languages(t.strings).filter { $0 != t.language }.map { code in
            let name = t.strings.text("admin.language.name", code)
            return "<a href=\"?lang=\(code)\" lang=\"\(code)\" hreflang=\"\(code)\">\(name)</a>"
        }
        var layout = PageLayout(language: t.language, title: "\(title) · \(kioskName)", style: Self.css, body: """
            <header><div class="wrap bar"><p class="brand">\(t["admin.brand"]) · \(kioskName)</p>\
            <nav aria-label="\(t["admin.nav.label"])">\(nav)<span class="langs">\(languages)</span></nav></div></header>
            <main class="wrap">
            <h1>\(title)</h1>
            \(body)
            </main>
            """)
        layout.head = "<meta name=\"robots\" content=\"noindex\">\n"
        if let refresh { layout.head += "<meta http-equiv=\"refresh\" content=\"\(String(refresh.seconds));url=\(refresh.url)\">\n" }
        layout.script = script
        layout.nonce = nonce
        return layout.render()
    }

    /// A message box (`kind`: ok, error, info).
    static func notice(_ message: HTML, kind: String) -> HTML {
        let role = kind == "error" ? "alert" : "status"
        return "<p class=\"notice \(kind)\" role=\"\(role)\">\(message)</p>\n"
    }

    static let css: HTML = """
        *{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
        color:#1b1b1b;background:#f4f5f7}.wrap{max-width:1040px;margin:0 auto;padding:0 14px}\
        header{background:#2a4b8d;color:#fff}.bar{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px;padding:8px 14px}\
        .brand{margin:0;font-weight:700}nav{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}\
        nav a,nav .link{color:#fff;text-decoration:none;padding:6px 2px;border-bottom:3px solid transparent}\
        nav a[aria-current]{border-bottom-color:#fff}.langs a{font-size:.9em;opacity:.9}\
        h1{font-size:1.45em;margin:18px 0 10px}h2{font-size:1.15em;margin:22px 0 8px}\
        .card{background:#fff;border:1px solid #d8dce3;border-radius:8px;padding:14px;margin:12px 0}\
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}\
        .num{background:#fff;border:1px solid #d8dce3;border-radius:8px;padding:10px 12px}\
        .num b{display:block;font-size:1.7em;color:#2a4b8d}.num span{font-size:.9em;color:#444}\
        table{border-collapse:collapse;width:100%;background:#fff;font-size:.95em}\
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6eb;vertical-align:top}\
        th{background:#eef1f6}td.n{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}\
        label{display:block;font-weight:600;margin:12px 0 4px}input[type=text],input[type=password],input[type=date],input[type=datetime-local],\
        input[type=search],select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #9aa3b2;border-radius:6px;background:#fff}\
        textarea{min-height:7em}button,.button{font:inherit;background:#2a4b8d;color:#fff;border:0;border-radius:6px;\
        padding:9px 16px;margin-top:12px;cursor:pointer;text-decoration:none;display:inline-block}\
        button.link{background:none;margin:0;padding:6px 2px;font-size:1em}.inline{display:inline}\
        .hint{color:#555;font-size:.9em;margin:4px 0}.notice{padding:10px 12px;border-radius:6px;margin:12px 0}\
        .notice.ok{background:#e3f4e6;border:1px solid #7cc08a}.notice.error{background:#fde8e8;border:1px solid #e08585}\
        .notice.info{background:#e8eefb;border:1px solid #9db4e4}.row{display:flex;flex-wrap:wrap;gap:10px;align-items:end}\
        .row>div{flex:1 1 160px}code{background:#eef1f6;padding:1px 4px;border-radius:4px;word-break:break-all}\
        .chart svg{display:block;max-width:100%;height:auto}.yes{color:#1b7a2f;font-weight:600}.no{color:#9a1c1c}\
        ul.sug{list-style:none;margin:4px 0;padding:0;border:1px solid #d8dce3;border-radius:6px;background:#fff}\
        ul.sug li button{background:none;color:#1b1b1b;margin:0;width:100%;text-align:left;border-radius:0}\
        ul.sug li button:hover,ul.sug li button:focus{background:#eef1f6}.preview img{max-width:100%;border:1px solid #ccc}\
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
        ul.jobs{list-style:none;padding:0}progress{width:100%;height:1.2em}\
        @media (max-width:600px){table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #d8dce3;padding:6px 0}\
        table.stack td{display:block;border:0;padding:2px 8px;text-align:left}\
        table.stack td[data-label]::before{content:attr(data-label) "\\00a0\\00a0";color:#555;font-weight:600}}
        """
}
