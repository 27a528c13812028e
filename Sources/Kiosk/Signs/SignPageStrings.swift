/// The texts of the kiosk's sign pages (unknown or malformed short link), French and English.
enum SignPageStrings {
    static let tables: [String: [String: String]] = [
        "fr": [
            "title": "Panneau inconnu",
            "unknown": "Ce code ne correspond à aucun panneau de cette borne (il a peut-être été retiré ou mal recopié).",
            "malformed": "Cette adresse de panneau est mal formée : un code de panneau ne contient que des lettres et des chiffres.",
            "search": "Cherchez l'article qui vous intéresse :",
            "button": "Chercher",
            "home": "Voir tout ce que la borne propose",
            "maybe": "Vouliez-vous dire le panneau %@ ?",
        ],
        "en": [
            "title": "Unknown sign",
            "unknown": "This code matches no sign of this kiosk (it may have been removed, or mistyped).",
            "malformed": "This sign address is malformed: a sign code has only letters and digits.",
            "search": "Search for the article you are interested in:",
            "button": "Search",
            "home": "See everything the kiosk offers",
            "maybe": "Did you mean sign %@?",
        ],
    ]

    static func text(_ key: String, _ language: String) -> String {
        tables[language]?[key] ?? tables["fr"]?[key] ?? key
    }
}
