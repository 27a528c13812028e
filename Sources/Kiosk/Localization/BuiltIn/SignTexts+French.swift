extension SignTexts {
    static let french: [String: String] = [
        "sign.header": "Wikipédia en ville",
        "sign.scan": "Scannez pour lire l'article",
        "sign.wifistep": "1. Rejoignez le Wi-Fi gratuit\u{00A0}«\u{00A0}{ssid}\u{00A0}»",
        "sign.scanstep": "2. Scannez pour lire l'article",
        "sign.attribution": "Texte : Wikipédia, licence CC BY-SA 4.0",
        "sign.id": "Panneau {id}",
    ]
}
