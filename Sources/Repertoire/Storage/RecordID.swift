import Foundation
import Synchronization

/// Identifiers of new enterprises: UUIDs of version 7 (RFC 9562), which begin with the time they
/// were made, in milliseconds, followed by a counter, so that each is greater than the one
/// before in this process. Stored ids then arrive at the end of every index keyed by them (the
/// enterprises' key, the six child tables', the change log's) instead of at random places: a
/// bulk write touches a few pages at the end of each index, not the whole of it. The last 32
/// bits are random, so ids made in two processes at once do not collide.
enum RecordID {
    private struct State {
        var millisecond: UInt64 = 0
        var counter: UInt64 = 0
    }

    private static let state = Mutex(State())
    /// 42 bits of counter: 12 in `rand_a`, 30 at the start of `rand_b`.
    private static let counterBits: UInt64 = 42

    static func next(now: Date = Date()) -> String {
        let (millisecond, counter) = state.withLock { state -> (UInt64, UInt64) in
            let current = UInt64(max(0, now.timeIntervalSince1970 * 1000))
            if current > state.millisecond {
                state.millisecond = current
                // A random start within the lower half leaves room to count without overflow.
                state.counter = UInt64.random(in: 0..<(1 << (counterBits - 1)))
            } else {
                state.counter += 1
                if state.counter >= 1 << counterBits {
                    state.millisecond += 1
                    state.counter = UInt64.random(in: 0..<(1 << (counterBits - 1)))
                }
            }
            return (state.millisecond, state.counter)
        }
        return format(millisecond: millisecond, counter: counter, random: UInt32.random(in: .min ... .max))
    }

    static func format(millisecond: UInt64, counter: UInt64, random: UInt32) -> String {
        let high = (millisecond & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | (counter >> 30) & 0xFFF
        let low = (0b10 as UInt64) << 62 | (counter & 0x3FFF_FFFF) << 32 | UInt64(random)
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
        }
        let hex = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
