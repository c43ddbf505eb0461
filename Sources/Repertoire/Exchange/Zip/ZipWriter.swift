import CompressNIO
import NIOCore

/// Writes a ZIP archive in memory (what an XLSX file is): entries deflated with zlib through
/// compress-nio, or stored when deflating does not make them smaller. No ZIP64: an export stays
/// far below 4 GB.
struct ZipWriter {
    private struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var method: UInt16
        var compressedSize: UInt32
        var size: UInt32
        var offset: UInt32
    }

    private var output: [UInt8] = []
    private var entries: [Entry] = []
    /// 1980-01-01 00:00 in MS-DOS format: archives are byte-identical whatever the day.
    private let dosTime: UInt16 = 0
    private let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    mutating func add(_ name: String, _ text: String) {
        add(name, Array(text.utf8))
    }

    mutating func add(_ name: String, _ data: [UInt8]) {
        let crc = CRC32.checksum(data)
        var body = data
        var method: UInt16 = 0
        if data.count > 64, let deflated = Self.deflate(data), deflated.count < data.count {
            body = deflated
            method = 8
        }
        add(name, body: body, method: method, crc: crc, size: UInt32(data.count))
    }

    /// Adds an entry already deflated (raw deflate, as ZIP method 8 wants), declaring `crc` and
    /// `size` as given: what it really inflates to is not checked.
    mutating func add(_ name: String, deflated body: [UInt8], crc: UInt32, size: UInt32) {
        add(name, body: body, method: 8, crc: crc, size: size)
    }

    private mutating func add(_ name: String, body: [UInt8], method: UInt16, crc: UInt32, size: UInt32) {
        let entry = Entry(name: Array(name.utf8), crc: crc, method: method, compressedSize: UInt32(body.count),
                          size: size, offset: UInt32(output.count))
        output.append32(0x0403_4B50)
        output.append16(20)
        output.append16(0x0800) // names in UTF-8
        output.append16(method)
        output.append16(dosTime)
        output.append16(dosDate)
        output.append32(crc)
        output.append32(entry.compressedSize)
        output.append32(entry.size)
        output.append16(UInt16(entry.name.count))
        output.append16(0)
        output += entry.name
        output += body
        entries.append(entry)
    }

    /// The finished archive: the central directory and its end record appended.
    mutating func finish() -> [UInt8] {
        let directoryStart = output.count
        for entry in entries {
            output.append32(0x0201_4B50)
            output.append16(20)
            output.append16(20)
            output.append16(0x0800)
            output.append16(entry.method)
            output.append16(dosTime)
            output.append16(dosDate)
            output.append32(entry.crc)
            output.append32(entry.compressedSize)
            output.append32(entry.size)
            output.append16(UInt16(entry.name.count))
            output.append16(0) // extra
            output.append16(0) // comment
            output.append16(0) // disk
            output.append16(0) // internal attributes
            output.append32(0) // external attributes
            output.append32(entry.offset)
            output += entry.name
        }
        let directorySize = output.count - directoryStart
        output.append32(0x0605_4B50)
        output.append16(0)
        output.append16(0)
        output.append16(UInt16(entries.count))
        output.append16(UInt16(entries.count))
        output.append32(UInt32(directorySize))
        output.append32(UInt32(directoryStart))
        output.append16(0)
        return output
    }

    /// Raw deflate (no zlib header), as ZIP method 8 wants.
    static func deflate(_ data: [UInt8]) -> [UInt8]? {
        var input = ByteBuffer(bytes: data)
        guard let compressed = try? input.compress(with: ZlibAlgorithm.deflate) else { return nil }
        return Array(compressed.readableBytesView)
    }
}

extension ZipWriter {
    /// Raw deflate of `pieces` as one stream, without joining them first: a large entry (or, in
    /// tests, a "zip bomb") is compressed without being held whole. Nil when all are empty.
    static func deflate(pieces: some Sequence<[UInt8]>) -> [UInt8]? {
        guard let compressor = try? ZlibCompressor(algorithm: .deflate) else { return nil }
        var output = ByteBufferAllocator().buffer(capacity: 1 << 16)
        func deflate(_ bytes: [UInt8], flush: CompressNIOFlush) -> Bool {
            var input = ByteBuffer(bytes: bytes)
            while true {
                if output.writableBytes < 1 << 16 { output.reserveCapacity(output.capacity * 2) }
                do {
                    try compressor.deflate(from: &input, to: &output, flush: flush)
                    if flush == .finish || input.readableBytes == 0 { return true }
                } catch let error as CompressNIOError where error == .bufferOverflow {
                    continue
                } catch {
                    return false
                }
            }
        }
        // Each piece is held back until the next shows whether it is the last, to be finished.
        var pending: [UInt8]?
        for piece in pieces where !piece.isEmpty {
            if let pending, !deflate(pending, flush: .no) { return nil }
            pending = piece
        }
        guard let pending, deflate(pending, flush: .finish) else { return nil }
        return Array(output.readableBytesView)
    }
}

extension [UInt8] {
    mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
