/// The CRC-32 (IEEE 802.3) that ZIP archives store for each entry.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        update(0, with: bytes)
    }

    /// The checksum of what `crc` covered followed by `bytes`: entries read piece by piece are
    /// checked without being held whole.
    static func update(_ crc: UInt32, with bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = crc ^ 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
