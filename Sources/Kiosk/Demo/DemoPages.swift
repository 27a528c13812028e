/// The text of the demo book: a dozen French and English pages that explain the kiosk,
/// linked to each other, with an image. Served when no ZIM is given.
enum DemoPages {
    static let all: [DemoPage] = french + english

    static let french: [DemoPage] = [
        DemoPage(path: "fr/Accueil", title: "Bienvenue sur WikiKiosk", language: "fr", body: """
            <p><img src="../logo.svg" alt="Logo de WikiKiosk : un globe" width="96" height="96"></p>
            <p><b>WikiKiosk</b> met Wikipédia et d'autres encyclopédies libres à portée de téléphone,
            <b>sans Internet</b>. Connectez-vous au Wi-Fi de la borne : tout se lit ici, gratuitement.</p>
            <ul>
            <li><a href="Comment_chercher">Comment chercher un article</a></li>
            <li><a href="Se_connecter">Se connecter au Wi-Fi de la borne</a></li>
            <li><a href="Wikipédia">Qu'est-ce que Wikipédia ?</a></li>
            <li><a href="Fichiers_ZIM">Les fichiers ZIM et Kiwix</a></li>
            <li><a href="Panneaux_QR">Les panneaux « Wikipédia dans la ville »</a></li>
            <li><a href="Vie_privée">Vie privée : ce que la borne enregistre</a></li>
            <li><a href="Contribuer">Contribuer à Wikipédia</a></li>
            </ul>
            """, translation: "en/Welcome"),
        DemoPage(path: "fr/Comment_chercher", title: "Comment chercher un article", language: "fr", body: """
            <p>Tapez quelques mots dans la boîte de recherche de la page d'accueil : « cathédrale clermont »
            suffit, sans majuscules ni accents. La borne propose des titres pendant la frappe et cherche
            aussi dans le texte des articles.</p>
            <p>Retour à l'<a href="Accueil">accueil</a>. Voir aussi : <a href="Fichiers_ZIM">fichiers ZIM</a>.</p>
            """, translation: "en/How_to_search"),
        DemoPage(path: "fr/Se_connecter", title: "Se connecter au Wi-Fi de la borne", language: "fr", body: """
            <p>Ouvrez les réglages Wi-Fi de votre téléphone et choisissez le réseau de la borne.
            Une page s'ouvre d'elle-même ; sinon, ouvrez n'importe quelle adresse dans le navigateur.
            Le réseau est ouvert : aucun mot de passe, aucune inscription.</p>
            <p>Retour à l'<a href="Accueil">accueil</a>.</p>
            """, translation: "en/Joining_the_WiFi"),
        DemoPage(path: "fr/Wikipédia", title: "Wikipédia", language: "fr", body: """
            <p><b>Wikipédia</b> est une encyclopédie libre, écrite par des bénévoles du monde entier
            depuis 2001. Ses textes sont sous licence CC BY-SA : chacun peut les lire, les copier et les
            améliorer. La version francophone compte plus de deux millions et demi d'articles.</p>
            <p>Voir <a href="Contribuer">contribuer</a> et <a href="Fichiers_ZIM">fichiers ZIM</a>.</p>
            """, translation: "en/Wikipedia"),
        DemoPage(path: "fr/Fichiers_ZIM", title: "Les fichiers ZIM et Kiwix", language: "fr", body: """
            <p>Un fichier <b>ZIM</b> contient un site entier (articles, images, index de recherche) compressé
            dans un seul fichier. Le projet Kiwix en publie pour Wikipédia, le Wiktionnaire, Vikidia et
            bien d'autres. Copiez-en un dans le dossier de la bibliothèque : la borne le sert en quelques
            secondes, sans redémarrer.</p>
            <p>Retour à l'<a href="Accueil">accueil</a>.</p>
            """, translation: "en/ZIM_files"),
        DemoPage(path: "fr/Panneaux_QR", title: "Les panneaux « Wikipédia dans la ville »", language: "fr", body: """
            <p>Des plaques avec un code QR, posées sur les monuments et dans les lieux publics, ouvrent
            l'article de Wikipédia sur ce que l'on a devant soi. Chaque lecture est comptée, sans savoir
            qui l'a faite.</p>
            <p>Voir <a href="Vie_privée">vie privée</a>.</p>
            """, translation: "en/QR_signs"),
        DemoPage(path: "fr/Vie_privée", title: "Vie privée : ce que la borne enregistre", language: "fr", body: """
            <p>La borne compte les pages lues et les recherches pour évaluer le service. Elle n'enregistre
            jamais d'adresse IP, d'adresse MAC ni d'identifiant de navigateur.</p>
            <p>Retour à l'<a href="Accueil">accueil</a>.</p>
            """, translation: "en/Privacy"),
        DemoPage(path: "fr/Contribuer", title: "Contribuer à Wikipédia", language: "fr", body: """
            <p>Un article manque ou vous semble incomplet ? Notez-le : une fois connecté à Internet,
            chacun peut créer un compte et améliorer Wikipédia. Les associations locales de Wikimédia
            organisent des ateliers pour débuter.</p>
            <p>Voir <a href="Wikipédia">Wikipédia</a>.</p>
            """, translation: "en/Contributing"),
    ]

    static let english: [DemoPage] = [
        DemoPage(path: "en/Welcome", title: "Welcome to WikiKiosk", language: "en", body: """
            <p><img src="../logo.svg" alt="WikiKiosk logo: a globe" width="96" height="96"></p>
            <p><b>WikiKiosk</b> puts Wikipedia and other free encyclopedias within reach of any phone,
            <b>without Internet</b>. Join the kiosk's Wi-Fi: everything is read here, at no cost.</p>
            <ul>
            <li><a href="How_to_search">How to search for an article</a></li>
            <li><a href="Joining_the_WiFi">Joining the kiosk's Wi-Fi</a></li>
            <li><a href="Wikipedia">What is Wikipedia?</a></li>
            <li><a href="ZIM_files">ZIM files and Kiwix</a></li>
            <li><a href="QR_signs">"Wikipedia in town" signs</a></li>
            <li><a href="Privacy">Privacy: what the kiosk records</a></li>
            <li><a href="Contributing">Contributing to Wikipedia</a></li>
            </ul>
            """, translation: "fr/Accueil"),
        DemoPage(path: "en/How_to_search", title: "How to search for an article", language: "en", body: """
            <p>Type a few words in the search box of the home page: "cathedral clermont" is enough, in
            any case and without accents. The kiosk suggests titles as you type and also searches the
            text of the articles.</p>
            <p>Back to the <a href="Welcome">welcome page</a>. See also <a href="ZIM_files">ZIM files</a>.</p>
            """, translation: "fr/Comment_chercher"),
        DemoPage(path: "en/Joining_the_WiFi", title: "Joining the kiosk's Wi-Fi", language: "en", body: """
            <p>Open your phone's Wi-Fi settings and choose the kiosk's network. A page opens by itself;
            if not, open any address in the browser. The network is open: no password, no sign-up.</p>
            <p>Back to the <a href="Welcome">welcome page</a>.</p>
            """, translation: "fr/Se_connecter"),
        DemoPage(path: "en/Wikipedia", title: "Wikipedia", language: "en", body: """
            <p><b>Wikipedia</b> is a free encyclopedia written by volunteers all over the world since 2001.
            Its texts are under the CC BY-SA licence: anyone may read, copy and improve them.</p>
            <p>See <a href="Contributing">contributing</a> and <a href="ZIM_files">ZIM files</a>.</p>
            """, translation: "fr/Wikipédia"),
        DemoPage(path: "en/ZIM_files", title: "ZIM files and Kiwix", language: "en", body: """
            <p>A <b>ZIM</b> file holds a whole web site (articles, images, search index) compressed in a
            single file. The Kiwix project publishes them for Wikipedia, Wiktionary, Vikidia and many
            more. Copy one into the library folder: the kiosk serves it within seconds, with no restart.</p>
            <p>Back to the <a href="Welcome">welcome page</a>.</p>
            """, translation: "fr/Fichiers_ZIM"),
        DemoPage(path: "en/QR_signs", title: "\"Wikipedia in town\" signs", language: "en", body: """
            <p>Plaques with a QR code, on monuments and in public places, open the Wikipedia article about
            what you stand in front of. Each scan is counted, without knowing who made it.</p>
            <p>See <a href="Privacy">privacy</a>.</p>
            """, translation: "fr/Panneaux_QR"),
        DemoPage(path: "en/Privacy", title: "Privacy: what the kiosk records", language: "en", body: """
            <p>The kiosk counts pages read and searches to evaluate the service. It never records IP
            addresses, MAC addresses or browser identifiers.</p>
            <p>Back to the <a href="Welcome">welcome page</a>.</p>
            """, translation: "fr/Vie_privée"),
        DemoPage(path: "en/Contributing", title: "Contributing to Wikipedia", language: "en", body: """
            <p>An article is missing or looks incomplete? Write it down: once online, anyone can create an
            account and improve Wikipedia. Local Wikimedia chapters run workshops for beginners.</p>
            <p>See <a href="Wikipedia">Wikipedia</a>.</p>
            """, translation: "fr/Contribuer"),
    ]
}
