import CompressNIO
import NIOCore

/// Why a ZIP archive (an XLSX file) cannot be read, in French for the person who sent it.
struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case damaged
        /// An entry expands beyond the limit it was read with (see ``ZipReader/stream(_:limit:)``).
        case tooLarge
        /// An entry expands far more than a spreadsheet can (see ``ZipReader/EntryStream/maxRatio``).
        case tooCompressed
    }

    var description: String
    var reason: Reason = .damaged
}

/// Reads the entries of a ZIP archive held in memory, stored or deflated. Guards against
/// archives that expand without bound ("zip bombs"): the sizes an archive declares are only a
/// first check, entries are inflated a chunk at a time and counted as they come, so one that
/// lies about its size is stopped after one chunk beyond its declared size or its limit.
struct ZipReader {
    struct Entry {
        var name: String
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
    }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]
    var maxEntrySize: Int
    var maxTotalSize: Int
    private var expanded = 0

    static let maxEntries = 10_000

    init(_ bytes: [UInt8], maxEntrySize: Int = 200_000_000, maxTotalSize: Int = 400_000_000) throws(ZipError) {
        self.bytes = bytes
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        let truncated = ZipError(description: "le classeur est incomplet ou endommagé (fin de fichier introuvable) : a-t-il été téléchargé en entier ?")
        guard bytes.count >= 22 else { throw truncated }
        var end = -1
        let lowest = Swift.max(0, bytes.count - 22 - 65_535)
        var index = bytes.count - 22
        while index >= lowest {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 {
                end = index
                break
            }
            index -= 1
        }
        guard end >= 0 else { throw truncated }
        let count = Int(u16(end + 10))
        let directoryOffset = Int(u32(end + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            throw ZipError(description: "ce classeur utilise le format ZIP64 (plus de 4 Go), qui n'est pas pris en charge")
        }
        guard count <= Self.maxEntries else { throw ZipError(description: "le classeur contient trop de parties (\(count))") }
        var offset = directoryOffset
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { throw truncated }
            let nameLength = Int(u16(offset + 28))
            let extraLength = Int(u16(offset + 30))
            let commentLength = Int(u16(offset + 32))
            guard offset + 46 + nameLength <= bytes.count else { throw truncated }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(name: name, method: u16(offset + 10), crc: u32(offset + 16), compressedSize: Int(u32(offset + 20)),
                                  size: Int(u32(offset + 24)), localHeaderOffset: Int(u32(offset + 42)))
            offset += 46 + nameLength + extraLength + commentLength
        }
    }

    func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The uncompressed content of an entry, whole, checked against its CRC. For small parts;
    /// read large ones through ``stream(_:limit:)``.
    mutating func data(_ name: String) throws(ZipError) -> [UInt8] {
        var stream = try stream(name, limit: maxEntrySize)
        var output: [UInt8] = []
        output.reserveCapacity(stream.declaredSize)
        while let chunk = try stream.next() { output += chunk }
        return output
    }

    /// The content of an entry, to be read a chunk at a time. Refused at once when the entry
    /// declares more than `limit` bytes (or more than the archive has left of `maxTotalSize`);
    /// while reading, refused as soon as it produces more than `limit` or than it declared.
    mutating func stream(_ name: String, limit: Int) throws(ZipError) -> EntryStream {
        guard let entry = entries[name] else { throw ZipError(description: "la partie « \(name) » manque au classeur") }
        let damaged = Self.damaged(name)
        let limit = Swift.min(limit, maxEntrySize)
        guard entry.size <= limit else {
            throw ZipError(description: "la partie « \(name) » du classeur dépasse \(limit / 1_000_000) Mo une fois décompressée", reason: .tooLarge)
        }
        guard expanded + entry.size <= maxTotalSize else {
            throw ZipError(description: "le classeur est trop volumineux une fois décompressé (plus de \(maxTotalSize / 1_000_000) Mo)", reason: .tooLarge)
        }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, u32(header) == 0x0403_4B50 else { throw damaged }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard start + entry.compressedSize <= bytes.count else { throw damaged }
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else { throw damaged }
        case 8:
            break
        default:
            throw ZipError(description: "le classeur utilise une compression non prise en charge (méthode \(entry.method))")
        }
        // An entry is refused once it produces more than it declared, so declared sizes bound
        // what the whole archive may expand to.
        expanded += entry.size
        return try EntryStream(entry: entry, archive: bytes, range: start..<(start + entry.compressedSize), limit: limit)
    }

    static func damaged(_ name: String) -> ZipError {
        ZipError(description: "le classeur est endommagé (partie « \(name) » illisible) : réenregistrez-le depuis Excel ou LibreOffice")
    }

    /// One entry being inflated: each call to ``next()`` gives at most ``chunkSize`` bytes, so
    /// what an entry holds never needs to be in memory all at once.
    struct EntryStream {
        /// 64 KiB: large enough that zlib's call overhead vanishes, small enough that the bytes
        /// inflated past a limit before it is noticed do not matter.
        static let chunkSize = 65_536

        /// An entry expanding more than 100 times is refused once past ``ratioGrace``: a
        /// spreadsheet's XML compresses 5 to 30 times, a "zip bomb" about 300 to 1,000 times
        /// (Apache POI refuses the same ratio). Counted on what is really read, so a bomb is
        /// stopped within its first megabytes even when it lies about its size.
        static let maxRatio = 100
        /// 1 MB: small parts (styles, a sheet of a few identical rows) may compress better.
        static let ratioGrace = 1_000_000

        let name: String
        let declaredSize: Int
        let limit: Int
        /// Bytes produced so far: what the entry really expands to, whatever it declared.
        private(set) var produced = 0
        private let expectedCRC: UInt32
        private var crc: UInt32 = 0
        private let archive: [UInt8]
        private let start: Int
        private var position: Int
        private let end: Int
        private let inflater: ZlibDecompressor?
        private var input = ByteBuffer()
        private var window = ByteBuffer()
        private var ended = false
        private var finished = false

        fileprivate init(entry: Entry, archive: [UInt8], range: Range<Int>, limit: Int) throws(ZipError) {
            name = entry.name
            declaredSize = entry.size
            self.limit = limit
            expectedCRC = entry.crc
            self.archive = archive
            start = range.lowerBound
            position = range.lowerBound
            end = range.upperBound
            if entry.method == 8 {
                do {
                    inflater = try ZlibDecompressor(algorithm: .deflate)
                } catch {
                    throw ZipError(description: "le classeur n'a pas pu être décompressé (mémoire insuffisante)")
                }
                input = ByteBufferAllocator().buffer(capacity: Swift.min(Self.chunkSize, range.count))
                window = ByteBufferAllocator().buffer(capacity: Self.chunkSize)
            } else {
                inflater = nil
            }
        }

        /// The next piece of the entry, or nil at its end, once its size and CRC are checked.
        mutating func next() throws(ZipError) -> [UInt8]? {
            guard !finished else { return nil }
            let chunk: [UInt8]
            if let inflater {
                window.clear()
                inflating: while window.writableBytes > 0 && !ended {
                    if input.readableBytes == 0 {
                        guard position < end else { break }
                        let next = Swift.min(position + Self.chunkSize, end)
                        input.clear()
                        input.writeBytes(archive[position..<next])
                        position = next
                    }
                    do {
                        try inflater.inflate(from: &input, to: &window)
                        // No error: the stream ended, or this piece of input is used up.
                        if input.readableBytes > 0 || position >= end { ended = true }
                    } catch let error as CompressNIOError where error == .bufferOverflow {
                        break inflating
                    } catch let error as CompressNIOError where error == .inputBufferOverflow {
                        continue inflating
                    } catch {
                        throw ZipReader.damaged(name)
                    }
                }
                chunk = Array(window.readableBytesView)
            } else {
                let next = Swift.min(position + Self.chunkSize, end)
                chunk = Array(archive[position..<next])
                position = next
            }
            guard !chunk.isEmpty else {
                finished = true
                guard produced == declaredSize, crc == expectedCRC else { throw ZipReader.damaged(name) }
                return nil
            }
            produced += chunk.count
            if produced > limit {
                throw ZipError(description: "la partie « \(name) » du classeur dépasse \(limit / 1_000_000) Mo une fois décompressée", reason: .tooLarge)
            }
            // More than declared: the archive lies about its content (or is damaged).
            guard produced <= declaredSize else { throw ZipReader.damaged(name) }
            let consumed = position - start - input.readableBytes
            if produced > Self.ratioGrace && produced > consumed * Self.maxRatio {
                throw ZipError(description: "la partie « \(name) » du classeur se décompresse plus de \(Self.maxRatio) fois, ce qu'aucun tableur ne produit : réenregistrez le classeur depuis Excel ou LibreOffice", reason: .tooCompressed)
            }
            crc = CRC32.update(crc, with: chunk)
            return chunk
        }
    }

    private func u16(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func u32(_ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
