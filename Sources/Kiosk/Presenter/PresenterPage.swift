import Foundation
import HTTPServer

/// `/presenter`: the screen a mediator projects in a workshop (or a tablet on a stand): the
/// kiosk's name and place, two big QR codes — join the Wi-Fi (`WIFI:`), then open the kiosk's
/// address — and how many phones are on the kiosk and reading now, readable from the back of a
/// room. It updates itself: every 10 s where JavaScript runs (`/presenter/now`), else by
/// reloading every 30 s. Nothing private is on it, so anyone on the kiosk may open it. Staff
/// signed in open it as `/admin/presenter`, with the session's controls below the codes.
struct PresenterPage: RouteHandler {
    let context: KioskContext
    let live: LiveDevices

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        let parts = segments.filter { !$0.isEmpty }
        if parts == ["now"] {
            let counts = live.counts
            var response = Response.json(Array("{\"onKiosk\": \(counts.onKiosk), \"reading\": \(counts.reading)}".utf8))
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        guard parts.isEmpty else { throw .notFound }
        let language = context.language(for: request)
        var response = Response.page(page(language: language), language: language)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Vary", "Accept-Language")
        return response
    }

    /// The screen in `language`; `staff`, the session's controls on the staff's own screen
    /// (`/admin/presenter`), run under the staff area's CSP `nonce`.
    func page(language: String, staff: HTML = .empty, staffLabel: String = "", nonce: String? = nil) -> HTML {
        let settings = context.settings.current
        let strings = context.strings.overlaid(with: settings.landingTexts)
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> HTML { strings.html(key, language, arguments) }
        let ssid = settings.hotspot.ssid
        let url = settings.canonicalURL
        let shown = url.replacingOccurrences(of: "http://", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        func code(_ payload: String, _ label: String) -> HTML {
            (try? QRCode(payload, level: .M)).map { $0.svg(label: label) } ?? .empty
        }
        let counts = live.counts
        var layout = PageLayout(language: language, title: "\(settings.name) · \(strings.text("presenter.title", language))", style: Self.style, body: """
            <main>
            <header><h1>\(settings.name)</h1><p>\(settings.place)</p></header>
            <div class="codes">
            <figure>\(code(SignLinks.wifiPayload(ssid: ssid), strings.text("presenter.join", language, ["ssid": .text(ssid)])))\
            <figcaption>\(t("presenter.join", ["ssid": .text(ssid)]))</figcaption></figure>
            <figure>\(code(url, strings.text("presenter.open", language, ["url": .text(shown)])))\
            <figcaption>\(t("presenter.open", ["url": .text(shown)]))</figcaption></figure>
            </div>
            <p class="now" aria-live="polite"><span id="onkiosk">\(t("presenter.onkiosk", ["count": .number(counts.onKiosk)]))</span> · \
            <span id="reading">\(t("presenter.reading", ["count": .number(counts.reading)]))</span></p>
            \(staff.isEmpty ? HTML.empty : "<section class=\"staff\" aria-label=\"\(staffLabel)\">\(staff)</section>")
            </main>
            """)
        layout.nonce = nonce
        // Without JavaScript the page reloads itself; with it, the counts are fetched instead
        // (no reload under a reader's eyes: WCAG's timing rule, axe's meta-refresh).
        layout.head = "<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>\n"
        let templates = ["presenter.onkiosk", "presenter.reading"].map { key in
            (key, (0...12).map { strings.text(key, language, ["count": .number($0)]) })
        }
        layout.script = HTML(trusted: Self.script(templates))
        return layout.render()
    }

    /// Polls `/presenter/now` every 10 s; the sentences come written for 0–12 and, above, the
    /// plural form of 12 with the number replaced (enough for a room of phones).
    static func script(_ templates: [(String, [String])]) -> String {
        let json = templates.map { key, texts in
            "\"\(key)\": [" + texts.map { String(decoding: JSONText.encode($0), as: UTF8.self) }.joined(separator: ",") + "]"
        }.joined(separator: ",")
        return """
            (function(){var T={\(json)};function say(k,n){var a=T[k];return n<a.length?a[n]:a[a.length-1].replace(/\\d+/,String(n))}\
            function tick(){fetch('/presenter/now',{cache:'no-store'}).then(function(r){return r.json()}).then(function(d){\
            document.getElementById('onkiosk').textContent=say('presenter.onkiosk',d.onKiosk);\
            document.getElementById('reading').textContent=say('presenter.reading',d.reading)}).catch(function(){})}\
            setInterval(tick,10000)})();
            """
    }

    static let style: HTML = """
        body{margin:0;background:#fff;color:#111}main{min-height:100vh;display:flex;flex-direction:column;\
        justify-content:center;padding:2vh 3vw;box-sizing:border-box}header{text-align:center}\
        h1{font-size:clamp(1.6rem,4.4vw,3.4rem);margin:0}header p{font-size:clamp(1rem,2.4vw,2rem);margin:.3em 0 0;color:#333}\
        .codes{display:flex;flex-wrap:wrap;justify-content:center;gap:4vw;margin:2vh 0}\
        figure{margin:0;text-align:center;flex:1 1 18rem;max-width:40vw}\
        figure svg{width:min(30vw,44vh);height:auto;display:block;margin:0 auto}\
        figcaption{font-size:clamp(1.1rem,2.4vw,2.2rem);font-weight:700;margin-top:.4em;overflow-wrap:anywhere}\
        .now{text-align:center;font-size:clamp(1rem,2.4vw,2.2rem);margin:0;color:#222}\
        .staff{max-width:44rem;margin:2vh auto 0;border-top:1px solid #ccc;padding-top:1vh;font-size:1rem}\
        .staff h2{font-size:1.2rem;margin:.2em 0}.staff label{display:block;margin-top:.4em}\
        .staff input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}.staff .inline{display:inline-block;margin:.3em .5em .3em 0}\
        .staff button{font:inherit;font-weight:700;min-height:2.75rem;padding:.4rem 1rem}.staff .hint{color:#555;font-size:.9rem}\
        @media (max-width:600px){figure{max-width:none}figure svg{width:70vw}}
        """
}
