import Foundation
import HTTPServer

/// The Kiosk page's forms: set the date, change the Wi-Fi (a confirmation that shows the new
/// name first: every phone will be disconnected), shut down or restart (a confirmation, then a
/// page that says when it is safe to unplug). Each asks the root helper; a shutdown, restart or
/// Wi-Fi change is done a moment after the answer is sent, so the phone gets it.
struct AdminKioskActions {
    let area: AdminArea
    let kioskPage: AdminKioskPage

    private var helper: SystemHelperClient { area.options.systemHelper }

    func setTime(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        let epoch = request.form["epoch"].flatMap(Int.init) ?? Self.epoch(ofLocal: request.form["datetime"] ?? "")
        guard let epoch, case .success(let command) = HelperCommand.parse("set-time \(epoch)") else {
            return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.clock.bad"], kind: "error"), status: 400)
        }
        switch helper.send(command) {
        case .success:
            area.context.log.info("staff area: the clock was set by hand to \(epoch)")
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            let text = formatter.string(from: Date(timeIntervalSince1970: Double(epoch)))
            return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.clock.done", ["now": .text(text)]], kind: "ok"))
        case .failure(let failure):
            return kioskPage.page(page, notice: refusal(failure, t), status: 502)
        }
    }

    /// "2026-12-04T14:30" in the kiosk's time zone.
    static func epoch(ofLocal text: String) -> Int? {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        formatter.timeZone = .current
        return formatter.date(from: text).map { Int($0.timeIntervalSince1970) }
    }

    func wifi(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        let ssid = (request.form["ssid"] ?? "").trimmingCharacters(in: .whitespaces)
        let channel = request.form["channel"] ?? ""
        let check = SettingsParser.parse("[hotspot]\nssid = \(ssid.replacingOccurrences(of: "\n", with: " "))\nchannel = \(channel)\n",
                                         file: "wikikiosk.conf")
        guard check.problems.isEmpty, !ssid.isEmpty, let number = Int(channel) else {
            let message = check.problems.first.map(\.message) ?? "?"
            return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.wifi.bad", ["reason": .text(message)]], kind: "error"),
                                  status: 400)
        }
        guard request.form["confirm"] == "1" else {
            let body: HTML = """
                <div class="card"><p>\(t["admin.kiosk.wifi.confirm", ["ssid": .text(ssid), "channel": .number(number)]])</p>
                <p><b>\(t["admin.kiosk.wifi.disconnect", ["ssid": .text(ssid)]])</b></p>
                <form method="post" action="/admin/kiosk/wifi">\(page.csrfField)<input type="hidden" name="ssid" value="\(ssid)">\
                <input type="hidden" name="channel" value="\(String(number))"><input type="hidden" name="confirm" value="1">\
                <button type="submit">\(t["admin.kiosk.wifi.apply"])</button> <a class="button" href="/admin/kiosk">\(t["admin.kiosk.cancel"])</a></form></div>
                """
            return AdminResponse.html(page.render(title: t.plain("admin.kiosk.wifi"), active: "/admin/kiosk", body: body), nonce: page.nonce)
        }
        guard let file = area.options.configFile else {
            return kioskPage.page(page, notice: AdminPage.notice(t["admin.settings.nofile"], kind: "error"), status: 409)
        }
        do {
            let original = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            try AtomicFile.write(Array(HotspotRewriter.rewrite(original, ssid: ssid, channel: number).utf8), to: file)
        } catch {
            return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.wifi.bad", ["reason": .text("\(error)")]], kind: "error"),
                                  status: 500)
        }
        var settings = area.context.settings.current
        settings.hotspot.ssid = ssid
        settings.hotspot.channel = number
        area.context.settings.replace(with: settings)
        guard helper.isAvailable else {
            return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.wifi.saved", ["ssid": .text(ssid)]], kind: "info"))
        }
        area.context.log.info("staff area: Wi-Fi set to “\(ssid)” on channel \(number); applying")
        later(.applyHotspot)
        return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.wifi.done", ["ssid": .text(ssid)]], kind: "ok"))
    }

    func confirmPower(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        guard let action = request.query["action"], action == "poweroff" || action == "reboot" else { return kioskPage.page(page) }
        let body: HTML = """
            <div class="card"><p>\(t["admin.kiosk.\(action).confirm"])</p>
            <form method="post" action="/admin/kiosk/power">\(page.csrfField)<input type="hidden" name="action" value="\(action)">\
            <button type="submit">\(t["admin.kiosk.\(action)"])</button> <a class="button" href="/admin/kiosk">\(t["admin.kiosk.cancel"])</a></form></div>
            """
        return AdminResponse.html(page.render(title: t.plain("admin.kiosk.\(action)"), active: "/admin/kiosk", body: body), nonce: page.nonce)
    }

    func power(_ request: Request, _ page: AdminPage) -> Response {
        let t = page.t
        let command: HelperCommand
        switch request.form["action"] {
        case "poweroff": command = .poweroff
        case "reboot": command = .reboot
        default: return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.bad"], kind: "error"), status: 400)
        }
        guard helper.isAvailable else {
            return kioskPage.page(page, notice: AdminPage.notice(t["admin.kiosk.nohelper"], kind: "error"), status: 503)
        }
        area.context.log.info("staff area: \(command.line) asked")
        later(command)
        let key = command == .poweroff ? "admin.kiosk.poweroff.done" : "admin.kiosk.reboot.done"
        let body: HTML = "<div class=\"card\" role=\"status\"><p>\(t[key])</p></div>"
        return AdminResponse.html(page.render(title: t.plain("admin.kiosk.\(command.line)"), active: "/admin/kiosk", body: body),
                                  nonce: page.nonce)
    }

    /// The replication kit of this kiosk, as a download (no usage data).
    func kit(_ request: Request, _ page: AdminPage) -> Response {
        guard let file = area.options.configFile else {
            return kioskPage.page(page, notice: AdminPage.notice(page.t["admin.settings.nofile"], kind: "error"), status: 409)
        }
        let archive = NSTemporaryDirectory() + "wikikiosk-kit-\(UUID().uuidString).tar.gz"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        do {
            try ReplicationKit.export(config: (file as NSString).deletingLastPathComponent, books: area.context.library.books,
                                      to: archive, build: area.options.build)
        } catch {
            return kioskPage.page(page, notice: refusal(.init(message: error.description), page.t), status: 500)
        }
        guard let bytes = FileManager.default.contents(atPath: archive) else { return kioskPage.page(page, status: 500) }
        let name = BookNaming.name(forFile: area.context.settings.current.name).lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }
        return AdminResponse.download(Array(bytes), contentType: "application/gzip", fileName: "wikikiosk-kit-\(name.isEmpty ? "borne" : name).tar.gz")
    }

    /// Asks the helper for `command` once the answer has had time to leave.
    private func later(_ command: HelperCommand) {
        let helper = helper
        let log = area.context.log
        DispatchQueue.global().asyncAfter(deadline: .now() + area.options.systemActionDelay) {
            if case .failure(let failure) = helper.send(command) { log.error("system helper: \(command.line): \(failure.message)") }
        }
    }

    private func refusal(_ failure: SystemHelper.Failure, _ t: AdminText) -> HTML {
        AdminPage.notice(t["admin.kiosk.failed", ["reason": .text(failure.message)]], kind: "error")
    }
}
