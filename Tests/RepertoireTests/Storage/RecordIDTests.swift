import Foundation
import Testing
@testable import Repertoire

@Suite("Record identifiers")
struct RecordIDTests {
    @Test("UUIDs of version 7, each greater than the one before, with the time they were made")
    func ordered() throws {
        // A year ahead: ids made meanwhile by other tests (at the real time) cannot be later.
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 365 * 86_400).rounded() + 0.123)
        let expected = UInt64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let ids = (0..<5_000).map { _ in RecordID.next(now: now) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(10) {
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 7, "version 7")
            #expect(bytes[8] >> 6 == 0b10, "RFC 9562 variant")
            let millisecond = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(millisecond == expected)
        }
        // A later millisecond sorts after, a clock going back does not go back.
        let later = RecordID.next(now: now.addingTimeInterval(0.001))
        #expect(later > ids.last!)
        #expect(RecordID.next(now: now.addingTimeInterval(-60)) > later)
    }

    @Test("the counter's carry moves to the next millisecond")
    func carry() {
        let last = RecordID.format(millisecond: 5, counter: (1 << 42) - 1, random: .max)
        let next = RecordID.format(millisecond: 6, counter: 0, random: 0)
        #expect(last < next)
        #expect(RecordID.format(millisecond: 5, counter: 1 << 30, random: 0) > RecordID.format(millisecond: 5, counter: (1 << 30) - 1, random: .max))
    }
}
