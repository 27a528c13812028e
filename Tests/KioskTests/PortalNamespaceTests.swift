import Foundation
import Testing

/// A phone joining the kiosk's Wi-Fi, for real: two network namespaces joined by a veth pair.
/// The kiosk side runs the real dnsmasq with Deploy/'s configuration (rendered for the test
/// addresses), the nftables table from Deploy/ (port 80 → 8080, 443 reset) and wikikiosk; the
/// client side gets its address by DHCP (udhcpc), resolves the probe hosts through that dnsmasq,
/// and fetches the probes with curl before and after continuing.
@Suite("Captive portal end to end in network namespaces", .serialized,
       .enabled(if: NamespaceLab.available, "needs root, iproute2, dnsmasq, udhcpc, nft, curl and the wikikiosk binary"))
struct PortalNamespaceTests {
    @Test func aPhoneJoinsSeesThePortalContinuesAndIsOnline() throws {
        let lab = try NamespaceLab()
        defer { lab.tearDown() }

        // DHCP: the client gets an address, the kiosk as router and DNS server.
        let lease = try lab.dhcp()
        #expect(lease.address.hasPrefix("10.199.\(lab.subnet)."))
        #expect(lease.dns == lab.kioskAddress)

        // DNS: every name is the kiosk, dns.msftncsi.com is Microsoft's real address.
        #expect(try lab.resolve("connectivitycheck.gstatic.com") == lab.kioskAddress)
        #expect(try lab.resolve("captive.apple.com") == lab.kioskAddress)
        #expect(try lab.resolve("dns.msftncsi.com") == "131.107.255.255")

        // Before continuing: the probes send the phone to the landing page.
        let android = try lab.curl("http://connectivitycheck.gstatic.com/generate_204")
        #expect(android.status == 302)
        #expect(android.headers["location"] == "http://wikikiosk.lan/")
        let apple = try lab.curl("http://captive.apple.com/hotspot-detect.html", ["-A", "CaptiveNetworkSupport-428 wispr"])
        #expect(apple.status == 302)
        let landing = try lab.curl("http://captive.apple.com/hotspot-detect.html", ["-L"])
        #expect(landing.status == 200)
        #expect(landing.text.contains("action=\"/portal/continue\""))
        #expect(landing.text.contains("Wikipédia sans Internet"))

        // HTTPS is refused at once (TCP reset), not left hanging.
        let started = Date()
        let https = try lab.curl("https://www.google.com/")
        #expect(https.status == 0)
        #expect(Date().timeIntervalSince(started) < 3)

        // Continue, then the exact "online" answers.
        let continued = try lab.curl("http://wikikiosk.lan/portal/continue", ["-X", "POST", "-d", "lang=fr"])
        #expect(continued.status == 303)
        let online = try lab.curl("http://connectivitycheck.gstatic.com/generate_204")
        #expect(online.status == 204)
        #expect(online.body.isEmpty)
        let success = try lab.curl("http://captive.apple.com/hotspot-detect.html", ["-A", "CaptiveNetworkSupport-428 wispr"])
        #expect(success.status == 200)
        #expect(success.text == "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>")
        let windows = try lab.curl("http://www.msftconnecttest.com/connecttest.txt")
        #expect(windows.text == "Microsoft Connect Test")
        // Another site: the page that says it is on the Internet, with a way back to the kiosk.
        let other = try lab.curl("http://example.org/page")
        #expect(other.status == 200)
        #expect(other.text.contains("href=\"http://wikikiosk.lan/\""))
        // A printed Wikipedia address opens the article from the kiosk.
        let printed = try lab.curl("http://fr.wikipedia.org/wiki/Cath%C3%A9drale")
        #expect(printed.status == 302)
        #expect(printed.headers["location"]?.hasPrefix("http://wikikiosk.lan/content/") == true)
    }
}

/// Sets up and tears down the two namespaces, dnsmasq and wikikiosk.
final class NamespaceLab {
    static let ip = "/usr/sbin/ip"
    static let tools = [ip, "/usr/sbin/dnsmasq", "/usr/sbin/udhcpc", "/usr/sbin/nft", "/usr/bin/curl", "/usr/bin/getent"]

    static var available: Bool {
        guard Shell.isRoot, tools.allSatisfy(Shell.exists), Fixtures.wikikioskExecutable != nil else { return false }
        let name = "wkprobe\(getpid())"
        guard (try? Spawn.run(ip, ["netns", "add", name]))?.status == 0 else { return false }
        _ = try? Spawn.run(ip, ["netns", "delete", name])
        return true
    }

    let id = String(getpid() % 100_000)
    var kioskNS: String { "wkk\(id)" }
    var clientNS: String { "wkc\(id)" }
    let subnet = Int(getpid() % 200) + 20
    var kioskAddress: String { "10.199.\(subnet).1" }
    let folder = Fixtures.makeTemporaryDirectory()
    private var daemons: [pid_t] = []

    struct Lease {
        let address: String
        let dns: String
    }

    init() throws {
        tearDownNetwork()
        try sh(Self.ip, "netns", "add", kioskNS)
        try sh(Self.ip, "netns", "add", clientNS)
        try sh(Self.ip, "link", "add", "wkv\(id)k", "type", "veth", "peer", "name", "wkv\(id)c")
        try sh(Self.ip, "link", "set", "wkv\(id)k", "netns", kioskNS)
        try sh(Self.ip, "link", "set", "wkv\(id)c", "netns", clientNS)
        try sh(Self.ip, "-n", kioskNS, "address", "add", "\(kioskAddress)/24", "dev", "wkv\(id)k")
        for (ns, interface) in [(kioskNS, "wkv\(id)k"), (clientNS, "wkv\(id)c")] {
            try sh(Self.ip, "-n", ns, "link", "set", "lo", "up")
            try sh(Self.ip, "-n", ns, "link", "set", interface, "up")
        }
        // Deploy/'s files, for the test's interface and addresses.
        let rendered = try DeployFolder.render([
            "WIKIKIOSK_INTERFACE": "wkv\(id)k", "WIKIKIOSK_ADDRESS": kioskAddress,
            "WIKIKIOSK_DHCP_START": "10.199.\(subnet).10", "WIKIKIOSK_DHCP_END": "10.199.\(subnet).20",
        ])
        defer { Fixtures.cleanUp(rendered) }
        try FileManager.default.copyItem(atPath: rendered + "/dnsmasq.conf", toPath: folder + "/dnsmasq.conf")
        try sh(Self.ip, "netns", "exec", kioskNS, "/usr/sbin/nft", "-f", rendered + "/nftables.nft")
        try start(["netns", "exec", kioskNS, "/usr/sbin/dnsmasq", "--keep-in-foreground", "--user=root",
               "--conf-file=\(folder)/dnsmasq.conf", "--dhcp-leasefile=\(folder)/leases", "--pid-file=\(folder)/dnsmasq.pid",
               "--log-facility=\(folder)/dnsmasq.log"])
        // The kiosk's configuration: its hotspot address, its name.
        try "[kiosk]\nhost = wikikiosk.lan\nport = 8080\n[hotspot]\naddress = \(kioskAddress)\n"
            .write(toFile: folder + "/wikikiosk.conf", atomically: true, encoding: .utf8)
        let zim = try Fixtures.writeBook(at: folder + "/ville.zim")
        try start(["netns", "exec", kioskNS, Fixtures.wikikioskExecutable!, "serve", "--config", folder,
               "--state-dir", folder + "/state", "--no-stats", zim].filter { !$0.isEmpty })
        try waitUntilServing()
    }

    private func waitUntilServing() throws {
        for _ in 0..<100 {
            let run = try Spawn.run(Self.ip, ["netns", "exec", kioskNS, "/usr/bin/curl", "-s", "--max-time", "2", "-o", "/dev/null",
                                              "-w", "%{http_code}", "http://\(kioskAddress):8080/"])
            if run.output == "200" { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw CocoaError(.fileReadUnknown, userInfo: ["why": "wikikiosk did not start"])
    }

    /// Starts a daemon in the background, detached from the test's pipes (its output goes to a
    /// log file in the lab's folder), and remembers its process id.
    private func start(_ arguments: [String]) throws {
        let command = ([Self.ip] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let log = folder + "/daemon-\(daemons.count).log"
        let run = try Spawn.run("/bin/sh", ["-c", "\(command) </dev/null >'\(log)' 2>&1 & echo $!"])
        if let pid = Int32(run.output.trimmingCharacters(in: .whitespacesAndNewlines)) { daemons.append(pid) }
    }

    private func sh(_ executable: String, _ arguments: String...) throws {
        let run = try Spawn.run(executable, arguments)
        guard run.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["command": arguments.joined(separator: " "), "output": run.output])
        }
    }

    /// Runs udhcpc in the client namespace; the script applies the lease and notes the DNS server.
    func dhcp() throws -> Lease {
        let script = folder + "/udhcpc.sh"
        try """
            #!/bin/sh
            [ "$1" = bound ] || exit 0
            /usr/sbin/ip address add "$ip/${mask:-24}" dev "$interface"
            echo "$ip $dns" > \(folder)/lease
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let run = try Spawn.run(Self.ip, ["netns", "exec", clientNS, "/usr/sbin/udhcpc", "-i", "wkv\(id)c", "-n", "-q",
                                          "-f", "-t", "10", "-T", "1", "-s", script])
        let lease = (try? String(contentsOfFile: folder + "/lease", encoding: .utf8))?
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? []
        guard lease.count >= 2 else { throw CocoaError(.fileReadUnknown, userInfo: ["udhcpc": run.output]) }
        // The phone's resolver uses the DNS server from the lease (ip netns exec mounts this file).
        try FileManager.default.createDirectory(atPath: "/etc/netns/\(clientNS)", withIntermediateDirectories: true)
        try "nameserver \(lease[1])\n".write(toFile: "/etc/netns/\(clientNS)/resolv.conf", atomically: true, encoding: .utf8)
        return Lease(address: lease[0], dns: lease[1])
    }

    /// The IPv4 address the client's resolver gives for `name`.
    func resolve(_ name: String) throws -> String? {
        let run = try Spawn.run(Self.ip, ["netns", "exec", clientNS, "/usr/bin/getent", "ahostsv4", name])
        return run.output.split(separator: " ").first.map(String.init)
    }

    /// curl from the client namespace (status 0 when the connection failed).
    func curl(_ url: String, _ arguments: [String] = []) throws -> Curl.Result {
        let headers = folder + "/h-" + UUID().uuidString
        let body = folder + "/b-" + UUID().uuidString
        _ = try Spawn.run(Self.ip, ["netns", "exec", clientNS, "/usr/bin/curl", "-s", "--max-time", "10",
                                    "-D", headers, "-o", body] + arguments + [url])
        let text = (try? String(contentsOfFile: headers, encoding: .utf8)) ?? ""
        let block = text.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.last ?? ""
        var lines = block.components(separatedBy: "\r\n")
        let status = lines.isEmpty ? 0 : Int(lines.removeFirst().split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Curl.Result(status: status, headers: fields,
                           body: FileManager.default.contents(atPath: body).map(Array.init) ?? [])
    }

    func tearDown() {
        for pid in daemons {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            for _ in 0..<40 where kill(pid, 0) == 0 {
                _ = waitpid(pid, &status, WNOHANG)
                Thread.sleep(forTimeInterval: 0.05)
            }
            // A daemon may inherit a blocked SIGTERM from the test runner: make sure it is gone.
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        tearDownNetwork()
        Fixtures.cleanUp(folder)
    }

    private func tearDownNetwork() {
        _ = try? Spawn.run(Self.ip, ["netns", "delete", kioskNS])
        _ = try? Spawn.run(Self.ip, ["netns", "delete", clientNS])
        try? FileManager.default.removeItem(atPath: "/etc/netns/\(clientNS)")
    }
}

/// Runs a command with posix_spawn and waitpid, its output collected in a file: unlike
/// Foundation's `Process`, it never depends on SIGCHLD delivery or on pipes that a daemon
/// started in between might hold open.
enum Spawn {
    static func run(_ executable: String, _ arguments: [String]) throws -> Shell.Run {
        let output = NSTemporaryDirectory() + "spawn-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Children start with no blocked signal, whatever the test runner blocks.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0
        return Shell.Run(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output: text)
    }
}
