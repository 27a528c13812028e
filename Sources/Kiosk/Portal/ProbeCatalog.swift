/// Every connectivity probe the kiosk recognises, by host and path.
///
/// Sources: the systems' own configuration (Android's `NetworkMonitor`, Apple's captive network
/// assistant, Windows NCSI, Firefox's `captivedetect`, NetworkManager's distribution configs,
/// Kindle's `wifistub`), as Kiwix Hotspot and Internet-in-a-Box also answer them.
public enum ProbeCatalog {
    static let appleSuccess = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"
    static let kindleStub = """
        <html>
        <head>
        <title>Kindle Reachability Probe Page</title>
        <META http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
        <!--81ce4465-7167-4dcb-835b-dcc9e44c112a created with python 2.5 uuid.uuid4()-->
        </head>
        <body bgcolor="#ffffff" text="#000000">
        81ce4465-7167-4dcb-835b-dcc9e44c112a
        </body>
        </html>

        """
    static let firefoxCanonical = "<meta http-equiv=\"refresh\" content=\"0;url=https://support.mozilla.org/kb/captive-portal\"/>"
    static let networkManagerOnline = "NetworkManager is online\n"

    private static let plain = "text/plain"
    private static let html = "text/html"

    static let android = Probe(system: "Android / Chrome OS", online: .noContent)
    static let apple = Probe(system: "Apple iOS / macOS", online: .body(appleSuccess, contentType: html))

    /// Hosts whose `/generate_204` or `/gen_204` is a probe (any host is accepted for those paths;
    /// this list documents the ones known, including vendors').
    public static let androidHosts: [String] = [
        "connectivitycheck.gstatic.com", "www.gstatic.com", "clients1.google.com", "clients3.google.com",
        "clients4.google.com", "www.google.com", "google.com", "connectivitycheck.android.com",
        "play.googleapis.com", "www.google.cn", "developers.google.cn",
        "connect.rom.miui.com",                                   // Xiaomi
        "connectivitycheck.platform.hicloud.com",                 // Huawei
        "connectivitycheck.cbg-app.huawei.com",                   // Huawei
        "www.samsung.com", "connectivity.samsung.com.cn",         // Samsung
        "www.qualcomm.cn", "conn1.oppomobile.com", "conn2.oppomobile.com", // Oppo, OnePlus
        "wifi.vivo.com.cn", "noisyfox.cn", "www.v2ex.com",        // Vivo and Chinese ROMs
    ]

    /// Apple's probe hosts: any path on them is a probe.
    public static let appleHosts: Set<String> = [
        "captive.apple.com", "www.apple.com", "apple.com", "gsp1.apple.com", "www.appleiphonecell.com",
        "www.itools.info", "www.ibook.info", "www.airport.us", "www.thinkdifferent.us",
    ]

    /// Probes matched by exact host and path.
    static let exact: [String: [String: Probe]] = [
        "www.msftconnecttest.com": [
            "/connecttest.txt": Probe(system: "Windows 10/11", online: .body("Microsoft Connect Test", contentType: plain)),
            "/redirect": Probe(system: "Windows 10/11", online: .landing),
        ],
        "ipv6.msftconnecttest.com": [
            "/connecttest.txt": Probe(system: "Windows 10/11", online: .body("Microsoft Connect Test", contentType: plain)),
        ],
        "www.msftncsi.com": [
            "/ncsi.txt": Probe(system: "Windows 7/8", online: .body("Microsoft NCSI", contentType: plain)),
            "/redirect": Probe(system: "Windows 7/8", online: .landing),
        ],
        "ipv6.msftncsi.com": [
            "/ncsi.txt": Probe(system: "Windows 7/8", online: .body("Microsoft NCSI", contentType: plain)),
        ],
        "detectportal.firefox.com": [
            "/canonical.html": Probe(system: "Firefox", online: .body(firefoxCanonical, contentType: html)),
            "/success.txt": Probe(system: "Firefox", online: .body("success\n", contentType: plain)),
        ],
        "nmcheck.gnome.org": [
            "/check_network_status.txt": Probe(system: "GNOME", online: .body(networkManagerOnline, contentType: plain)),
        ],
        "network-test.debian.org": [
            "/nm": Probe(system: "Debian", online: .body(networkManagerOnline, contentType: plain)),
        ],
        "ping.archlinux.org": [
            "/nm-check.txt": Probe(system: "Arch Linux", online: .body(networkManagerOnline, contentType: plain)),
        ],
        "fedoraproject.org": [
            "/static/hotspot.txt": Probe(system: "Fedora", online: .body("OK\n", contentType: plain)),
        ],
        "spectrum.s3.amazonaws.com": [
            "/kindle-wifi/wifistub.html": Probe(system: "Kindle", online: .body(kindleStub, contentType: html)),
        ],
    ]

    /// Probes matched by host alone (any path).
    static let anyPath: [String: Probe] = [
        "connectivity-check.ubuntu.com": Probe(system: "Ubuntu", online: .noContent),
        "networkcheck.kde.org": Probe(system: "KDE", online: .body("OK\n", contentType: plain)),
    ]

    /// The probe `host` + `path` is, if any. `userAgent` recognises Apple's assistant on any host.
    public static func probe(host: String?, path: String, userAgent: String?) -> Probe? {
        if path == "/generate_204" || path == "/gen_204" { return android }
        guard let host else { return nil }
        if appleHosts.contains(host) { return apple }
        if let probe = exact[host]?[path] { return probe }
        if let probe = anyPath[host] { return probe }
        if let userAgent, userAgent.hasPrefix("CaptiveNetworkSupport") { return apple }
        return nil
    }
}
