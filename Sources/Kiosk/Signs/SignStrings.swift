/// The texts printed on a sign, in the sign's language (French and English built in; other
/// languages of France fall back to French, the rest to English).
public struct SignStrings: Sendable {
    public let header: String
    public let scan: String
    /// Kiosk signs, under the Wi-Fi code; "%@" is the Wi-Fi name.
    public let wifiStep: String
    /// Kiosk signs, under the article's code.
    public let scanStep: String
    public let attribution: String
    /// "%@" is the id.
    public let signID: String

    public static let french = SignStrings(
        header: "Wikipédia en ville",
        scan: "Scannez pour lire l'article",
        wifiStep: "1. Rejoignez le Wi-Fi gratuit\u{00A0}«\u{00A0}%@\u{00A0}»",
        scanStep: "2. Scannez pour lire l'article",
        attribution: "Texte : Wikipédia, licence CC BY-SA 4.0",
        signID: "Panneau %@")

    public static let english = SignStrings(
        header: "Wikipedia in town",
        scan: "Scan to read the article",
        wifiStep: "1. Join the free Wi-Fi\u{00A0}“%@”",
        scanStep: "2. Scan to read the article",
        attribution: "Text from Wikipedia, licensed CC BY-SA 4.0",
        signID: "Sign %@")

    /// Regional languages of France, whose signs get the French texts.
    static let frenchFallback: Set<String> = ["fr", "br", "oc", "co", "eu", "ca", "gsw", "frp", "pcd", "wa", "nrf"]

    /// The texts for a sign in `language`.
    public static func forLanguage(_ language: String) -> SignStrings {
        frenchFallback.contains(language.lowercased()) ? french : english
    }
}
