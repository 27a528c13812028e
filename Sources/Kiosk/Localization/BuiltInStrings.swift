/// The interface strings shipped in the binary, so the kiosk speaks French and English
/// with no configuration at all.
public enum BuiltInStrings {
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]

    static let french: [String: String] = [
        "home.title": "Wikipédia sans Internet",
        "home.intro": "Lisez librement ces encyclopédies et livres, ici et gratuitement, sans connexion Internet.",
        "home.books": "Ce qui est ici",
        "home.empty": "Aucun livre n'est encore chargé.",
        "book.articles": "articles",
        "book.open": "Ouvrir",
        "notfound.title": "Page introuvable",
        "notfound.body": "Cette page n'existe pas dans « %@ ».",
        "notfound.nobook": "Aucun livre ne porte le nom « %@ ».",
        "notfound.search": "Chercher « %@ »",
        "notfound.home": "Retour à l'accueil",
        "badrequest.title": "Requête invalide",
        "badrequest.body": "L'adresse demandée est mal formée.",
        "language.switch": "English",
        "language.other": "en",
    ]

    static let english: [String: String] = [
        "home.title": "Wikipedia without Internet",
        "home.intro": "Read these encyclopedias and books freely, here and at no cost, with no Internet connection.",
        "home.books": "What is here",
        "home.empty": "No book is loaded yet.",
        "book.articles": "articles",
        "book.open": "Open",
        "notfound.title": "Page not found",
        "notfound.body": "This page does not exist in “%@”.",
        "notfound.nobook": "No book is named “%@”.",
        "notfound.search": "Search for “%@”",
        "notfound.home": "Back to the home page",
        "badrequest.title": "Bad request",
        "badrequest.body": "The requested address is malformed.",
        "language.switch": "Français",
        "language.other": "fr",
    ]
}
