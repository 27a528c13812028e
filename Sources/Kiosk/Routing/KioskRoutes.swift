import HTTPServer

/// The kiosk's routing table. URL paths follow kiwix-serve's where it has one, so Kiwix links
/// and clients keep working.
public enum KioskRoutes {
    /// The steps every request goes through, outermost first (see `Middleware`).
    static func pipeline(_ context: KioskContext) -> [any Middleware] {
        [
            SecurityHeaders(),
            CaptivePortal(gate: PortalGate(context: context)),
            PageViews(usage: context.usage),
            ConditionalRequests(),
            Compression(cache: context.compressedBodies),
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
        let catalog = CatalogHandler(context: context)
        let searchService = searchService ?? SearchService(library: context.library, settings: context.searchSettings)
        let search = SearchHandler(context: context, service: searchService)
        let suggest = SuggestHandler(context: context, service: searchService)
        let legacy = LegacyPathHandler(context: context)
        let clockHint = ClockHintHandler(context: context)
        let admin = AdminArea(context: context)
        let shortLink = ShortLinkHandler(context: context)
        let signFile = SignFileHandler(context: context)
        return Router(
            routes: [
                Route("") { landing.handle($0, $1) },
                Route("landing") { landingAssets.handle($0, $1) },
                Route("portal", methods: [.get, .head, .post]) { portalContinue.handle($0, $1) },
                Route("content", resolve: { request, segments throws(KioskError) in try content.resolve(request, segments) },
                      serve: { request, resource throws(KioskError) in try content.serve(request, resource) }),
                Route("raw", resolve: { request, segments throws(KioskError) in try raw.resolve(request, segments) },
                      serve: { _, resource throws(KioskError) in try ContentResponder.respond(resource) }),
                Route("random") { random.handle($0, $1) },
                Route("catalog") { catalog.handle($0, $1) },
                Route("search", deferred: { search.handle($0, $1, completion: $2) }),
                Route("suggest") { suggest.handle($0, $1) },
                Route("api") { books.handle($0, $1) },
                Route("usage", methods: [.post]) { clockHint.handle($0, $1) },
                Route("admin", methods: [.get, .head, .post]) { admin.handle($0, $1) },
                // QR signs: short links (the QR codes hold "/S/<ID>" in upper case) and printable files.
                Route("s") { shortLink.handle($0, $1) },
                Route("S") { shortLink.handle($0, $1) },
                Route("signs") { signFile.handle($0, $1) },
            ],
            fallback: Route("*") { legacy.handle($0, $1) },
            pipeline: pipeline(context),
            errors: context.errors)
    }
}
