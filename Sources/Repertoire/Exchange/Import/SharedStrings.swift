/// A workbook's shared strings, kept back to back in one buffer: a million short texts cost
/// their bytes and four more each, not a `String` and often an allocation apiece.
struct SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append(_ text: String) {
        bytes += text.utf8
        ends.append(UInt32(bytes.count))
    }

    subscript(index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return String(decoding: bytes[start..<Int(ends[index])], as: UTF8.self)
    }
}
