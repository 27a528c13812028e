/// Everything a partnership evaluation asks for, computed from one or more usage databases.
/// Rendered as HTML (`ReportHTML`), CSV (`ReportCSV`) or JSON (`Codable`).
public struct UsageReport: Sendable, Codable {
    public struct Totals: Sendable, Codable {
        /// Distinct devices per day that read, searched, scanned or opened the welcome page,
        /// added up over the days ("people reached"). Devices that only joined the Wi-Fi are in `funnel`.
        public var peopleReached = 0
        /// The most devices seen on one day, and that day.
        public var peakPeople = 0
        public var peakDay: String?
        /// Visits: a device's activity with no gap longer than 30 minutes.
        public var visits = 0
        public var pagesRead = 0
        public var landingViews = 0
        public var searches = 0
        public var zeroResultSearches = 0
        public var signScans = 0
        public var suggestions = 0
        /// Days with at least one event.
        public var activeDays = 0
        /// Events whose date could not be established (a boot that never learnt the date): not in the charts.
        public var undatedEvents = 0
        /// Events lost because the queue was full.
        public var droppedEvents = 0
        /// Minutes the kiosk was on, and minutes it was in use (`Availability`, added up).
        public var minutesOn = 0
        public var activeMinutes = 0
    }

    public struct Day: Sendable, Codable {
        public var day: String
        public var people: Int
        public var visits: Int
        public var pagesRead: Int
        public var landingViews: Int
        public var searches: Int
        public var signScans: Int
    }

    public struct Hour: Sendable, Codable {
        public var hour: Int
        public var pagesRead: Int
        public var events: Int
    }

    public struct Article: Sendable, Codable {
        public var book: String
        public var path: String
        public var title: String
        public var views: Int
        /// Distinct devices (per day) that read it.
        public var readers: Int
    }

    public struct Count: Sendable, Codable {
        public var name: String
        public var count: Int
    }

    /// A workshop session: what staff typed, when it ran (local time), and what happened while it ran.
    public struct Session: Sendable, Codable, Equatable {
        public var title: String
        public var place: String
        public var mediator: String
        public var expected: Int?
        /// "2026-12-04 14:00"; `end` is nil while it runs.
        public var start: String
        public var end: String?
        public var minutes: Int
        /// Phones seen during the session (distinct daily device numbers).
        public var participants: Int
        public var pagesRead: Int
        public var searches: Int
        public var signScans: Int
    }

    /// The answers to one question of the questionnaire: how many devices answered (each
    /// device-day once, its last answer), and how many gave each value — except for free-text
    /// questions, whose words are never in a report (the staff area lists them).
    public struct QuestionAnswers: Sendable, Codable {
        public var question: String
        public var answers: Int
        public var values: [Count]
    }

    /// A target set with the partner and what was reached (`Objectives`).
    public struct Objective: Sendable, Codable, Equatable {
        public var indicator: String
        public var target: Int
        public var result: Int
        /// Result minus target.
        public var variance: Int { result - target }
        /// The result as a share of the target, in percent (nil for a target of 0).
        public var percent: Int? { target > 0 ? Int((Double(result) * 100 / Double(target)).rounded()) : nil }
    }

    public struct SignDay: Sendable, Codable {
        public var sign: String
        public var day: String
        public var scans: Int
        public var devices: Int
    }

    public struct Query: Sendable, Codable {
        public var query: String
        public var searches: Int
        public var devices: Int
        public var zeroResults: Int
        /// The spelling correction the kiosk offered for it (folded), if any.
        public var correction: String? = nil
    }

    /// How long the kiosk was on and how long it was in use, one local day.
    public struct Availability: Sendable, Codable, Equatable {
        public var day: String
        /// Minutes the kiosk's server was running (from its runs; added over kiosks when merged).
        public var minutesOn: Int
        /// Minutes in which at least one phone read, searched, scanned or opened the welcome page.
        public var activeMinutes: Int
    }

    /// One kiosk's totals in a merged report (`--merge`): they add up to the report's totals.
    public struct Kiosk: Sendable, Codable, Equatable {
        /// The database's file name.
        public var name: String
        public var peopleReached: Int
        public var pagesRead: Int
        public var searches: Int
        public var signScans: Int
        public var sessions: Int
        public var activeDays: Int
        public var minutesOn: Int
    }

    public struct Funnel: Sendable, Codable {
        /// Device-days whose first captive-portal probe was seen (they joined the Wi-Fi).
        public var joined = 0
        /// …of which opened the landing page.
        public var landed = 0
        /// …of which read at least one article.
        public var read = 0
        /// All device-days, those that opened the landing page, those that read an article.
        public var allDevices = 0
        public var anyLanding = 0
        public var anyRead = 0
    }

    public var generated: String
    /// The databases the report was made from (file names only).
    public var kiosks: [String]
    /// The kiosk's name and place (set by whoever has its settings: the staff area).
    public var kioskName: String?
    public var kioskPlace: String?
    /// Sign id → the place written on it, and book name → title, to name them as people do.
    public var signLabels: [String: String] = [:]
    public var bookTitles: [String: String] = [:]
    public var from: String?
    public var to: String?
    /// Queries are shown only when at least this many distinct devices made them.
    public var minimumDevices: Int
    public var totals = Totals()
    public var days: [Day] = []
    public var hours: [Hour] = []
    public var busiestDays: [Day] = []
    public var topArticles: [Article] = []
    public var arrivals: [Count] = []
    public var devices: [Count] = []
    public var signs: [SignDay] = []
    public var signTotals: [Count] = []
    /// The targets of the period and what was reached (set by whoever knows the objectives).
    public var objectives: [Objective] = []
    /// The objectives' own period, when given.
    public var objectivesPeriod: String?
    /// The questionnaire's answers, by question id.
    public var answers: [QuestionAnswers] = []
    /// Workshop sessions that started in the period, in order.
    public var sessions: [Session] = []
    public var topSearches: [Query] = []
    public var contentGaps: [Query] = []
    /// Distinct queries withheld because fewer than `minimumDevices` devices made them.
    public var hiddenQueries = 0
    public var funnel = Funnel()
    /// Per day: minutes on and minutes in use (days with either).
    public var availability: [Availability] = []
    /// Per kiosk, in the order of `kiosks`.
    public var kioskTotals: [Kiosk] = []
}
