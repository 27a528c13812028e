/// Today's live numbers for the staff dashboard, kept up to date by the usage writer as it
/// stores each batch (no query per dashboard refresh), and read back from the database when
/// the day changes or the kiosk starts.
struct TodayTally {
    private(set) var counters = TodayCounters()
    /// Device numbers seen today by this run (earlier runs used another key: counted, not matched).
    private var devices = Set<Int64>()
    private var earlierDevices = 0

    /// Mutates the counters that aren't per event (dropped, pending, suggestions, dating).
    mutating func update(_ body: (inout TodayCounters) -> Void) { body(&counters) }

    /// Counts `event`, stored with `device` on local `day` (nil: not dated yet); a later day
    /// starts a new tally.
    mutating func count(_ event: UsageEvent.Kind, device: Int64, day: String?, dating: String) {
        if let day, counters.day == nil || day > counters.day! {
            counters = TodayCounters(day: day)
            counters.dating = dating
            devices = []
            earlierDevices = 0
        }
        guard day == counters.day else { return }
        devices.insert(device)
        counters.people = earlierDevices + devices.count
        switch event {
        case .landingView: counters.landingViews += 1
        case .articleView: counters.articleViews += 1
        case .search(_, let results, _, _):
            counters.searches += 1
            if results == 0 { counters.zeroResultSearches += 1 }
        case .signScan: counters.signScans += 1
        case .portal(let step): if step == .firstProbe { counters.portalJoins += 1 }
        case .suggestion, .catalog, .answer: break
        }
    }

    /// The tally of local `day` as stored in the database.
    mutating func load(day: String, dating: String, from connection: SQLiteConnection) throws(UsageStoreError) {
        var loaded = TodayCounters(day: day)
        loaded.dating = dating
        loaded.dropped = counters.dropped
        let rows = try connection.rows("""
            SELECT kind, COUNT(*), SUM(results = 0), SUM(detail = 'firstProbe') FROM events WHERE day = ? GROUP BY kind
            """, [.text(day)])
        for row in rows {
            let n = row[1].int ?? 0
            switch row[0].string.flatMap(EventKind.init(rawValue:)) {
            case .view: loaded.articleViews = n
            case .landing: loaded.landingViews = n
            case .search: loaded.searches = n; loaded.zeroResultSearches = row[2].int ?? 0
            case .sign: loaded.signScans = n
            case .portal: loaded.portalJoins = row[3].int ?? 0
            case .suggest, .catalog, .answer, nil: break
            }
        }
        loaded.suggestions = try connection.scalar(
            "SELECT count FROM tallies WHERE day = ? AND name = 'suggestions'", [.text(day)])?.int ?? 0
        earlierDevices = try connection.scalar(
            "SELECT COUNT(DISTINCT device) FROM events WHERE day = ?", [.text(day)])?.int ?? 0
        devices = []
        loaded.people = earlierDevices
        counters = loaded
    }
}
