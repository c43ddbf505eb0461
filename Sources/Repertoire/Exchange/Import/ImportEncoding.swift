/// The text encodings people's spreadsheets actually produce: UTF-8 (with or without a
/// byte-order mark) and Windows-1252, what French Excel writes when saving "CSV (séparateur : point-virgule)".
public enum ImportEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Valid UTF-8 is taken as UTF-8 (Windows-1252 text with accents is practically never valid UTF-8).
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> ImportEncoding {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return .utf8
            case .error: return .windows1252
            }
        }
    }

    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8:
            var start = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            scalars.reserveCapacity(bytes.count)
            for byte in bytes { scalars.append(Self.windows1252Scalar(byte)) }
            return String(scalars)
        }
    }

    /// 0x80–0x9F hold typographic characters (’ « € …) in Windows-1252; everything else is Latin-1.
    /// The five unassigned bytes map to the C1 control of the same value, as Windows does.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let value = high[Int(byte) - 0x80]
        return Unicode.Scalar(value) ?? Unicode.Scalar(byte)
    }

    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
