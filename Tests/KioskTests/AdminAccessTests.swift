import Foundation
import HTTPServer
import Testing
@testable import Kiosk

/// The staff area's locks: no session, no content; passwords hashed with Argon2id; wrong
/// passwords slowed down; CSRF; sessions that expire; network restriction; own host names.
@Suite("Staff area access")
struct AdminAccessTests {
    /// Every route of the staff area, with the method it answers.
    static let routes: [(HTTPMethod, String)] = [
        (.get, "/admin"), (.get, "/admin/"), (.head, "/admin"), (.get, "/admin/library"), (.get, "/admin/settings"),
        (.post, "/admin/settings"), (.get, "/admin/api/today"), (.get, "/admin/api/dashboard"),
        (.get, "/admin/report?from=2026-01-01&to=2026-01-31&format=csv"), (.get, "/admin/report?format=html"),
        (.get, "/admin/signs"), (.get, "/admin/signs/preview?book=ville&article=Cath%C3%A9drale"),
        (.get, "/admin/signs/pdf?book=ville&article=Cath%C3%A9drale&label=X&id=X"), (.post, "/admin/signs/add"),
        (.post, "/admin/logout"), (.get, "/admin/nothing-here"), (.get, "/admin/api/nothing"),
    ]

    @Test func everyRouteNeedsASession() throws {
        let kiosk = try AdminKiosk(stats: true)
        for cookie in [nil, "0123456789abcdef0123456789abcdef", "garbage"] {
            for (method, target) in Self.routes {
                let response = kiosk.request(method, target, cookie: cookie, form: method == .post ? [("csrf", "x")] : nil)
                #expect([303, 401, 403].contains(response.status), "\(method) \(target): \(response.status)")
                #expect(response.headers["Cache-Control"] == "no-store", "\(target)")
                if response.status == 303 { #expect(response.headers["Location"] == "/admin/login") }
                if target.hasPrefix("/admin/api") { #expect(response.status == 401, "\(target)") }
                #expect(!response.bodyText.contains("ville"), "\(target) leaks content")
                #expect(response.headers["Content-Disposition"] == nil)
            }
        }
    }

    @Test func withoutPasswordTheAreaExplainsAndStaysClosed() throws {
        let kiosk = try AdminKiosk(withPassword: false)
        let page = kiosk.request(.get, "/admin/login", headers: [("Accept-Language", "en")])
        #expect(page.status == 200)
        #expect(page.bodyText.contains("wikikiosk admin set-password"))
        #expect(!page.bodyText.contains("type=\"password\""))
        #expect(page.headers["Cache-Control"] == "no-store")
        let attempt = kiosk.request(.post, "/admin/login", form: [("password", "anything at all")])
        #expect(attempt.status == 403)
        #expect(attempt.headers["Set-Cookie"] == nil)
        #expect(kiosk.request(.get, "/admin").status == 303)
    }

    @Test func storedHashIsArgon2idAndNeverThePassword() throws {
        let kiosk = try AdminKiosk()
        let stored = try String(contentsOfFile: kiosk.options.passwordFile!, encoding: .utf8)
        #expect(stored.hasPrefix("$argon2id$"))
        #expect(!stored.contains(AdminKiosk.password))
        var info = stat()
        #expect(stat(kiosk.options.passwordFile!, &info) == 0)
        #expect(info.st_mode & 0o007 == 0, "the hash file is not world-readable")
        #expect(AdminPassword(file: kiosk.options.passwordFile!).verify(AdminKiosk.password))
        #expect(!AdminPassword(file: kiosk.options.passwordFile!).verify("correct horse battery!"))
        let config = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        #expect(!config.contains(AdminKiosk.password))
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndOpensTheArea() throws {
        let kiosk = try AdminKiosk()
        let response = kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)])
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "/admin")
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Path=/admin"))
        let id = String(cookie.split(separator: ";")[0].split(separator: "=")[1])
        #expect(id.count == 32 && id.allSatisfy(\.isHexDigit), "128 random bits in hex")
        let dashboard = kiosk.request(.get, "/admin", cookie: id)
        #expect(dashboard.status == 200)
        #expect(dashboard.headers["Cache-Control"] == "no-store")
        #expect(dashboard.bodyText.contains("name=\"csrf\""))
        for target in ["/admin/library", "/admin/settings", "/admin/signs"] {
            let page = kiosk.request(.get, target, cookie: id)
            #expect(page.status == 200, "\(target)")
            #expect(page.headers["Cache-Control"] == "no-store")
        }
    }

    @Test func wrongPasswordsAreRateLimitedPerDevice() throws {
        let kiosk = try AdminKiosk()
        for attempt in 1...4 {
            let response = kiosk.request(.post, "/admin/login", form: [("password", "wrong \(attempt)")])
            #expect(response.status == 401, "attempt \(attempt)")
        }
        let fifth = kiosk.request(.post, "/admin/login", form: [("password", "wrong 5")])
        #expect(fifth.status == 429)
        // Locked: even the right password gets 429, with Retry-After.
        let locked = kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)])
        #expect(locked.status == 429)
        let retry = try #require(locked.headers["Retry-After"].flatMap(Int.init))
        #expect(retry > 0 && retry <= 30)
        #expect(locked.headers["Set-Cookie"] == nil)
        // Another device is not affected.
        #expect(kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)], address: "192.168.1.21").status == 303)
        // Back-off doubles.
        kiosk.clock.advance(31)
        #expect(kiosk.request(.post, "/admin/login", form: [("password", "wrong 6")]).status == 429)
        let second = kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)])
        #expect(second.status == 429)
        #expect((second.headers["Retry-After"].flatMap(Int.init) ?? 0) > 30)
        kiosk.clock.advance(61)
        #expect(kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)]).status == 303)
    }

    /// 100 addresses guessing once each: only the minute's budget of Argon2id checks runs, the
    /// rest get the 429 page with the wait; a minute later the right password works again.
    @Test func passwordChecksAreLimitedAcrossAllAddresses() throws {
        let kiosk = try AdminKiosk(checksPerMinute: 5)
        var statuses: [Int] = []
        var waits: [Int] = []
        for index in 0..<100 {
            let response = kiosk.request(.post, "/admin/login", form: [("password", "guess \(index)")],
                                         address: "10.1.\(index / 200).\(index % 200 + 1)")
            statuses.append(response.status)
            if response.status == 429 { waits.append(response.headers["Retry-After"].flatMap(Int.init) ?? 0) }
        }
        #expect(statuses.filter { $0 == 401 }.count == 5)
        #expect(statuses.filter { $0 == 429 }.count == 95)
        #expect(waits.allSatisfy { (1...60).contains($0) })
        #expect(kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)], address: "10.9.0.1").status == 429)
        kiosk.clock.advance(61)
        #expect(kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)], address: "10.9.0.1").status == 303)
    }

    @Test func forgottenDevicesLeaveTheThrottleTable() {
        let clock = AdminClock()
        let throttle = LoginThrottle(clock: clock.read)
        for index in 0..<500 { throttle.failed("10.0.\(index / 250).\(index % 250)") }
        #expect(throttle.rememberedDevices == 500)
        clock.advance(3601)
        throttle.failed("10.9.9.9")
        #expect(throttle.rememberedDevices == 1)
    }

    @Test func postsWithoutTheSessionsCSRFTokenAreRefused() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        let fields = [("name", "Changed"), ("place", ""), ("featured", "")]
        for form in [fields, fields + [("csrf", "")], fields + [("csrf", String(repeating: "0", count: 32))]] {
            let response = kiosk.request(.post, "/admin/settings", cookie: session.id, form: form)
            #expect(response.status == 403)
            // A page in the staff member's language that says what to do, with the staff headers.
            #expect(response.bodyText.contains("rechargez la page et recommencez"))
            #expect(response.headers["Content-Security-Policy"]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers["Cache-Control"] == "no-store")
        }
        #expect(kiosk.settings.current.name != "Changed")
        // Another session's token does not work either.
        let other = try kiosk.login()
        #expect(kiosk.request(.post, "/admin/settings", cookie: session.id, form: fields + [("csrf", other.csrf)]).status == 403)
        // A cross-site post with the right token is refused too.
        let cross = kiosk.request(.post, "/admin/logout", cookie: session.id, form: [("csrf", session.csrf)],
                                  headers: [("Host", "wikikiosk.lan"), ("Origin", "http://evil.example")])
        #expect(cross.status == 403)
        // The real token signs out.
        let logout = kiosk.request(.post, "/admin/logout", cookie: session.id, form: [("csrf", session.csrf)],
                                   headers: [("Host", "wikikiosk.lan"), ("Origin", "http://wikikiosk.lan")])
        #expect(logout.status == 303)
        #expect(kiosk.request(.get, "/admin", cookie: session.id).status == 303)
    }

    @Test func sessionsExpire() throws {
        let kiosk = try AdminKiosk()
        let session = try kiosk.login()
        kiosk.clock.advance(500)
        #expect(kiosk.request(.get, "/admin/library", cookie: session.id).status == 200, "activity keeps it alive")
        kiosk.clock.advance(601)
        let idle = kiosk.request(.get, "/admin/library", cookie: session.id)
        #expect(idle.status == 303, "idle for longer than the timeout")
        #expect(kiosk.request(.get, "/admin/api/today", cookie: session.id).status == 401)
        // An active session still ends after its lifetime.
        let active = try kiosk.login()
        for _ in 0..<8 {
            kiosk.clock.advance(500)
            _ = kiosk.request(.get, "/admin/library", cookie: active.id)
        }
        #expect(kiosk.request(.get, "/admin/library", cookie: active.id).status == 303)
    }

    @Test func networksRestrictTheWholeArea() throws {
        let kiosk = try AdminKiosk(networks: ["192.168.1.0/24", "::1"])
        #expect(kiosk.settings.current.adminNetworks.count == 2)
        #expect(kiosk.request(.get, "/admin/login", address: "10.42.0.23").status == 403)
        #expect(kiosk.request(.post, "/admin/login", form: [("password", AdminKiosk.password)], address: "10.42.0.23").status == 403)
        #expect(kiosk.request(.get, "/admin/login", address: "192.168.1.7").status == 200)
        #expect(kiosk.request(.get, "/admin/login", address: "::ffff:192.168.1.7").status == 200)
        #expect(kiosk.request(.get, "/admin/login", address: "::1").status == 200)
        let session = try kiosk.login(address: "192.168.1.7")
        #expect(kiosk.request(.get, "/admin", cookie: session.id, address: "10.42.0.23").status == 403,
                "a session does not open the area from elsewhere")
    }

    @Test func networkRanges() {
        let range = NetworkRange("10.42.0.0/16")
        #expect(range?.contains("10.42.200.1") == true)
        #expect(range?.contains("10.43.0.1") == false)
        #expect(NetworkRange("fd00::/8")?.contains("fd12::5") == true)
        #expect(NetworkRange("fd00::/8")?.contains("fe80::1") == false)
        #expect(NetworkRange("10.0.0.0/33") == nil)
        #expect(NetworkRange("10.0.0/8") == nil)
        #expect(NetworkRange("wikikiosk.lan") == nil)
        #expect(NetworkRange("192.168.1.0/24")?.description == "192.168.1.0/24")
        let parsed = SettingsParser.parse("[admin]\nnetworks = 10.0.0.0/8, nonsense\n", file: "x")
        #expect(parsed.problems.count == 1)
    }

    @Test func worksOnTheKiosksOwnNamesAndNotOnOthers() throws {
        let kiosk = try AdminKiosk()
        for host in ["wikikiosk.lan", "wikikiosk.lan:8080", "10.42.0.1", "localhost:8080", "wikikiosk", "192.168.1.5:8080"] {
            let response = kiosk.request(.get, "/admin/login", headers: [("Host", host)])
            #expect(response.status == 200, "\(host)")
        }
        // Another site's name gets the offline-link page, never the staff area.
        let other = kiosk.request(.get, "/admin/login", headers: [("Host", "example.com")])
        #expect(other.status == 200)
        #expect(other.bodyText.contains("http://example.com/admin/login"))
        #expect(!other.bodyText.contains("password"))
    }

    @Test func visitorPagesDoNotLinkToTheStaffArea() throws {
        let kiosk = try AdminKiosk()
        for target in ["/", "/?lang=en", "/content/ville/Cath%C3%A9drale", "/nothing"] {
            #expect(!kiosk.request(.get, target).bodyText.contains("/admin"), "\(target)")
        }
    }

    @Test func speaksFrenchAndEnglish() throws {
        let kiosk = try AdminKiosk()
        #expect(kiosk.request(.get, "/admin/login", headers: [("Accept-Language", "fr-FR")]).bodyText.contains("Mot de passe"))
        #expect(kiosk.request(.get, "/admin/login", headers: [("Accept-Language", "en-GB")]).bodyText.contains("Password"))
        let session = try kiosk.login()
        #expect(kiosk.request(.get, "/admin/library?lang=en", cookie: session.id).bodyText.contains("Books served"))
        #expect(kiosk.request(.get, "/admin/library", cookie: session.id).bodyText.contains("Books served"), "choice kept in the session")
        #expect(kiosk.request(.get, "/admin/library?lang=fr", cookie: session.id).bodyText.contains("Livres servis"))
    }
}
