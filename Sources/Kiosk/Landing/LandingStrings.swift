/// The landing page's texts built into the binary, used when `kiosk-config/locales/` does not
/// have them (a fresh install with no configuration folder still shows a proper page).
/// `kiosk-config/locales/fr.ini` and `en.ini` hold the same texts for volunteers to edit.
public enum LandingStrings {
    public static let tables: [String: [String: String]] = ["fr": french, "en": english]

    static let french: [String: String] = [
        "language.name": "Français",
        "landing.skip": "Aller à la recherche",
        "landing.languages": "Langue",
        "landing.welcome": "Wikipédia sans Internet, ici et gratuitement",
        "landing.intro": "Lisez l'encyclopédie et d'autres livres sur votre téléphone : sans données mobiles, sans compte, sans publicité.",
        "landing.search.label": "Chercher dans tous les livres",
        "landing.search.placeholder": "Ex. : volcan",
        "landing.search.button": "Chercher",
        "landing.search.suggestions": "%@ suggestions",
        "landing.portal.title": "Vous êtes sur le Wi-Fi de la borne",
        "landing.portal.body": "Il n'y a pas d'Internet ici : tout est dans la borne, gratuit, pour tout le monde.",
        "landing.portal.button": "Commencer la lecture",
        "landing.continued": "C'est prêt ! Pour revenir ici plus tard, ouvrez votre navigateur à l'adresse",
        "landing.featured": "À découvrir ici",
        "landing.book.open": "Ouvrir",
        "landing.book.random": "Au hasard",
        "landing.book.count": "%@ articles",
        "landing.help.title": "Comment ça marche ?",
        "landing.help.1": "Tapez un mot dans la recherche, ou ouvrez un livre et suivez les liens.",
        "landing.help.2": "Tout est sur la borne : rien ne passe par Internet, votre forfait n'est pas utilisé.",
        "landing.help.3": "Vous pouvez rester connecté : votre téléphone reçoit toujours vos appels et SMS.",
        "landing.contribute.title": "Contribuer à Wikipédia",
        "landing.contribute.body": "Wikipédia est écrite par des bénévoles, et tout le monde peut l'améliorer. Vous connaissez bien votre ville, un métier, une histoire ? Une fois connecté à Internet, allez sur fr.wikipedia.org, ou demandez à l'équipe d'ici quand a lieu le prochain atelier.",
        "landing.privacy": "Aucun compte, aucune publicité, aucune donnée personnelle gardée.",
        "landing.address": "Adresse de la borne :",
    ]

    static let english: [String: String] = [
        "language.name": "English",
        "landing.skip": "Skip to search",
        "landing.languages": "Language",
        "landing.welcome": "Wikipedia without Internet, here and free",
        "landing.intro": "Read the encyclopedia and other books on your phone: no mobile data, no account, no ads.",
        "landing.search.label": "Search all the books",
        "landing.search.placeholder": "e.g. volcano",
        "landing.search.button": "Search",
        "landing.search.suggestions": "%@ suggestions",
        "landing.portal.title": "You are on the kiosk's Wi-Fi",
        "landing.portal.body": "There is no Internet here: everything is on the kiosk, free, for everyone.",
        "landing.portal.button": "Start reading",
        "landing.continued": "All set! To come back later, open your browser at",
        "landing.featured": "Discover around here",
        "landing.book.open": "Open",
        "landing.book.random": "Random",
        "landing.book.count": "%@ articles",
        "landing.help.title": "How does it work?",
        "landing.help.1": "Type a word in the search box, or open a book and follow the links.",
        "landing.help.2": "Everything is on the kiosk: nothing goes through the Internet, your data plan is not used.",
        "landing.help.3": "You can stay connected: your phone still receives calls and texts.",
        "landing.contribute.title": "Contribute to Wikipedia",
        "landing.contribute.body": "Wikipedia is written by volunteers, and anyone can improve it. Do you know your town, a trade or a story well? Once you are on the Internet, go to wikipedia.org, or ask the staff here when the next workshop is.",
        "landing.privacy": "No account, no ads, no personal data kept.",
        "landing.address": "Kiosk address:",
    ]
}
