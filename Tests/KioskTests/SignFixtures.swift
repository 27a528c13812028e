import Foundation
import ZimKit
@testable import Kiosk

/// A book of monuments and places written at test time (Wikipedia-like HTML: infobox table,
/// references, several paragraphs), and catalogues of signs over it.
enum SignFixtures {
    struct Article {
        let path: String
        let title: String
        let paragraph: String
    }

    static let monuments: [Article] = [
        Article(path: "Cathédrale_Notre-Dame-de-l'Assomption_de_Clermont-Ferrand",
                title: "Cathédrale Notre-Dame-de-l'Assomption de Clermont-Ferrand",
                paragraph: "La cathédrale Notre-Dame-de-l'Assomption de Clermont-Ferrand est une cathédrale gothique située à Clermont-Ferrand, dans le Puy-de-Dôme.[1] Construite en pierre de Volvic, une roche volcanique sombre, elle domine la ville de ses deux flèches de 96 mètres. Sa construction commence en 1248 sous l'impulsion de l'évêque Hugues de la Tour et s'achève seulement en 1884, avec les flèches dessinées par Viollet-le-Duc.[2] Elle est classée monument historique depuis 1862."),
        Article(path: "Place_de_Jaude", title: "Place de Jaude",
                paragraph: "La place de Jaude est la place principale de Clermont-Ferrand, au cœur du centre-ville. Longue de près de 300 mètres, elle accueille les statues de Vercingétorix, œuvre de Bartholdi, et du général Desaix. Piétonne depuis 2006, elle est traversée par le tramway et bordée de commerces, de l'opéra-théâtre et de l'église Saint-Pierre-les-Minimes."),
        Article(path: "Basilique_Notre-Dame-du-Port", title: "Basilique Notre-Dame-du-Port",
                paragraph: "La basilique Notre-Dame-du-Port est une église romane du XIIe siècle, l'une des cinq églises majeures de l'art roman auvergnat. Elle est inscrite au patrimoine mondial de l'UNESCO au titre des chemins de Compostelle en France depuis 1998. Sa crypte abrite une Vierge noire vénérée depuis le Moyen Âge."),
        Article(path: "Fontaine_d'Amboise", title: "Fontaine d'Amboise",
                paragraph: "La fontaine d'Amboise est une fontaine de style Renaissance érigée en 1515 par l'évêque Jacques d'Amboise. Taillée dans la pierre de Volvic, elle se trouve aujourd'hui dans le square Pascal, d'où l'on voit la chaîne des Puys. Elle est classée monument historique depuis 1862."),
        Article(path: "Opéra-Théâtre_de_Clermont-Ferrand", title: "Opéra-Théâtre de Clermont-Ferrand",
                paragraph: "L'opéra-théâtre de Clermont-Ferrand est une salle de spectacle à l'italienne inaugurée en 1894 sur la place de Jaude. Sa façade éclectique et sa salle rouge et or de mille places en font l'un des théâtres municipaux les mieux conservés de France."),
        Article(path: "Musée_d'Art_Roger-Quilliot", title: "Musée d'Art Roger-Quilliot",
                paragraph: "Le musée d'Art Roger-Quilliot (MARQ) est le musée des beaux-arts de Clermont-Ferrand, installé depuis 1992 dans l'ancien couvent des Ursulines de Montferrand. Ses collections couvrent l'art européen du Moyen Âge au XXe siècle."),
        Article(path: "Jardin_Lecoq", title: "Jardin Lecoq",
                paragraph: "Le jardin Lecoq est un jardin public de cinq hectares créé au XIXe siècle dans le centre de Clermont-Ferrand, sur les plans du paysagiste Bühler. Il porte le nom du naturaliste Henri Lecoq, qui légua ses collections à la ville. On y trouve un lac, une roseraie et des arbres remarquables."),
        Article(path: "Ὀδύσσεια", title: "Ὀδύσσεια — Odyssée",
                paragraph: "L'Odyssée (en grec ancien Ὀδύσσεια) est une épopée de la Grèce antique attribuée à Homère. Elle raconte le retour d'Ulysse à Ithaque après la guerre de Troie, un voyage de dix ans semé d'épreuves."),
    ]

    /// A long title (wrapped on three lines, shrunk) and a paragraph without a sentence end.
    static let longTitle = Article(
        path: "Église_Saint-Pierre-les-Minimes",
        title: "Église Saint-Pierre-les-Minimes de Clermont-Ferrand, ancienne chapelle du couvent des Minimes, reconstruite au XVIIe siècle",
        paragraph: "L'église Saint-Pierre-les-Minimes est une église catholique de Clermont-Ferrand bâtie par les Minimes entre 1630 et 1660, à l'angle de la place de Jaude, avec son dôme à lanternon qui domine la place et ses façades classiques en pierre de Volvic qui furent restaurées à la fin du XXe siècle par la ville et l'État, dont elle est la propriété")

    /// A generated article: accented title, two or three sentences.
    static func generated(_ number: Int) -> Article {
        let kinds = ["Fontaine", "Hôtel", "Église", "Maison", "Statue", "Pont", "Château", "Lavoir"]
        let names = ["Saint-Éloi", "des Échevins", "de l'Écu", "Bœuf-Gras", "d'Aubière", "Sainte-Thérèse", "du Côté-Blanc", "de Chamalières"]
        let title = "\(kinds[number % kinds.count]) \(names[(number / kinds.count) % names.count]) nº \(number)"
        return Article(path: title.replacingOccurrences(of: " ", with: "_"), title: title,
                       paragraph: "\(title) est un élément du patrimoine de Clermont-Ferrand, bâti au XVIIIe siècle. Il a été restauré en \(1950 + number) par la ville. Il est ouvert au public les jours de fête.")
    }

    static var allArticles: [Article] { monuments + [longTitle] + (1...48).map(generated) }

    /// Wikipedia-like HTML: an infobox table (its paragraphs must be skipped), a coordinates line,
    /// the lead paragraph with references, then a second paragraph.
    static func html(_ article: Article) -> String {
        """
        <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>\(HTML.escape(article.title))</title>
        <style>p { color: red }</style><script>var p = "<p>no</p>";</script></head><body>
        <h1>\(HTML.escape(article.title))</h1>
        <table class="infobox"><tr><td><p>Infobox : ne doit pas apparaître sur le panneau, jamais, nulle part.</p></td></tr></table>
        <p><span>Coordonnées : 45° 46′ N</span></p>
        <p>\(HTML.escape(article.paragraph).replacingOccurrences(of: "[1]", with: "<sup class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup>").replacingOccurrences(of: "[2]", with: "<sup class=\"reference\">[2]</sup>"))</p>
        <p>Second paragraphe, qui ne doit pas être imprimé.</p></body></html>
        """
    }

    /// Writes the book of every article to `path`.
    @discardableResult
    static func writeBook(at path: String) throws -> String {
        var book = ZimBook(title: "Patrimoine de Clermont", language: "fra", metadata: [("Description", "Monuments de test")])
        for article in allArticles {
            book.add(article: article.path, title: article.title, html: html(article))
        }
        book.add(redirect: "Jaude", to: "Place_de_Jaude")
        book.mainPath = "Place_de_Jaude"
        try book.write(to: path)
        return path
    }

    /// A catalogue of every article: kiosk, online and redirect signs in turn, with quoted
    /// fields, accents, commas and a sign in English.
    static func catalogue(book: String) -> String {
        var lines = [SignCatalog.header.joined(separator: ",")]
        for (index, article) in allArticles.enumerated() {
            let target = ["kiosk", "online", "redirect"][index % 3]
            let id = index == 0 ? "CATHEDRALE" : index == 1 ? "JAUDE" : "S\(index)"
            let language = index == 5 ? "en" : "fr"
            let label = index == 1 ? "Place de Jaude, côté opéra — \"centre\"" : "Clermont-Ferrand, quartier nº \(index)"
            let article = index % 2 == 0 ? article.title : article.path
            lines.append([id, book, article, label, language, target, "45.7772", "3.0819", "note \(index)"].map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A library holding the monuments book, in `directory`.
    static func library(in directory: String) throws -> (library: Library, book: String) {
        let zim = try writeBook(at: directory + "/patrimoine.zim")
        let library = Library()
        let loader = BookLoader(library: library, validator: InProcessValidator(), cache: ValidationCache(file: nil),
                                log: Log(minimumLevel: .error))
        loader.load(zim)
        return (library, "patrimoine")
    }
}
