/// What the statistics keep of a User-Agent: a form factor and an OS family, nothing else.
public struct DeviceClass: Sendable, Equatable, Hashable {
    /// "phone", "tablet", "computer" or "other".
    public let formFactor: String
    /// "android", "ios", "windows", "macos", "linux", "chromeos", "kaios" or "other".
    public let system: String

    public init(formFactor: String, system: String) {
        self.formFactor = formFactor
        self.system = system
    }

    /// Classifies a raw User-Agent (kept in memory only, then dropped).
    public init(userAgent: String?) {
        let ua = (userAgent ?? "").lowercased()
        let system: String
        if ua.contains("kaios") { system = "kaios" }
        else if ua.contains("android") { system = "android" }
        else if ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")
                    || ua.contains("captivenetworksupport") { system = "ios" }
        else if ua.contains("microsoft ncsi") { system = "windows" }
        else if ua.contains("cros") { system = "chromeos" }
        else if ua.contains("windows") { system = "windows" }
        else if ua.contains("macintosh") || ua.contains("mac os x") { system = "macos" }
        else if ua.contains("linux") || ua.contains("x11") { system = "linux" }
        else { system = "other" }
        let formFactor: String
        switch system {
        case "ios": formFactor = ua.contains("ipad") ? "tablet" : "phone"  // Apple's portal probe: assumed a phone
        case "android": formFactor = ua.contains("mobile") ? "phone" : "tablet"
        case "kaios": formFactor = "phone"
        case "windows", "macos", "linux", "chromeos": formFactor = "computer"
        default: formFactor = ua.contains("mobile") ? "phone" : "other"
        }
        self.init(formFactor: formFactor, system: system)
    }

    /// "phone/android": the part mixed into the device hash and stored.
    public var label: String { formFactor + "/" + system }
}
