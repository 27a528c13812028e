/// The report's words, in French and English.
struct ReportStrings {
    let language: String
    private var fr: Bool { language == "fr" }

    init(language: String) { self.language = language == "fr" ? "fr" : "en" }

    func t(_ key: Key) -> String { fr ? key.french : key.english }

    enum Key {
        case title, period, allDates, kiosks, generated, peopleReached, peopleNote, peak, visits, visitsNote
        case pagesRead, searches, zeroResults, signScans, landingViews, suggestions, perDay, byHour
        case topArticles, book, article, views, readers, arrivals, devices, signs, sign, day, scans
        case topSearches, contentGaps, query, devicesCol, hiddenQueries, funnel, joined, landed, read
        case busiestDays, undated, dropped, privacy, noData, allDevicesFunnel, hour

        var english: String {
            switch self {
            case .title: "Kiosk usage report"
            case .period: "Period"
            case .allDates: "all dates"
            case .kiosks: "Kiosks"
            case .generated: "Generated"
            case .peopleReached: "People reached"
            case .peopleNote: "distinct devices per day, added up over the days"
            case .peak: "Busiest day"
            case .visits: "Visits"
            case .visitsNote: "a device's activity without a 30-minute break"
            case .pagesRead: "Pages read"
            case .searches: "Searches"
            case .zeroResults: "Searches with no result"
            case .signScans: "QR sign scans"
            case .landingViews: "Welcome page views"
            case .suggestions: "Title suggestions"
            case .perDay: "People and pages read per day"
            case .byHour: "Pages read by hour of the day"
            case .topArticles: "Most read articles"
            case .book: "Book"
            case .article: "Article"
            case .views: "Views"
            case .readers: "Readers"
            case .arrivals: "How readers arrived on articles"
            case .devices: "Devices"
            case .signs: "QR sign scans per sign and per day"
            case .sign: "Sign"
            case .day: "Day"
            case .scans: "Scans"
            case .topSearches: "Most frequent searches"
            case .contentGaps: "Content gaps: searches that found nothing"
            case .query: "Search"
            case .devicesCol: "Devices"
            case .hiddenQueries: "searches made by fewer devices than the privacy threshold are not shown"
            case .funnel: "From joining the Wi-Fi to reading"
            case .joined: "Joined the Wi-Fi"
            case .landed: "Opened the welcome page"
            case .read: "Read at least one article"
            case .busiestDays: "Busiest days"
            case .undated: "events could not be dated (the kiosk never learnt the date during that boot) and are not in the charts"
            case .dropped: "events were lost because the kiosk was overloaded"
            case .privacy: "No IP address, MAC address or browser identifier is stored. Devices are counted with a number that changes every day, so nobody can be followed from one day to the next."
            case .noData: "No data for this period."
            case .allDevicesFunnel: "All devices"
            case .hour: "Hour"
            }
        }

        var french: String {
            switch self {
            case .title: "Rapport de fréquentation de la borne"
            case .period: "Période"
            case .allDates: "toutes dates"
            case .kiosks: "Bornes"
            case .generated: "Produit le"
            case .peopleReached: "Personnes touchées"
            case .peopleNote: "appareils distincts par jour, additionnés sur la période"
            case .peak: "Jour le plus fréquenté"
            case .visits: "Visites"
            case .visitsNote: "activité d'un appareil sans pause de plus de 30 minutes"
            case .pagesRead: "Pages lues"
            case .searches: "Recherches"
            case .zeroResults: "Recherches sans résultat"
            case .signScans: "Scans des panneaux QR"
            case .landingViews: "Vues de la page d'accueil"
            case .suggestions: "Suggestions de titres"
            case .perDay: "Personnes et pages lues par jour"
            case .byHour: "Pages lues selon l'heure"
            case .topArticles: "Articles les plus lus"
            case .book: "Livre"
            case .article: "Article"
            case .views: "Vues"
            case .readers: "Lecteurs"
            case .arrivals: "Comment les lecteurs arrivent sur les articles"
            case .devices: "Appareils"
            case .signs: "Scans des panneaux QR par panneau et par jour"
            case .sign: "Panneau"
            case .day: "Jour"
            case .scans: "Scans"
            case .topSearches: "Recherches les plus fréquentes"
            case .contentGaps: "Contenus manquants : recherches sans résultat"
            case .query: "Recherche"
            case .devicesCol: "Appareils"
            case .hiddenQueries: "recherches faites par moins d'appareils que le seuil de confidentialité ne sont pas affichées"
            case .funnel: "De la connexion au Wi-Fi à la lecture"
            case .joined: "Connectés au Wi-Fi"
            case .landed: "Ont ouvert la page d'accueil"
            case .read: "Ont lu au moins un article"
            case .busiestDays: "Jours les plus fréquentés"
            case .undated: "événements n'ont pas pu être datés (la borne n'a jamais connu la date pendant ce démarrage) et ne figurent pas dans les graphiques"
            case .dropped: "événements ont été perdus car la borne était surchargée"
            case .privacy: "Aucune adresse IP, adresse MAC ni identifiant de navigateur n'est conservé. Les appareils sont comptés avec un numéro qui change chaque jour : personne ne peut être suivi d'un jour à l'autre."
            case .noData: "Aucune donnée pour cette période."
            case .allDevicesFunnel: "Tous les appareils"
            case .hour: "Heure"
            }
        }
    }

    /// "search" → "Recherche" etc. for arrivals; device classes as phone/android → "Téléphone · Android".
    func arrival(_ name: String) -> String {
        let table: [String: (String, String)] = [
            "search": ("Search", "Recherche"), "sign": ("QR sign", "Panneau QR"), "link": ("Link in a page", "Lien dans une page"),
            "landing": ("Welcome page", "Page d'accueil"), "direct": ("Direct", "Accès direct"),
        ]
        guard let pair = table[name] else { return name }
        return fr ? pair.1 : pair.0
    }

    func deviceClass(_ label: String) -> String {
        let parts = label.split(separator: "/").map(String.init)
        let forms: [String: (String, String)] = [
            "phone": ("Phone", "Téléphone"), "tablet": ("Tablet", "Tablette"),
            "computer": ("Computer", "Ordinateur"), "other": ("Other", "Autre"),
        ]
        let systems = ["android": "Android", "ios": "iOS", "windows": "Windows", "macos": "macOS", "linux": "Linux",
                       "chromeos": "ChromeOS", "kaios": "KaiOS", "other": fr ? "autre" : "other"]
        let form = forms[parts.first ?? ""].map { fr ? $0.1 : $0.0 } ?? label
        let system = parts.count > 1 ? systems[parts[1]] ?? parts[1] : ""
        return system.isEmpty ? form : form + " · " + system
    }

    /// 12345 → "12 345" (fr) or "12,345" (en).
    func number(_ value: Int) -> String {
        let digits = Array(String(abs(value)))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += fr ? "\u{202F}" : "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
