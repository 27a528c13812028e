import HTTPServer

/// The kiosk's routing table. URL paths follow kiwix-serve's where it has one, so Kiwix links
/// and clients keep working.
public enum KioskRoutes {
    /// The steps every request goes through, outermost first (see `Middleware`).
    static func pipeline(_ context: KioskContext, offline: OfflineLinkPage) -> [any Middleware] {
        [
            SecurityHeaders(),
            CaptivePortal(gate: PortalGate(context: context, offline: offline)),
            PageViews(usage: context.usage),
            Presence(live: context.live),
            QuestionnaireInvitation(context: context),
            ConditionalRequests(),
            Compression(cache: context.compressedBodies),
            ArticleDecorating(),
        ]
    }

    /// The router for a kiosk serving `context`.
    /// `search` runs full-text searches; its owner stops it (a new one, never stopped, when nil:
    /// tests whose routers live as long as the process).
    public static func router(_ context: KioskContext, search searchService: SearchService? = nil) -> Router {
        let content = ContentHandler(context: context)
        let raw = RawHandler(context: context)
        let landing = LandingPage(context: context)
        let landingAssets = LandingAssets(context: context)
        let portalContinue = ContinueHandler(context: context)
        let books = BooksAPI(context: context)
        let random = RandomHandler(context: context)
        let download = DownloadHandler(context: context)
        let takeHome = TakeHomePage(context: context)
        let presenter = PresenterPage(context: context, live: context.live)
        let questionnaire = QuestionnairePage(context: context)
        let catalog = CatalogHandler(context: context)
        let searchService = searchService ?? SearchService(library: context.library, settings: context.searchSettings)
        let search = SearchHandler(context: context, service: searchService)
        let suggest = SuggestHandler(context: context, service: searchService)
        let legacy = LegacyPathHandler(context: context)
        let clockHint = ClockHintHandler(context: context)
        let admin = AdminArea(context: context)
        let shortLink = ShortLinkHandler(context: context)
        let signFile = SignFileHandler(context: context)
        let offline = OfflineLinkPage(context: context,
                                      articles: WikipediaArticles(library: context.library, search: searchService))
        let viewer = ViewerPage(context: context)
        return Router(
            routes: [
                Route("", landing),
                Route("landing", landingAssets),
                Route("portal", methods: [.get, .head, .post], portalContinue),
                Route("content", content),
                Route("raw", raw),
                Route("random", random),
                Route("download", download),
                Route("take-home", takeHome),
                Route("presenter", presenter),
                Route("questionnaire", methods: [.get, .head, .post], questionnaire),
                Route("catalog", catalog),
                Route("search", deferred: { search.handle($0, $1, completion: $2) }),
                Route("suggest", suggest),
                Route("api", books),
                Route("usage", methods: [.post], clockHint),
                Route("admin", methods: [.get, .head, .post], admin),
                // QR signs: short links (the QR codes hold "/S/<ID>" in upper case) and printable files.
                Route("s", shortLink),
                Route("S", shortLink),
                Route("signs", deferred: { signFile.handle($0, $1, completion: $2) }),
                // Links out of the kiosk, and kiwix-serve's reader address.
                Route("catch", offline),
                Route("viewer", viewer),
            ],
            fallback: Route("*", legacy),
            pipeline: pipeline(context, offline: offline),
            errors: context.errors)
    }
}
