import Foundation

/// Latency measurements for `repertoire bench` and the search benchmark executable.
public enum SearchBenchmark {
    public struct Measurement: Sendable {
        public var label: String
        public var p50Microseconds: Double
        public var p99Microseconds: Double
        public var maxMicroseconds: Double
        public var lastTotal: Int
    }

    /// Runs every query `iterations` times (interleaved, after one warm-up round) and reports
    /// percentiles per label, in the order given.
    public static func run(_ index: SearchIndex, queries: [(label: String, query: SearchQuery)],
                           iterations: Int = 200) -> [Measurement] {
        var samples = [[Double]](repeating: [], count: queries.count)
        var totals = [Int](repeating: 0, count: queries.count)
        for (i, entry) in queries.enumerated() { totals[i] = index.search(entry.query).total }
        for _ in 0..<max(iterations, 1) {
            for (i, entry) in queries.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = index.search(entry.query)
                let elapsed = DispatchTime.now().uptimeNanoseconds - start
                samples[i].append(Double(elapsed) / 1000)
                totals[i] = result.total
            }
        }
        return queries.enumerated().map { i, entry in
            let sorted = samples[i].sorted()
            return Measurement(
                label: entry.label,
                p50Microseconds: percentile(sorted, 0.50),
                p99Microseconds: percentile(sorted, 0.99),
                maxMicroseconds: sorted.last ?? 0,
                lastTotal: totals[i])
        }
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((Double(sorted.count - 1) * p).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Resident set size in bytes from /proc/self/status (VmRSS); nil where /proc is absent.
    public static func residentMemoryBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
            return digits.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
