import Foundation

/// How much memory this process may use, as Linux tells it: the machine's (`/proc/meminfo`:
/// `MemTotal`, `MemAvailable`) and its control group's, v2 (`memory.max`, `memory.current`)
/// or v1 (`memory.limit_in_bytes`, `memory.usage_in_bytes`), the tightest of the group and its
/// parents. A systemd unit's `MemoryMax=`, a container's limit and a benchmark's cgroup all
/// show up here.
public struct MemoryLimits: Sendable, Equatable {
    /// The machine's memory (`MemTotal`), or the cgroup's limit when lower.
    public var total: Int
    /// What can be used now without pushing anything out: `MemAvailable`, or the cgroup's
    /// room (limit − usage) when lower.
    public var available: Int
    /// The cgroup's limit, when it has one.
    public var cgroupLimit: Int?

    public init(total: Int, available: Int, cgroupLimit: Int? = nil) {
        self.total = total
        self.available = available
        self.cgroupLimit = cgroupLimit
    }

    /// Reads the limits under `root` ("/" on a real system; a folder laid out like it in tests).
    /// Nil when `/proc/meminfo` can't be read (not Linux).
    public static func read(root: String = "/") -> MemoryLimits? {
        let base = root.hasSuffix("/") ? root : root + "/"
        guard let meminfo = try? String(contentsOfFile: base + "proc/meminfo", encoding: .utf8),
              let machineTotal = Self.meminfoBytes(meminfo, "MemTotal") else { return nil }
        var limits = MemoryLimits(total: machineTotal, available: Self.meminfoBytes(meminfo, "MemAvailable") ?? machineTotal)
        let groups = (try? String(contentsOfFile: base + "proc/self/cgroup", encoding: .utf8)) ?? ""
        if let group = CgroupMemory.read(base: base, selfCgroup: groups) {
            limits.cgroupLimit = group.limit
            limits.total = min(limits.total, group.limit)
            limits.available = min(limits.available, max(0, group.limit - group.usage))
        }
        return limits
    }

    /// A `/proc/meminfo` field (`MemTotal:  24683584 kB`) in bytes.
    static func meminfoBytes(_ text: String, _ field: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let parts = line.dropFirst(field.count + 1).split(separator: " ")
            guard let value = parts.first.flatMap({ Int($0) }) else { return nil }
            return parts.count > 1 && parts[1] == "kB" ? value * 1024 : value
        }
        return nil
    }
}

/// The memory controller of this process's control group: its tightest limit and the usage
/// of the group that has it.
struct CgroupMemory: Equatable {
    let limit: Int
    let usage: Int

    /// Limits at or above this mean "no limit" (cgroup v1 writes 2^63 rounded to a page).
    static let unlimited = 1 << 60

    /// From `/proc/self/cgroup`'s text: the v2 line (`0::/path`) or the v1 memory line
    /// (`4:memory:/path`), each folder from the group up to the mount's root.
    static func read(base: String, selfCgroup: String) -> CgroupMemory? {
        var best: CgroupMemory?
        for line in selfCgroup.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: ",")
            let (mount, limitFile, usageFile): (String, String, String)
            if fields[0] == "0" && fields[1].isEmpty {
                (mount, limitFile, usageFile) = ("sys/fs/cgroup", "memory.max", "memory.current")
            } else if controllers.contains("memory") {
                (mount, limitFile, usageFile) = ("sys/fs/cgroup/memory", "memory.limit_in_bytes", "memory.usage_in_bytes")
            } else {
                continue
            }
            for folder in ancestors(String(fields[2])) {
                let directory = base + mount + folder
                guard let limit = number(directory + "/" + limitFile), limit < unlimited else { continue }
                let usage = number(directory + "/" + usageFile) ?? 0
                if best.map({ limit < $0.limit }) ?? true { best = CgroupMemory(limit: limit, usage: usage) }
            }
        }
        return best
    }

    /// `/a/b` → `/a/b`, `/a`, `` (the mount's root).
    static func ancestors(_ path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        var folders: [String] = []
        while !parts.isEmpty {
            folders.append("/" + parts.joined(separator: "/"))
            parts.removeLast()
        }
        return folders + [""]
    }

    /// A number file's value; nil for "max", a missing file or anything else.
    static func number(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
