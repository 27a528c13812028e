import Foundation

/// How many CPU cores this process may actually run on.
///
/// Foundation's `activeProcessorCount` counts the machine's online cores and ignores the process's
/// CPU affinity (`taskset`, systemd's `CPUAffinity=`). A server pinned to one core that still starts
/// one worker thread per machine core gets no extra throughput, only preemption between its own
/// workers: measured at 64 connections on one core, four libmicrohttpd threads gave the same
/// requests/s as one and a p99 three times higher (22-26 ms against 8 ms).
public enum UsableCores {
    /// The number of cores in the affinity mask (`Cpus_allowed_list` of /proc/self/status), capped by
    /// the online count; the online count when the list cannot be read. Read once, at first use
    /// (the server sizes its worker and search threads from it at start).
    public static let count: Int = measure()

    private static func measure() -> Int {
        let online = ProcessInfo.processInfo.activeProcessorCount
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }),
              let allowed = countInList(line.dropFirst("Cpus_allowed_list:".count))
        else { return online }
        return max(1, min(allowed, online))
    }

    /// Counts the CPUs of a kernel CPU list such as "0-3,8,10-11"; nil when it is not one.
    static func countInList(_ list: Substring) -> Int? {
        var total = 0
        for range in list.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",") {
            let bounds = range.split(separator: "-", maxSplits: 1).map { Int($0) }
            switch bounds.count {
            case 1:
                guard bounds[0] != nil else { return nil }
                total += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], high >= low else { return nil }
                total += high - low + 1
            default:
                return nil
            }
        }
        return total > 0 ? total : nil
    }
}
