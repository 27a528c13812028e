import Foundation
import HTTPServer

/// `/admin/kiosk` ("Borne"): what a headless board on a shelf needs without a terminal — its
/// health (free space, temperature, under-voltage, whether the date is known), setting the date
/// from the staff member's phone when the board has no clock battery and no Internet, the Wi-Fi
/// name and channel, and a safe shutdown or restart. The service stays unprivileged: the
/// actions go through the root helper (`HelperCommand`), whose fixed list is all it can ask.
struct AdminKioskPage {
    let area: AdminArea

    func handle(_ parts: [String], _ request: Request, _ page: AdminPage) -> Response? {
        let actions = AdminKioskActions(area: area, kioskPage: self)
        switch (parts.first ?? "", request.method == .post) {
        case ("", false) where parts.isEmpty: return self.page(page)
        case ("time", true): return actions.setTime(request, page)
        case ("wifi", true): return actions.wifi(request, page)
        case ("power", false): return actions.confirmPower(request, page)
        case ("power", true): return actions.power(request, page)
        case ("kit", false): return actions.kit(request, page)
        default: return nil
        }
    }

    var helper: SystemHelperClient { area.options.systemHelper }

    /// The page, with `notice` on top.
    func page(_ page: AdminPage, notice: HTML = .empty, status: Int = 200) -> Response {
        let t = page.t
        var body = notice
        if !helper.isAvailable { body += AdminPage.notice(t["admin.kiosk.nohelper"], kind: "info") }
        body += health(t) + clock(t, page) + wifi(t, page) + power(t, page)
        body += "<h2 id=\"kit\">\(t["admin.kiosk.kit"])</h2>\n<p>\(t["admin.kiosk.kit.hint"])</p>\n"
            + "<p><a class=\"button\" href=\"/admin/kiosk/kit\" id=\"kit-download\">\(t["admin.kiosk.kit.download"])</a></p>\n"
        let html = page.render(title: t.plain("admin.nav.kiosk"), active: "/admin/kiosk", body: body,
                               script: HTML(trusted: Self.script))
        return AdminResponse.html(html, status: status, nonce: page.nonce)
    }

    private func health(_ t: AdminText) -> HTML {
        // The helper reads the firmware's flags and the temperature; without it, the kernel's temperature.
        var status = BoardHealth()
        if helper.isAvailable, case .success(let text) = helper.send(.status) { status = BoardHealth(helperStatus: text) }
        if status.temperature == nil { status.temperature = BoardHealth.temperature() }
        var cells: [(String, String)] = []
        for (key, folder) in AdminLibraryPage(area: area).folders() {
            guard let free = BookShelf.freeBytes(folder) else { continue }
            cells.append((ByteSize.text(free, t.language), t.plain(key)))
        }
        if let temperature = status.temperature {
            cells.append((String(format: "%.0f\u{00A0}°C", temperature), t.plain("admin.kiosk.temperature")))
        }
        var html: HTML = "<h2>\(t["admin.kiosk.health"])</h2>\n<div class=\"grid\">"
        for (value, label) in cells { html += "<div class=\"num\"><b>\(value)</b><span>\(label)</span></div>" }
        html += "</div>\n"
        if status.underVoltageNow || status.underVoltageSinceBoot {
            html += AdminPage.notice(t[status.underVoltageNow ? "admin.kiosk.undervoltage.now" : "admin.kiosk.undervoltage.boot"], kind: "error")
        }
        if status.isHot || status.throttledNow { html += AdminPage.notice(t["admin.kiosk.hot"], kind: "error") }
        if let free = area.options.stateDirectory.flatMap(BookShelf.freeBytes), free < 200_000_000 {
            html += AdminPage.notice(t["admin.kiosk.lowspace"], kind: "error")
        }
        if status.throttled == nil { html += "<p class=\"hint\">\(t["admin.kiosk.nothrottled"])</p>\n" }
        return html
    }

    private func clock(_ t: AdminText, _ page: AdminPage) -> HTML {
        let reading = area.options.clock.reading()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let now = formatter.string(from: Date(timeIntervalSince1970: reading.wall))
        var html: HTML = "<h2 id=\"clock\">\(t["admin.kiosk.clock"])</h2>\n"
        guard reading.level < .synchronised else {
            return html + "<p class=\"yes\">\(t["admin.kiosk.clock.ok", ["now": .text(now)]])</p>\n"
        }
        html += "<p class=\"no\">\(t["admin.kiosk.clock.unknown", ["now": .text(now)]])</p>\n"
        return html + """
            <form method="post" action="/admin/kiosk/time" class="card" id="timeform">\(page.csrfField)
            <input type="hidden" name="epoch" id="epoch" value="">
            <label for="datetime">\(t["admin.kiosk.clock.field"])</label>
            <input type="datetime-local" id="datetime" name="datetime" required aria-describedby="timehint">
            <p class="hint" id="timehint">\(t["admin.kiosk.clock.hint"])</p>
            <button type="submit">\(t["admin.kiosk.clock.set"])</button></form>\n
            """
    }

    private func wifi(_ t: AdminText, _ page: AdminPage) -> HTML {
        let hotspot = area.context.settings.current.hotspot
        let channels: [HTML] = (1...13).map { channel in
            "<option value=\"\(String(channel))\"\(channel == hotspot.channel ? " selected" : "")>\(String(channel))</option>"
        }
        return """
            <h2 id="wifi">\(t["admin.kiosk.wifi"])</h2>
            <form method="post" action="/admin/kiosk/wifi" class="card">\(page.csrfField)
            <div class="row"><div><label for="ssid">\(t["admin.kiosk.wifi.name"])</label>
            <input type="text" id="ssid" name="ssid" maxlength="32" required value="\(hotspot.ssid)"></div>
            <div><label for="channel">\(t["admin.kiosk.wifi.channel"])</label><select id="channel" name="channel">\(channels)</select></div></div>
            <p class="hint">\(t["admin.kiosk.wifi.hint"])</p>
            <button type="submit">\(t["admin.kiosk.wifi.check"])</button></form>\n
            """
    }

    private func power(_ t: AdminText, _ page: AdminPage) -> HTML {
        """
        <h2 id="power">\(t["admin.kiosk.power"])</h2>
        <p>\(t["admin.kiosk.power.hint"])</p>
        <p><a class="button" href="/admin/kiosk/power?action=poweroff">\(t["admin.kiosk.poweroff"])</a> \
        <a class="button" href="/admin/kiosk/power?action=reboot">\(t["admin.kiosk.reboot"])</a></p>\n
        """
    }

    /// Fills the time form with the phone's own clock (sent as seconds since 1970, so the
    /// phone's time zone does not matter) and shows it in the field.
    static let script = """
        (function(){var f=document.getElementById('timeform');if(!f)return;var d=document.getElementById('datetime'),\
        e=document.getElementById('epoch');function two(n){return(n<10?'0':'')+n}var n=new Date();\
        d.value=n.getFullYear()+'-'+two(n.getMonth()+1)+'-'+two(n.getDate())+'T'+two(n.getHours())+':'+two(n.getMinutes());\
        f.addEventListener('submit',function(){var typed=new Date(d.value);e.value=String(Math.round(\
        (isNaN(typed.getTime())?Date.now():typed.getTime())/1000))})})();
        """
}
