import Foundation
import HTTPServer
@testable import Kiosk
import Synchronization
import ZimKit

/// Books and a router for the search, suggestion and catalog tests.
final class SearchKiosk {
    let directory: String
    let library = Library()
    let router: Router
    let service: SearchService
    let usage = CollectedUsage()

    init(books: [(file: String, write: (String) throws -> Void)], settings: SearchSettings = SearchSettings()) throws {
        directory = Fixtures.makeTemporaryDirectory()
        let loader = BookLoader(library: library, validator: InProcessValidator(),
                                cache: ValidationCache(file: nil), log: Log(minimumLevel: .error))
        for (file, write) in books {
            let path = directory + "/" + file
            try write(path)
            loader.load(path)
        }
        let context = KioskContext(library: library, compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                   log: Log(minimumLevel: .error), usage: usage, searchSettings: settings)
        service = SearchService(library: library, settings: settings)
        router = KioskRoutes.router(context, search: service)
        // The indexes built, as on a kiosk after its first minutes: what a test sees does not
        // depend on how fast the machine builds them (under ThreadSanitizer, a busy CI machine
        // took longer than a suggestion's quarter-second wait, and libzim's order came back).
        for book in library.books {
            let state = service.state(for: book)
            if settings.titleIndex { _ = state.titleIndex(wait: 120) }
            if settings.spellingCorrection { _ = state.spellingDictionary(wait: 120) }
        }
    }

    deinit {
        service.stop()
        Fixtures.cleanUp(directory)
    }

    func get(_ target: String, _ headers: [(String, String)] = []) -> Response {
        router.handle(Request(method: .get, target: target, headers: HTTPHeaders(headers)))
    }

    func json(_ target: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(get(target).bodyBytes))
    }
}

/// Usage events kept in memory.
final class CollectedUsage: UsageRecording {
    private let events = Mutex<[UsageEvent]>([])
    func record(_ event: UsageEvent) { events.withLock { $0.append(event) } }
    var all: [UsageEvent] { events.withLock { $0 } }
}

/// A French book whose titles are typed "the lazy way" in the ranking test: ~100 base subjects,
/// each with two longer articles that mention the subject far more often than its own article
/// does (the "Télévision aux États-Unis" before "États-Unis" trap).
enum LazyTitleCorpus {
    static let subjects = [
        "États-Unis", "Révolution française", "École normale supérieure", "Cathédrale Notre-Dame de Paris",
        "Île-de-France", "Côte d'Ivoire", "Élisabeth II", "Première Guerre mondiale", "Seconde Guerre mondiale",
        "Théâtre", "Économie", "Molière", "Château de Versailles", "Musée du Louvre", "Tour Eiffel", "Jeanne d'Arc",
        "Napoléon Ier", "Louis XIV", "Victor Hugo", "Émile Zola", "Clermont-Ferrand", "Puy-de-Dôme",
        "Auvergne-Rhône-Alpes", "Marseille", "Lyon", "Méditerranée", "Océan Atlantique", "Mont Blanc", "Pyrénées",
        "Loire (fleuve)", "Rhône", "Québec", "Montréal", "Sénégal", "Algérie", "Maroc", "Belgique", "Suisse",
        "Allemagne", "Espagne", "Italie", "Royaume-Uni", "Chine", "Japon", "Inde", "Brésil", "Égypte antique",
        "Grèce antique", "Rome antique", "Moyen Âge", "Renaissance", "Siècle des Lumières", "Impressionnisme",
        "Cinéma français", "Chanson française", "Cuisine française", "Vin", "Fromage", "Mathématiques", "Physique",
        "Chimie", "Biologie", "Astronomie", "Système solaire", "Lune", "Soleil", "Terre", "Mars (planète)",
        "Énergie nucléaire", "Électricité", "Ordinateur", "Internet", "Wikipédia", "Encyclopédie",
        "Bibliothèque nationale de France", "Sorbonne", "Académie française", "Langue française", "Occitan",
        "Breton", "Corse", "Alsace", "Bretagne", "Normandie", "Provence", "Paris", "Football", "Tour de France",
        "Jeux olympiques", "Rugby à XV", "Pétanque", "Cyclisme", "Charles de Gaulle", "Marie Curie",
        "Cathédrale de Chartres", "Mont-Saint-Michel", "Fête nationale française", "Œuvre d'art", "Forêt",
        "Volcan", "Agriculture", "Télévision",
    ]

    /// (title, path, text) of every article.
    static var articles: [(title: String, path: String, text: String)] {
        var out: [(String, String, String)] = []
        var seen = Set<String>()
        for subject in subjects {
            let derived = ["Histoire de \(subject)", "Télévision et \(subject)"]
            for title in [subject] + derived where seen.insert(title).inserted {
                let path = title.replacingOccurrences(of: " ", with: "_")
                let mentions = title == subject ? 1 : 12
                var text = "<p>\(title) est un article de l'encyclopédie.</p>"
                for _ in 0..<mentions { text += "<p>Au sujet de \(subject) : \(subject), \(subject) et encore \(subject).</p>" }
                out.append((title, path, text))
            }
        }
        return out
    }

    static func write(to path: String) throws {
        var book = ZimBook(title: "Corpus paresseux", language: "fra",
                           metadata: [("Description", "Titres français tapés sans accents")])
        for article in articles {
            book.add(article: article.path, title: article.title, html: Fixtures.page(article.title, article.text))
        }
        book.add(redirect: "USA", to: "États-Unis", frontArticle: true)
        book.mainPath = "Paris"
        try book.write(to: path)
    }
}

/// kiwix-serve 3.3.0 (Debian's kiwix-tools) on 127.0.0.1, for comparisons.
final class KiwixServe {
    struct StartFailure: Error, CustomStringConvertible {
        var description: String { "kiwix-serve did not start on any of 5 ports" }
    }

    let port: Int
    private var process = Process()

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/kiwix-serve") && Fixtures.sharedZimFolder != nil
    }

    /// Starts kiwix-serve on a free port below Linux's ephemeral range (32768 and up, where the
    /// kiosks and clients of tests running alongside get their ports: a port picked there could
    /// be taken, kiwix-serve then exited at once and every request failed). Tries again on
    /// another port when it exits or does not answer within 10 s.
    init(_ zims: [String]) throws {
        for _ in 0..<5 {
            let candidate = Int.random(in: 20_000..<32_000)
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/kiwix-serve")
            process.arguments = ["--address", "127.0.0.1", "--port", String(candidate)] + zims
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 where process.isRunning {
                if (try? Curl.get("http://127.0.0.1:\(candidate)/catalog/v2/searchdescription.xml"))?.status == 200 {
                    port = candidate
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        throw StartFailure()
    }

    deinit { stop() }

    /// Stops the server (also done when released).
    func stop() {
        guard process.isRunning else { return }
        // kiwix-serve 3.3.0 does not stop on SIGTERM while idle: SIGKILL.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func get(_ target: String) throws -> Curl.Result { try Curl.get("http://127.0.0.1:\(port)\(target)") }
}
