// The handlers of the routing table (`KioskRoutes`), declared here in one list.

extension LandingPage: RouteHandler {}
extension LandingAssets: RouteHandler {}
extension ContinueHandler: RouteHandler {}
extension RandomHandler: RouteHandler {}
extension CatalogHandler: RouteHandler {}
extension SuggestHandler: RouteHandler {}
extension BooksAPI: RouteHandler {}
extension ClockHintHandler: RouteHandler {}
extension AdminArea: RouteHandler {}
extension ShortLinkHandler: RouteHandler {}
extension LegacyPathHandler: RouteHandler {}
extension OfflineLinkPage: RouteHandler {}
extension ViewerPage: RouteHandler {}
extension ContentHandler: ResourceHandler {}
extension RawHandler: ResourceHandler {}
