extension SignTexts {
    static let english: [String: String] = [
        "sign.header": "Wikipedia in town",
        "sign.scan": "Scan to read the article",
        "sign.wifistep": "1. Join the free Wi-Fi\u{00A0}“{ssid}”",
        "sign.scanstep": "2. Scan to read the article",
        "sign.attribution": "Text from Wikipedia, licensed CC BY-SA 4.0",
        "sign.id": "Sign {id}",
    ]
}
