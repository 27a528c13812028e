import Foundation
import Synchronization
import Testing
@testable import Kiosk

/// The memory the kiosk may use, read from /proc and the cgroup files as Linux lays them out
/// (written here in a temporary folder), and the cache sizes chosen from it.
@Suite("Memory limits and cache sizes")
struct MemoryLimitsTests {
    /// A fake root with /proc/meminfo, /proc/self/cgroup and `files` (path → content).
    static func root(meminfo: (total: Int, available: Int), cgroup: String, files: [String: String] = [:]) throws -> String {
        let root = Fixtures.makeTemporaryDirectory()
        var all = files
        all["proc/meminfo"] = "MemTotal:       \(meminfo.total / 1024) kB\nMemFree:  1000 kB\nMemAvailable:   \(meminfo.available / 1024) kB\n"
        all["proc/self/cgroup"] = cgroup
        for (path, content) in all {
            let file = root + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try content.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let mib = 1 << 20

    @Test func aMachineWithoutACgroupLimitUsesMemAvailable() throws {
        let root = try Self.root(meminfo: (4096 * Self.mib, 3500 * Self.mib), cgroup: "0::/user.slice\n",
                                 files: ["sys/fs/cgroup/user.slice/memory.max": "max\n", "sys/fs/cgroup/memory.max": "max\n"])
        defer { Fixtures.cleanUp(root) }
        let limits = try #require(MemoryLimits.read(root: root))
        #expect(limits == MemoryLimits(total: 4096 * Self.mib, available: 3500 * Self.mib, cgroupLimit: nil))
    }

    @Test func aCgroupV2LimitOnTheServiceOrAParentIsTheTightest() throws {
        let root = try Self.root(meminfo: (4096 * Self.mib, 3500 * Self.mib), cgroup: "0::/system.slice/wikikiosk.service\n",
                                 files: ["sys/fs/cgroup/system.slice/wikikiosk.service/memory.max": "max\n",
                                         "sys/fs/cgroup/system.slice/wikikiosk.service/memory.current": "1000\n",
                                         "sys/fs/cgroup/system.slice/memory.max": "\(512 * Self.mib)\n",
                                         "sys/fs/cgroup/system.slice/memory.current": "\(112 * Self.mib)\n"])
        defer { Fixtures.cleanUp(root) }
        let limits = try #require(MemoryLimits.read(root: root))
        #expect(limits.cgroupLimit == 512 * Self.mib)
        #expect(limits.total == 512 * Self.mib)
        #expect(limits.available == 400 * Self.mib, "the group's room, not the machine's")
    }

    @Test func aCgroupV1LimitIsReadAndItsHugeDefaultMeansNone() throws {
        let group = "sys/fs/cgroup/memory/bench/"
        let limited = try Self.root(meminfo: (8192 * Self.mib, 8000 * Self.mib), cgroup: "9:pids:/\n4:memory:/bench\n0::/\n",
                                    files: [group + "memory.limit_in_bytes": "\(256 * Self.mib)\n",
                                            group + "memory.usage_in_bytes": "\(56 * Self.mib)\n",
                                            "sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"])
        defer { Fixtures.cleanUp(limited) }
        let limits = try #require(MemoryLimits.read(root: limited))
        #expect(limits == MemoryLimits(total: 256 * Self.mib, available: 200 * Self.mib, cgroupLimit: 256 * Self.mib))

        let free = try Self.root(meminfo: (8192 * Self.mib, 8000 * Self.mib), cgroup: "4:memory:/bench\n",
                                 files: [group + "memory.limit_in_bytes": "9223372036854771712\n"])
        defer { Fixtures.cleanUp(free) }
        #expect(MemoryLimits.read(root: free)?.cgroupLimit == nil)
    }

    @Test func withoutProcMeminfoNothingIsKnown() {
        #expect(MemoryLimits.read(root: "/nonexistent-root") == nil)
        let budget = CacheBudget.choose(limits: nil, compressedMiB: nil, clusterMiB: nil)
        #expect(budget.compressedBodies + budget.clusters == CacheBudget.minimum)
    }

    @Test func theCachesFollowTheBoard() {
        func chosen(available: Int) -> (Int, Int) {
            let budget = CacheBudget.choose(limits: MemoryLimits(total: available, available: available * Self.mib),
                                            compressedMiB: nil, clusterMiB: nil)
            return (budget.compressedBodies / Self.mib, budget.clusters / Self.mib)
        }
        #expect(chosen(available: 380) == (24, 23), "Pi Zero 2 W: 24 MiB of pages first, 23.5 of clusters")
        #expect(chosen(available: 3500) == (24, 40), "Pi 4, 4 GB: the ceiling")
        #expect(chosen(available: 100) == (16, 8), "almost nothing left: the floor, the first release's 16 + 8")
        #expect(chosen(available: 240) == (22, 8), "a small cgroup: pages first, clusters keep 8 MiB")
    }

    @Test func flagsOverrideEachPart() {
        let limits = MemoryLimits(total: 4096 * Self.mib, available: 3500 * Self.mib)
        let budget = CacheBudget.choose(limits: limits, compressedMiB: 128, clusterMiB: nil)
        #expect(budget.compressedBodies == 128 * Self.mib)
        #expect(budget.clusters == 40 * Self.mib)
        #expect(budget.summary.contains("--cache-mib given"))
        #expect(budget.summary.hasPrefix("caches: 128 MiB of gzip pages, 40 MiB of clusters (1/8 of 3500 MiB available"))
    }

    @Test func thisMachineIsRead() throws {
        let limits = try #require(MemoryLimits.read())
        #expect(limits.total > 0 && limits.available > 0 && limits.available <= limits.total)
    }
}

/// The memory guard halves the caches when memory runs low while serving, and leaves them
/// alone otherwise.
@Suite("Memory guard", .serialized)
struct MemoryGuardTests {
    @Test func lowMemoryHalvesTheCachesAndPlentyLeavesThem() {
        let mib = 1 << 20
        let cache = CompressedBodyCache(budget: 40 * mib)
        let available = Mutex(3_000 * mib)
        let collected = Mutex<[String]>([])
        let clusters = Atomic(24 * mib)
        let guardian = MemoryGuard(caches: cache, log: Log(minimumLevel: .info) { line in collected.withLock { $0.append(line) } },
                                   read: { MemoryLimits(total: 4_000 * mib, available: available.withLock { $0 }) },
                                   pressure: { MemoryPressure() },
                                   clusterBudget: { clusters.load(ordering: .relaxed) },
                                   setClusterBudget: { clusters.store($0, ordering: .relaxed) })
        #expect(!guardian.check(), "3,000 of 4,000 MiB available: nothing to do")
        #expect(cache.budget == 40 * mib)
        available.withLock { $0 = 150 * mib }   // under a twentieth of 4,000 MiB
        #expect(guardian.check())
        #expect(cache.budget == 20 * mib)
        #expect(clusters.load(ordering: .relaxed) == 12 * mib)
        #expect(guardian.check())
        #expect(cache.budget == 10 * mib)
        let lines = collected.withLock { $0 }
        #expect(lines.count == 2)
        #expect(lines.first?.contains("memory low (150 MiB available of 4000 MiB): caches halved to 20 MiB of gzip pages") == true,
                "\(lines)")
        for _ in 0..<10 { guardian.check() }
        #expect(cache.budget == MemoryGuard.floor, "never below the floor")
        #expect(clusters.load(ordering: .relaxed) == MemoryGuard.floor)
        #expect(!guardian.check(), "at the floor: nothing left to give")
    }

    /// Pressure (PSI) and the cgroup reaching its limit halve the caches before `MemAvailable`
    /// falls, at most once per 30 s; after five calm minutes they double back, one step per calm
    /// period, to what they were; a reload's sizes are the new ceiling.
    @Test func pressureAndLimitEventsHalveAndCalmGrowsBack() {
        let mib = 1 << 20
        let cache = CompressedBodyCache(budget: 40 * mib)
        let clusters = Atomic(24 * mib)
        let signs = Mutex(MemoryPressure(stalledPercent: 0, limitEvents: 5))
        let clock = Mutex(1_000.0)
        let collected = Mutex<[String]>([])
        let guardian = MemoryGuard(caches: cache, log: Log(minimumLevel: .info) { line in collected.withLock { $0.append(line) } },
                                   read: { MemoryLimits(total: 4_000 * mib, available: 3_000 * mib) },
                                   pressure: { signs.withLock { $0 } }, now: { clock.withLock { $0 } },
                                   clusterBudget: { clusters.load(ordering: .relaxed) },
                                   setClusterBudget: { clusters.store($0, ordering: .relaxed) })
        func after(_ seconds: Double) -> Bool {
            clock.withLock { $0 += seconds }
            return guardian.check()
        }
        #expect(!after(0), "the first reading of memory.events is the baseline, not 5 new events")
        signs.withLock { $0.stalledPercent = 25 }
        #expect(after(5) && cache.budget == 20 * mib && clusters.load(ordering: .relaxed) == 12 * mib)
        #expect(!after(5), "PSI's 10 s average lags: not again within 30 s")
        #expect(after(30) && cache.budget == 10 * mib)
        signs.withLock { $0 = MemoryPressure(stalledPercent: 0.5, limitEvents: 7) }
        #expect(after(30) && cache.budget == 5 * mib && clusters.load(ordering: .relaxed) == 3 * mib)
        let lines = collected.withLock { $0 }
        #expect(lines.first?.contains("warning: tasks waited for memory 25 % of the last 10 s: caches halved to 20 MiB") == true, "\(lines)")
        #expect(lines.last?.contains("warning: the control group reached its memory limit 2 time(s)") == true, "\(lines)")

        #expect(!after(5) && !after(290), "calm, but not for five minutes yet")
        #expect(after(10) && cache.budget == 10 * mib && clusters.load(ordering: .relaxed) == 6 * mib)
        #expect(!after(100), "one step per calm period")
        signs.withLock { $0.stalledPercent = 12 }
        #expect(after(200) && cache.budget == 5 * mib, "pressure again: halved, and the calm period starts over")
        signs.withLock { $0.stalledPercent = 0 }
        #expect(!after(5))
        for expected in [10, 20, 40] {
            #expect(after(300) && cache.budget == expected * mib)
        }
        #expect(clusters.load(ordering: .relaxed) == 24 * mib, "back to the ceiling")
        #expect(!after(300), "nothing above the ceiling")
        #expect(collected.withLock { $0.last }?.contains("memory calm for 5 minutes: caches grown to 40 MiB") == true)
    }

    @Test func pressureIsReadFromTheGroupThenTheMachine() throws {
        let unified = try MemoryLimitsTests.root(meminfo: (1024 << 20, 512 << 20), cgroup: "0::/system.slice/wikikiosk.service\n", files: [
            "sys/fs/cgroup/system.slice/wikikiosk.service/memory.pressure": "some avg10=12.50 avg60=3.00 avg300=1.00 total=123\nfull avg10=2.00 avg60=0.00 avg300=0.00 total=9\n",
            "sys/fs/cgroup/system.slice/wikikiosk.service/memory.events": "low 0\nhigh 3\nmax 2\noom 1\noom_kill 1\noom_group_kill 0\n",
            "sys/fs/cgroup/system.slice/memory.events": "low 0\nhigh 0\nmax 1\noom 0\noom_kill 0\n",
            "proc/pressure/memory": "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
        ])
        defer { Fixtures.cleanUp(unified) }
        #expect(MemoryPressure.read(root: unified) == MemoryPressure(stalledPercent: 12.5, limitEvents: 7))
        let legacy = try MemoryLimitsTests.root(meminfo: (1024 << 20, 512 << 20), cgroup: "4:memory:/wikikiosk\n", files: [
            "proc/pressure/memory": "some avg10=3.25 avg60=1.00 avg300=0.10 total=4567\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
        ])
        defer { Fixtures.cleanUp(legacy) }
        #expect(MemoryPressure.read(root: legacy) == MemoryPressure(stalledPercent: 3.25, limitEvents: nil))
        let none = try MemoryLimitsTests.root(meminfo: (1024 << 20, 512 << 20), cgroup: "4:memory:/\n")
        defer { Fixtures.cleanUp(none) }
        #expect(MemoryPressure.read(root: none) == MemoryPressure())
    }

    @Test func aSmallCgroupIsLowBelow24MiB() {
        let mib = 1 << 20
        #expect(MemoryGuard.isLow(MemoryLimits(total: 256 * mib, available: 20 * mib)))
        #expect(!MemoryGuard.isLow(MemoryLimits(total: 256 * mib, available: 30 * mib)))
    }
}
