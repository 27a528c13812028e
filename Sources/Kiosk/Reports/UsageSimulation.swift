import Foundation

/// Scripted, reproducible traffic for a kiosk in a library, written through the real
/// `UsageLog` (hashing, dating, batching): makes the sample report in docs/ and demo data.
public struct UsageSimulation {
    public var days = 7
    /// The first simulated day, local midnight.
    public var start: Double
    public var seed: UInt64 = 2026

    public init(start: Double) { self.start = start }

    private static let articles: [(book: String, path: String, title: String)] = [
        ("wikipedia_fr_all", "Clermont-Ferrand", "Clermont-Ferrand"),
        ("wikipedia_fr_all", "Cathédrale_Notre-Dame-de-l'Assomption_de_Clermont-Ferrand", "Cathédrale de Clermont-Ferrand"),
        ("wikipedia_fr_all", "Puy_de_Dôme", "Puy de Dôme"), ("wikipedia_fr_all", "Blaise_Pascal", "Blaise Pascal"),
        ("wikipedia_fr_all", "Vercingétorix", "Vercingétorix"), ("wikipedia_fr_all", "Michelin", "Michelin"),
        ("wikipedia_fr_all", "Place_de_Jaude", "Place de Jaude"), ("wikipedia_fr_all", "Chaîne_des_Puys", "Chaîne des Puys"),
        ("wikipedia_fr_all", "ASM_Clermont_Auvergne", "ASM Clermont Auvergne"), ("wikipedia_fr_all", "Volvic", "Volvic"),
        ("wikipedia_fr_all", "Basilique_Notre-Dame-du-Port", "Basilique Notre-Dame-du-Port"),
        ("wikipedia_fr_all", "Auvergne", "Auvergne"),
        ("vikidia_fr_all", "Volcan", "Volcan"), ("vikidia_fr_all", "Dinosaure", "Dinosaure"),
        ("vikidia_fr_all", "Système_solaire", "Système solaire"), ("vikidia_fr_all", "Gaulois", "Gaulois"),
        ("vikidia_fr_all", "Chat", "Chat"), ("vikidia_fr_all", "Pyramide", "Pyramide"),
    ]
    private static let queries: [(String, Int)] = [
        ("puy de dome", 12), ("pascal", 30), ("volcan", 44), ("fontaine d'amboise", 0), ("jardin lecoq", 0),
        ("vercingetorix", 9), ("michelin", 21), ("salle gilbert-gaillard", 0), ("dinosaure", 57), ("tramway clermont", 0),
    ]
    private static let agents = [
        "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/121.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 Version/17.2 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 Version/16.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    ]
    private static let signs = ["place-de-jaude", "cathedrale", "jardin-lecoq"]

    /// Writes the simulated days into the database at `path` (created if needed). Returns the number of events.
    @discardableResult
    public func run(into path: String) throws(UsageStoreError) -> Int {
        var random = SplitMix64(seed: seed)
        var settings = UsageSettings()
        settings.flushInterval = 3600
        settings.queueCapacity = 1_000_000
        settings.retentionDays = 100_000
        var count = 0
        for day in 0..<days {
            let weekday = (day + 6) % 7   // the first day is a Saturday in the sample
            // Closed on Sundays; otherwise staff switch the kiosk on at 9:30 and off at 19:30: one boot a day.
            guard weekday != 0 else { continue }
            let midnight = start + Double(day) * 86_400
            let clock = ManualUsageClock(bootID: "simulation-\(seed)-\(day)", wall: midnight + 9.5 * 3600, monotonic: 25)
            let log = try UsageLog(path: path, settings: settings, clock: clock)
            let visitors = (weekday >= 5 ? 140 : 70) + Int.random(in: 0..<30, using: &random)
            var schedule: [(Double, Int)] = (0..<visitors).map { visitor in
                // Opening hours 10:00–19:00, busier after school (16–18).
                let hour = Double.random(in: 0..<1, using: &random) < 0.4 ? Double.random(in: 16..<18.5, using: &random)
                    : Double.random(in: 10..<19, using: &random)
                return (start + Double(day) * 86_400 + hour * 3600, visitor)
            }
            schedule.sort { $0.0 < $1.0 }
            // Tuesdays and Thursdays at 14:00, a mediator's 90-minute workshop with a class.
            var workshop = weekday == 2 || weekday == 4 ? start + Double(day) * 86_400 + 14 * 3600 : nil
            for (time, visitor) in schedule {
                if let at = workshop, time >= at {
                    count += runWorkshop(log, clock, at: at, title: weekday == 2 ? "Découvrir Wikipédia" : "Écrire sur sa ville",
                                         random: &random)
                    workshop = nil
                }
                let now = clock.reading()
                if time > now.wall { clock.advance(time - now.wall) }
                let address = "192.168.4.\(10 + (visitor + day * 37) % 240)"
                let agent = Self.agents[Int.random(in: 0..<Self.agents.count, using: &random)]
                func emit(_ kind: UsageEvent.Kind, after seconds: ClosedRange<Double> = 5...90) {
                    clock.advance(Double.random(in: seconds, using: &random))
                    log.record(UsageEvent(kind, clientAddress: address, userAgent: agent))
                    count += 1
                }
                let bySign = Double.random(in: 0..<1, using: &random) < 0.15
                if bySign {
                    emit(.signScan(signID: Self.signs.randomElement(using: &random)!), after: 0...1)
                    let article = Self.articles[Int.random(in: 0..<8, using: &random)]
                    emit(.articleView(book: article.book, path: article.path, title: article.title, arrival: .sign), after: 1...2)
                    continue
                }
                emit(.portal(.firstProbe), after: 0...1)
                guard Double.random(in: 0..<1, using: &random) < 0.9 else { continue }
                emit(.landingView, after: 2...20)
                let reads = Int.random(in: 0...5, using: &random)
                for index in 0..<reads {
                    if Double.random(in: 0..<1, using: &random) < 0.35 {
                        let query = Self.queries[Int.random(in: 0..<Self.queries.count, using: &random)]
                        emit(.search(query: query.0, results: query.1, books: ["wikipedia_fr_all"]))
                        if query.1 == 0 { continue }
                    }
                    let skewed = Int(pow(Double.random(in: 0..<1, using: &random), 2) * Double(Self.articles.count))
                    let article = Self.articles[skewed]
                    let arrival: UsageEvent.Arrival = index == 0 ? .landing : [.link, .link, .search].randomElement(using: &random)!
                    emit(.articleView(book: article.book, path: article.path, title: article.title, arrival: arrival), after: 20...240)
                }
            }
            let closing = midnight + 19.5 * 3600
            if clock.reading().wall < closing { clock.advance(closing - clock.reading().wall) }
            log.flush()
            log.close()
        }
        return count
    }

    /// A session of 18 to 26 phones: each joins, reads a few articles, and most answer the
    /// questionnaire at the end.
    private func runWorkshop(_ log: UsageLog, _ clock: ManualUsageClock, at time: Double, title: String,
                             random: inout SplitMix64) -> Int {
        let now = clock.reading()
        if time > now.wall { clock.advance(time - now.wall) }
        log.startSession(title: title, place: "Salle d'animation",
                         mediator: "Camille", expected: 25)
        let phones = Int.random(in: 18...26, using: &random)
        var count = 0
        for phone in 0..<phones {
            let address = "10.42.1.\(10 + phone)"
            let agent = Self.agents[phone % 3]
            clock.advance(Double.random(in: 5...40, using: &random))
            log.record(UsageEvent(.landingView, clientAddress: address, userAgent: agent))
            for _ in 0..<Int.random(in: 2...4, using: &random) {
                clock.advance(Double.random(in: 20...120, using: &random))
                let article = Self.articles[Int.random(in: 0..<Self.articles.count, using: &random)]
                log.record(UsageEvent(.articleView(book: article.book, path: article.path, title: article.title, arrival: .link),
                                      clientAddress: address, userAgent: agent))
                count += 1
            }
            count += 1
        }
        clock.advance(45 * 60)
        for phone in 0..<phones where Double.random(in: 0..<1, using: &random) < 0.8 {
            let address = "10.42.1.\(10 + phone)", agent = Self.agents[phone % 3]
            let score = ["3", "4", "4", "5", "5"][Int.random(in: 0..<5, using: &random)]
            log.record(UsageEvent(.answer(question: "q1", value: score), clientAddress: address, userAgent: agent))
            log.record(UsageEvent(.answer(question: "q2", value: Double.random(in: 0..<1, using: &random) < 0.85 ? "yes" : "no"),
                                  clientAddress: address, userAgent: agent))
            count += 2
        }
        clock.advance(20 * 60)
        log.endSession()
        log.flush()
        return count
    }
}
