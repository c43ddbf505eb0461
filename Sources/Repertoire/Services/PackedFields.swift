/// A run of strings packed as UTF-8 into a byte buffer that many values share: the in-memory
/// summaries of a whole load chunk live in one allocation instead of ~12 heap strings and arrays
/// each (see BENCHMARKS.md, "RSS ≤ 400 MB").
///
/// Layout at `start`: the offset width `w` (1 byte: 2, or 4 when the text is longer than 64 KB),
/// the field count `n` (`w` bytes), the `n` field end offsets (`w` bytes each, relative to the
/// text start), then the text. Little-endian.
struct PackedFields: Sendable {
    private let buffer: [UInt8]
    private let start: UInt32

    init(buffer: [UInt8], start: Int) {
        self.buffer = buffer
        self.start = UInt32(start)
    }

    /// Appends `fields` to `buffer`; returns where they start.
    static func append(_ fields: [String], to buffer: inout [UInt8]) -> Int {
        let at = buffer.count
        let textLength = fields.reduce(0) { $0 + $1.utf8.count }
        let width = max(textLength, fields.count) <= Int(UInt16.max) ? 2 : 4
        func put(_ value: Int) {
            for shift in stride(from: 0, to: width * 8, by: 8) { buffer.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        buffer.append(UInt8(width))
        put(fields.count)
        var end = 0
        for field in fields {
            end += field.utf8.count
            put(end)
        }
        for field in fields { buffer.append(contentsOf: field.utf8) }
        return at
    }

    /// A copy of `buffer` with no spare capacity: every value keeps the whole buffer alive.
    static func exactCopy(_ buffer: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: buffer.count) { out, count in
            _ = buffer.withUnsafeBufferPointer { memcpy(out.baseAddress!, $0.baseAddress!, buffer.count) }
            count = buffer.count
        }
    }

    private var width: Int { Int(buffer[Int(start)]) }

    @inline(__always)
    private func word(_ i: Int) -> Int {
        let w = width, k = Int(start) + 1 + i * w
        var value = 0
        for b in 0..<w { value |= Int(buffer[k + b]) << (8 * b) }
        return value
    }

    var count: Int { word(0) }

    /// Byte range of field `i` in the buffer.
    func range(_ i: Int) -> Range<Int> {
        let textStart = Int(start) + 1 + width * (count + 1)
        return (textStart + (i == 0 ? 0 : word(i)))..<(textStart + word(i + 1))
    }

    /// All of this value's bytes (header and text).
    var bytes: ArraySlice<UInt8> {
        let n = count
        return buffer[Int(start)..<(Int(start) + 1 + width * (n + 1) + (n == 0 ? 0 : word(n)))]
    }

    func string(_ i: Int) -> String {
        buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(i)]), as: UTF8.self) }
    }

    func strings(_ fields: Range<Int>) -> [String] { fields.map(string) }
}

import Foundation
