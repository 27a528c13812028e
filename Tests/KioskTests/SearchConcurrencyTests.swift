import Dispatch
import Foundation
@testable import HTTPTestSupport
#if canImport(Glibc)
import Glibc
#endif
import HTTPServer
@testable import Kiosk
import Synchronization
import Testing

/// Searches run on their own low-priority threads with a bounded queue; content pages and
/// suggestions never wait for them; suggestions are remembered.
@Suite struct SearchConcurrencyTests {
    /// A real daemon (one MHD thread) in front of the kiosk's routes, with `/search` served by
    /// `service`, whose search threads the test can hold.
    final class Server {
        let kiosk: SearchKiosk
        let service: SearchService
        let daemon: Daemon

        init(settings: SearchSettings) throws {
            kiosk = try SearchTests.kiosk(settings: settings)
            let context = KioskContext(library: kiosk.library,
                                       compressedBodies: CompressedBodyCache(budget: 1 << 20),
                                       log: Log(minimumLevel: .error), searchSettings: settings)
            let service = SearchService(library: kiosk.library, settings: settings)
            let search = SearchHandler(context: context, service: service)
            let all = KioskRoutes.router(context)
            let router = Router(routes: [Route("search", deferred: { search.handle($0, $1, completion: $2) })],
                                fallback: Route("*") { request, _ in all.handle(request) }, pipeline: [], errors: context.errors)
            var configuration = Daemon.Configuration()
            configuration.address = "127.0.0.1"
            configuration.port = 0
            configuration.threads = 1
            daemon = try Daemon(configuration: configuration, handler: router)
            self.service = service
        }

        func url(_ target: String) -> String { "http://127.0.0.1:\(daemon.port)\(target)" }

        /// Occupies every search thread until the returned semaphore is signalled (once per thread).
        func holdSearchThreads() -> DispatchSemaphore {
            let release = DispatchSemaphore(value: 0)
            let started = DispatchSemaphore(value: 0)
            for _ in 0..<service.workers.count {
                service.workers.submit {
                    started.signal()
                    release.wait()
                }
            }
            for _ in 0..<service.workers.count { started.wait() }
            return release
        }

        deinit { daemon.stop() }
    }

    static func settings(threads: Int, queue: Int, wait: Double = 30) -> SearchSettings {
        var settings = SearchSettings()
        settings.searchThreads = threads
        settings.searchQueueDepth = queue
        settings.searchQueueWait = wait
        return settings
    }

    @Test func contentAndSuggestionsAnswerWhileASearchWaits() throws {
        let server = try Server(settings: Self.settings(threads: 1, queue: 4))
        let release = server.holdSearchThreads()
        let searched = Locked<Curl.Result?>(nil)
        let url = server.url("/search?books.name=ville&format=json&pattern=cathedrale")
        let searcher = Thread {
            let reply = try? Curl.get(url)
            searched.withLock { $0 = reply }
        }
        searcher.start()
        // The search is queued behind the held thread, its connection suspended.
        #expect(eventually { server.service.workers.waitingJobs == 1 && server.daemon.suspendedRequests == 1 })
        for target in ["/content/ville/Accueil", "/suggest?content=ville&term=cath", "/content/corpus/%C3%89tats-Unis"] {
            let begin = Date()
            let reply = try Curl.get(server.url(target))
            #expect(reply.status == 200, "\(target)")
            #expect(Date().timeIntervalSince(begin) < 1, "\(target) waited for the search")
        }
        #expect(searched.withLock { $0 } == nil)
        release.signal()
        #expect(eventually { searched.withLock { $0 } != nil })
        let reply = try #require(searched.withLock { $0 })
        #expect(reply.status == 200)
        #expect(reply.headers["x-search-busy"] == nil)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
        let titles = (body["results"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(titles.first == "Cathédrale de Clermont")
        #expect(body["busy"] as? Bool == false)
    }

    @Test func fullQueueAnswersAtOnceWithTitleMatches() throws {
        let server = try Server(settings: Self.settings(threads: 1, queue: 0))
        // Title matches come from the folded title index: built on first use, here beforehand.
        let corpus = try #require(server.kiosk.library.book(named: "corpus"))
        #expect(server.service.state(for: corpus).titleIndex(wait: 30) != nil)
        let release = server.holdSearchThreads()
        defer { release.signal() }
        let begin = Date()
        let reply = try Curl.get(server.url("/search?books.name=corpus&format=json&pattern=etats+unis"))
        #expect(Date().timeIntervalSince(begin) < 1)
        #expect(reply.status == 200)
        #expect(reply.headers["x-search-busy"] == "title-matches-only")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
        #expect(body["busy"] as? Bool == true)
        let titles = (body["results"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(titles.first == "États-Unis")
        let page = try Curl.get(server.url("/search?books.name=corpus&pattern=etats+unis"), ["-H", "Accept-Language: fr"])
        #expect(page.status == 200)
        #expect(page.text.contains("Beaucoup de recherches sont en cours"))
        #expect(page.text.contains("href=\"/content/corpus/%C3%89tats-Unis\""))
        let english = try Curl.get(server.url("/search?books.name=corpus&pattern=etats+unis&lang=en"))
        #expect(english.text.contains("Many searches are running right now"))
    }

    @Test func searchWaitingTooLongGetsTitleMatches() throws {
        let server = try Server(settings: Self.settings(threads: 1, queue: 4, wait: 0.3))
        let corpus = try #require(server.kiosk.library.book(named: "corpus"))
        #expect(server.service.state(for: corpus).titleIndex(wait: 30) != nil)
        let release = server.holdSearchThreads()
        let begin = Date()
        let reply = try Curl.get(server.url("/search?books.name=corpus&format=json&pattern=etats+unis"))
        let elapsed = Date().timeIntervalSince(begin)
        #expect(elapsed >= 0.29 && elapsed < 3, "answered after \(elapsed) s")
        #expect(reply.status == 200)
        #expect(reply.headers["x-search-busy"] == "title-matches-only")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
        let titles = (body["results"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(titles.first == "États-Unis")
        // Once the thread is free, the stale job is skipped and searches get full text again.
        release.signal()
        #expect(eventually { server.service.workers.waitingJobs == 0 })
        let full = try Curl.get(server.url("/search?books.name=corpus&format=json&pattern=etats+unis"))
        #expect(full.status == 200)
        #expect(full.headers["x-search-busy"] == nil)
    }

    @Test func malformedSearchesAreAnsweredWithoutASearchThread() throws {
        let server = try Server(settings: Self.settings(threads: 1, queue: 0))
        let release = server.holdSearchThreads()
        defer { release.signal() }
        #expect(try Curl.get(server.url("/search?pattern=x&start=abc")).status == 400)
        #expect(try Curl.get(server.url("/search?pattern=x&books.name=nope")).status == 400)
    }

    @Test func searchThreadsRunAtLowerPriority() throws {
        #if os(Linux)
        let threads = WorkerThreads(name: "test", count: 2, niceness: 7, idleSeconds: 0.2)
        let seen = Locked<[Int32]>([])
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<4 {
            threads.submit {
                let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                seen.withLock { $0.append(nice) }
                done.signal()
            }
        }
        for _ in 0..<4 { done.wait() }
        // Relative to the process's own nice value.
        let base = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #expect(seen.withLock { $0 }.allSatisfy { $0 == min(base + 7, 19) })
        #endif
    }

    @Test func workerThreadsBoundTheirQueueAndEndWhenIdle() {
        let threads = WorkerThreads(name: "test", count: 2, queueLimit: 3, idleSeconds: 0.1)
        let release = DispatchSemaphore(value: 0)
        let order = Locked<[Int]>([])
        var accepted: [Bool] = []
        for n in 0..<7 {
            accepted.append(threads.submit {
                release.wait()
                order.withLock { $0.append(n) }
            })
        }
        // 2 running + 3 waiting; the 6th and 7th are refused.
        #expect(accepted == [true, true, true, true, true, false, false])
        #expect(threads.threadCount == 2)
        for _ in 0..<5 { release.signal() }
        #expect(eventually { order.withLock { $0.count } == 5 })
        #expect(Set(order.withLock { $0 }) == [0, 1, 2, 3, 4])
        #expect(eventually { threads.threadCount == 0 })
        // New work after the threads ended starts a thread again.
        let ran = DispatchSemaphore(value: 0)
        #expect(threads.submit { ran.signal() })
        #expect(ran.wait(timeout: .now() + 2) == .success)
    }

    @Test func suggestionsAreRemembered() throws {
        let kiosk = try SearchTests.kiosk()
        let service = SearchService(library: kiosk.library)
        let book = try #require(kiosk.library.book(named: "corpus"))
        let first = service.suggest("etats", in: book, limit: 10)
        #expect(first.first?.title == "États-Unis")
        let state = service.state(for: book)
        #expect(state.titleIndexSettled)
        #expect(state.suggestions.count == 1)
        let again = service.suggest("ÉTATS", in: book, limit: 10)
        #expect(again.map(\.path) == first.map(\.path))
        #expect(state.suggestions.count == 1)
        _ = service.suggest("etats", in: book, limit: 3)
        #expect(state.suggestions.count == 2)
    }

    @Test func lruCacheKeepsTheMostRecent() {
        let cache = LRUCache<Int>(capacity: 8)
        for n in 0..<8 { cache.put("k\(n)", n) }
        #expect(cache.get("k0") == 0)  // now the most recent
        cache.put("k8", 8)             // evicts the oldest eighth: k1
        #expect(cache.count == 8)
        #expect(cache.get("k1") == nil)
        #expect(cache.get("k0") == 0)
        #expect(cache.get("k8") == 8)
    }
}

/// Polls `condition` for up to five seconds.
private func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<500 {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}
