import Foundation

/// The kiosk's own settings, read from `wikikiosk.conf` in the configuration folder
/// (`kiosk-config/` in a checkout, `/etc/wikikiosk/` when installed). Every field has a default,
/// so a kiosk with no configuration file still works.
public struct KioskSettings: Sendable, Equatable {
    /// The kiosk's name, shown as the landing page's title ("Médiathèque Jules-Verne").
    public var name = "WikiKiosk"
    /// Where the kiosk is ("Saint-Flour, Cantal"); empty to show nothing.
    public var place = ""
    /// Interface languages offered, in order; the first is the default.
    public var languages = ["fr", "en"]
    /// The name visitors use to reach the kiosk, with an optional `:port` ("wikikiosk.lan").
    /// Requests for any other name (except connectivity probes) are redirected to it.
    public var canonicalHost = "wikikiosk.lan"
    /// Other names the kiosk answers to without redirecting (IP addresses always are).
    public var aliases: [String] = []
    /// The address and port the server listens on.
    public var listenAddress = "0.0.0.0"
    public var port: UInt16 = 8080
    /// The folder of ZIM files, or nil for none (the demo book is served when nothing else is).
    public var libraryDirectory: String?
    /// Whether visitors may download the ZIM files themselves (`[library] downloads = on`):
    /// `/download/<book>.zim` answers and the OPDS catalog gives acquisition links, so Kiwix
    /// apps on phones can take a book home. Off by default.
    public var bookDownloads = false
    /// Where USB sticks are mounted (`[library] usb`): the staff area's Books page lists the
    /// ZIM files found below it and copies them into the library folder. `Deploy/` mounts
    /// sticks read-only under `/media/wikikiosk/<device>`.
    public var usbDirectory = "/media/wikikiosk"
    /// The reader apps the "take home" page offers (`[library] apps`, e.g. Kiwix for Android's
    /// APK); nil: the `apps` folder inside the books folder.
    public var appsDirectory: String?
    /// A Kiwix OPDS catalogue to look for newer editions in when the kiosk has Internet
    /// (`[library] updates = https://library.kiwix.org/catalog/v2/entries`); nil: off.
    public var updateCatalog: String?
    /// `[objectives]`: the targets set with the partner (the report compares results to them).
    public var objectives = Objectives()
    /// `[questionnaire]`: the kiosk's own questions (nil: the built-in ones).
    public var customQuestionnaire: Questionnaire?
    /// The questionnaire visitors are offered.
    public var questionnaire: Questionnaire { customQuestionnaire ?? .standard }
    /// Books shown first on the home page and searched first, in this order, by name
    /// (`main = wikipedia_fr_all_maxi, vikidia_fr`); then the visitor's language, then the others.
    public var mainBooks: [String] = []
    /// How long a device stays "continued" past the captive portal without any request, in seconds.
    public var portalTimeout: TimeInterval = 3600
    /// The Wi-Fi hotspot (used by Deploy/ to write hostapd and dnsmasq files, and by `doctor`).
    public var hotspot = Hotspot()
    /// Articles shown on the landing page, in order.
    public var featured: [FeaturedArticle] = []
    /// Landing-page texts set in `[texts]` (from the staff area): language → text name
    /// (`landing.welcome`, `landing.intro`) → text. They win over `locales/<language>.ini`.
    public var landingTexts: [String: [String: String]] = [:]
    /// Networks the staff area (`/admin`) answers from (`[admin] networks`); empty = any.
    public var adminNetworks: [NetworkRange] = []
    /// Whether articles get the kiosk's toolbar (home, search, random) at their top
    /// (`[reading] toolbar = on|off`).
    public var readingToolbar = true
    /// Whether links to other sites in articles lead to the kiosk's offline-link page (address
    /// and QR code) rather than to a connection that fails (`[reading] external-links = on|off`).
    public var readingExternalLinks = true

    public init() {}

    /// The canonical host without its port ("wikikiosk.lan").
    public var canonicalHostName: String {
        HostName.withoutPort(canonicalHost)
    }

    /// `http://wikikiosk.lan/`: where the portal sends visitors.
    public var canonicalURL: String {
        "http://\(canonicalHost)/"
    }
}

/// The hotspot's Wi-Fi and network settings.
public struct Hotspot: Sendable, Equatable {
    /// The network name phones show.
    public var ssid = "Wikipedia sans Internet"
    /// Two-letter country code (regulatory domain).
    public var country = "FR"
    /// 2.4 GHz channel, 1–13.
    public var channel = 6
    /// The Wi-Fi interface.
    public var interface = "wlan0"
    /// The kiosk's own address on the hotspot network.
    public var address = "10.42.0.1"
    /// First and last address handed out by DHCP.
    public var dhcpStart = "10.42.0.10"
    public var dhcpEnd = "10.42.0.250"

    public init() {}
}

/// One featured article: a title shown on the landing page, the book and path it links to,
/// and an optional one-line description.
public struct FeaturedArticle: Sendable, Equatable {
    public var title: String
    public var book: String
    public var path: String
    public var description: String

    public init(title: String, book: String, path: String, description: String = "") {
        self.title = title
        self.book = book
        self.path = path
        self.description = description
    }
}

/// Host name helpers shared by the settings and the portal.
enum HostName {
    /// "wikikiosk.lan:8080" → "wikikiosk.lan"; "[::1]:80" → "[::1]"; lowercased.
    static func withoutPort(_ host: String) -> String {
        let lowered = host.lowercased()
        if lowered.hasPrefix("[") {
            guard let close = lowered.firstIndex(of: "]") else { return lowered }
            return String(lowered[...close])
        }
        if let colon = lowered.firstIndex(of: ":") { return String(lowered[..<colon]) }
        return lowered
    }

    /// Whether `host` is an IPv4 literal ("10.42.0.1") or a bracketed IPv6 one.
    static func isIPLiteral(_ host: String) -> Bool {
        if host.utf8.first == UInt8(ascii: "[") { return true }
        // Dotted quad: four runs of 1-3 ASCII digits, each at most 255 (on bytes: runs per request).
        var parts = 0
        var digits = 0
        var value = 0
        for byte in host.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return false }
                parts += 1
                digits = 0
                value = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                guard digits <= 3, value <= 255 else { return false }
            } else {
                return false
            }
        }
        return parts == 3 && digits > 0
    }

    /// A plausible DNS name or IP literal, with an optional port.
    static func isValid(_ hostAndPort: String) -> Bool {
        let host = withoutPort(hostAndPort)
        guard !host.isEmpty else { return false }
        if hostAndPort.count > host.count {
            let port = hostAndPort.dropFirst(host.count)
            guard port.first == ":", let number = Int(port.dropFirst()), (1...65535).contains(number) else { return false }
        }
        if isIPLiteral(host) { return true }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
