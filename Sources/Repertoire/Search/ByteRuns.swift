/// Byte strings laid end to end in one buffer: the index's stored documents and name keys.
///
/// One small array per document (100,000 at a time) was one allocation each, made while the
/// load's records were alive and scattered among them once they were freed, so that their pages
/// stayed resident (issue #10: the server's RSS after the load). Here the runs of a whole build
/// are two allocations, sized up front.
///
/// A run read through the subscript is a slice that shares the buffer: callers read it under
/// the index's lock and let it go, so an append never has to copy the buffer.
struct ByteRuns {
    private var bytes: [UInt8] = []
    /// End offset of each run; run `i` starts where run `i - 1` ends.
    private var ends: [Int] = []

    var count: Int { ends.count }
    var byteCount: Int { bytes.count }

    subscript(i: Int) -> ArraySlice<UInt8> {
        bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    mutating func append(_ run: some Collection<UInt8>) {
        bytes.append(contentsOf: run)
        ends.append(bytes.count)
    }

    /// Room for `runs` runs of `bytes` bytes in all, plus the headroom that
    /// ``reserveHeadroom(minimum:)`` would ask for then; no-op when there already is.
    mutating func reserveCapacity(runs: Int, bytes byteCount: Int, headroom minimum: Int) {
        let extra = runs / 4 + minimum
        ends.reserveCapacity(runs + extra)
        bytes.reserveCapacity(byteCount + extra * (byteCount / max(runs, 1) + 1))
    }

    /// Room for a quarter more runs (and at least `minimum`), as long as the runs so far, so the
    /// first writes after a build append in place.
    mutating func reserveHeadroom(minimum: Int) {
        reserveCapacity(runs: count, bytes: byteCount, headroom: minimum)
    }
}
