/// Everything printed on one sign, ready to draw: built by `SignComposer` from a catalogue line,
/// the book and the kiosk's settings.
public struct SignContent: Sendable, Equatable {
    public var id: String
    public var title: String
    /// The article's first paragraph (the painter keeps the sentences that fit).
    public var extract: String
    /// Where the sign stands.
    public var label: String
    public var language: String
    public var target: SignTarget
    /// What the article QR code holds.
    public var qrPayload: String
    /// The Wi-Fi network to join (kiosk signs), or nil.
    public var ssid: String?

    public init(id: String, title: String, extract: String, label: String, language: String, target: SignTarget,
                qrPayload: String, ssid: String? = nil) {
        self.id = id
        self.title = title
        self.extract = extract
        self.label = label
        self.language = language
        self.target = target
        self.qrPayload = qrPayload
        self.ssid = ssid
    }

    /// What the Wi-Fi QR code holds, or nil.
    public var wifiPayload: String? { ssid.map { SignLinks.wifiPayload(ssid: $0) } }

    /// Every QR payload on the sign.
    public var payloads: [String] { [qrPayload] + (wifiPayload.map { [$0] } ?? []) }
}
