import CompressNIO
import NIOCore

/// Why a ZIP archive (an XLSX file) cannot be read, in French for the person who sent it.
struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    var description: String
}

/// Reads the entries of a ZIP archive held in memory, stored or deflated. Guards against
/// archives that expand without bound ("zip bombs"): each entry and the whole are limited, and an
/// entry producing more than its declared size is refused.
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

    /// The uncompressed content of an entry, checked against its CRC.
    mutating func data(_ name: String) throws(ZipError) -> [UInt8] {
        guard let entry = entries[name] else { throw ZipError(description: "la partie « \(name) » manque au classeur") }
        let damaged = ZipError(description: "le classeur est endommagé (partie « \(name) » illisible) : réenregistrez-le depuis Excel ou LibreOffice")
        guard entry.size <= maxEntrySize, expanded + entry.size <= maxTotalSize else {
            throw ZipError(description: "le classeur est trop volumineux une fois décompressé (plus de \(maxTotalSize / 1_000_000) Mo)")
        }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, u32(header) == 0x0403_4B50 else { throw damaged }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard start + entry.compressedSize <= bytes.count else { throw damaged }
        let raw = bytes[start..<(start + entry.compressedSize)]
        var output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else { throw damaged }
            output = Array(raw)
        case 8:
            if entry.size == 0 {
                output = []
                break
            }
            var input = ByteBuffer(bytes: raw)
            // One byte of room beyond the declared size: an entry that expands further than it
            // says fills it and is refused instead of growing without bound.
            var buffer = ByteBufferAllocator().buffer(capacity: entry.size + 1)
            do {
                try input.decompress(to: &buffer, with: ZlibAlgorithm.deflate)
            } catch {
                throw damaged
            }
            guard buffer.readableBytes == entry.size else { throw damaged }
            output = Array(buffer.readableBytesView)
        default:
            throw ZipError(description: "le classeur utilise une compression non prise en charge (méthode \(entry.method))")
        }
        guard CRC32.checksum(output) == entry.crc else { throw damaged }
        expanded += output.count
        return output
    }

    private func u16(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func u32(_ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
