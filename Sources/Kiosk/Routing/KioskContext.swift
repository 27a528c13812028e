import HTTPServer

/// What every handler may use — the books, the strings, the log, the usage log, the live
/// settings — and each feature's own state (portal, search tuning, staff area, signs), all set
/// once when the kiosk is assembled: a context never changes after it is made.
public struct KioskContext: Sendable {
    public let library: Library
    /// Compressed bodies of popular entries (the pipeline's compression step).
    public let compressedBodies: CompressedBodyCache
    public let strings: StringCatalog
    public let log: Log
    /// Where usage events go (statistics); `NoUsageRecording` when switched off.
    public let usage: any UsageRecording
    /// The kiosk's settings from kiosk-config (name, place, featured articles, portal), live.
    public let settings: LiveSettings
    /// Captive-portal state of the devices (memory only).
    public let portal: PortalDevices
    /// Phones on the kiosk and reading now, for the presenter screen (memory only).
    public let live: LiveDevices
    /// The questionnaire offered to the phones of a session (memory only).
    public let invitations: QuestionnaireInvitations
    /// Search and suggestion tuning (time budget, searchers per book, title index size).
    public let searchSettings: SearchSettings
    /// The staff area's files and in-memory state (sessions, login throttle).
    public let admin: AdminOptions
    /// QR signs: the catalogue behind `/s/<id>` and `/signs/<id>.pdf`, the template, the render cache.
    public let signs: SignDesk
    /// What articles get added (toolbar, offline links), per book, following the live settings.
    public let decorations: ArticleDecorations

    public init(library: Library, compressedBodies: CompressedBodyCache, strings: StringCatalog = StringCatalog(), log: Log,
                usage: any UsageRecording = NoUsageRecording(),
                settings: LiveSettings = LiveSettings(), portal: PortalDevices = PortalDevices(),
                searchSettings: SearchSettings = SearchSettings(), admin: AdminOptions = AdminOptions(),
                signs: SignDesk = SignDesk(), live: LiveDevices = LiveDevices(),
                invitations: QuestionnaireInvitations = QuestionnaireInvitations()) {
        self.live = live
        self.invitations = invitations
        self.searchSettings = searchSettings
        self.admin = admin
        self.signs = signs
        self.library = library
        self.compressedBodies = compressedBodies
        self.strings = strings
        self.log = log
        self.usage = usage
        self.settings = settings
        self.portal = portal
        self.decorations = ArticleDecorations(settings: settings, strings: strings)
    }

    /// Renders every error answer (`KioskError`) in the visitor's language.
    var errors: ErrorRenderer { ErrorRenderer(strings: strings, log: log) }

    /// The visitor's interface language for this request.
    public func language(for request: Request) -> String {
        strings.language(explicit: request.query["lang"], acceptLanguage: request.acceptLanguage)
    }
}
