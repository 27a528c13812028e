/// The texts printed on a sign, in the sign's language, from the one string catalog (`sign.…`
/// keys, overridable by `locales/<language>.ini`). A language without sign texts prints French
/// when it is a regional language of France (a Breton plaque in Quimper), English otherwise.
public struct SignStrings: Sendable {
    public let header: String
    public let scan: String
    /// Kiosk signs, under the Wi-Fi code.
    public let wifiStep: String
    /// Kiosk signs, under the article's code.
    public let scanStep: String
    public let attribution: String
    public let signID: String

    /// Regional languages of France, whose signs fall back to the French texts.
    static let frenchFallback: Set<String> = ["fr", "br", "oc", "co", "eu", "ca", "gsw", "frp", "pcd", "wa", "nrf"]

    /// The texts for a sign with `id` in `language`, the kiosk's Wi-Fi being `ssid`.
    public init(language: String, id: String, ssid: String, strings: StringCatalog = BuiltInCatalog.catalog) {
        let code = language.lowercased()
        let chosen = strings.has("sign.header", in: code) ? code : Self.frenchFallback.contains(code) ? "fr" : "en"
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { strings.text(key, chosen, arguments) }
        header = t("sign.header")
        scan = t("sign.scan")
        wifiStep = t("sign.wifistep", ["ssid": .text(ssid)])
        scanStep = t("sign.scanstep")
        attribution = t("sign.attribution")
        signID = t("sign.id", ["id": .text(id)])
    }
}
