/// What the index keeps of a document to show it in results: id, slug, name, description and
/// offerings, as one run of UTF-8 bytes in the index's ``ByteRuns``.
///
/// Keeping the `SearchDocument`s themselves cost ~210 MB at 100k enterprises (measured: RSS of
/// the documents alone), four fifths of the whole index: a heap object for every string (30-odd
/// a document) and fields search never shows. One blob per document keeps upserts O(1) and
/// costs ~65 MB for the same data.
///
/// Layout: field count `n` (UInt32), then the `n` field end offsets (UInt32, relative to the
/// text start), then the text. Fields: id, slug, name, description, then each offering's name
/// and description.
struct StoredDocument {
    private let blob: ArraySlice<UInt8>

    static let id = 0, slug = 1, name = 2, description = 3, firstOffering = 4

    init(_ blob: ArraySlice<UInt8>) {
        self.blob = blob
    }

    private static func fields(_ doc: SearchDocument) -> [String] {
        var fields: [String] = [doc.id, doc.slug, doc.name, doc.description]
        for offering in doc.offerings {
            fields.append(offering.name)
            fields.append(offering.description)
        }
        return fields
    }

    /// The number of bytes `encode` makes of `doc`.
    static func size(_ doc: SearchDocument) -> Int {
        4 * (4 + 2 * doc.offerings.count + 1)
            + doc.id.utf8.count + doc.slug.utf8.count + doc.name.utf8.count + doc.description.utf8.count
            + doc.offerings.reduce(0) { $0 + $1.name.utf8.count + $1.description.utf8.count }
    }

    static func encode(_ doc: SearchDocument) -> [UInt8] {
        let fields = fields(doc)
        let textLength = fields.reduce(0) { $0 + $1.utf8.count }
        var blob: [UInt8] = []
        blob.reserveCapacity(4 * (fields.count + 1) + textLength)
        func put(_ v: Int) {
            let u = UInt32(v)
            blob.append(UInt8(truncatingIfNeeded: u)); blob.append(UInt8(truncatingIfNeeded: u >> 8))
            blob.append(UInt8(truncatingIfNeeded: u >> 16)); blob.append(UInt8(truncatingIfNeeded: u >> 24))
        }
        put(fields.count)
        var end = 0
        for field in fields {
            end += field.utf8.count
            put(end)
        }
        for field in fields { blob.append(contentsOf: field.utf8) }
        return blob
    }

    @inline(__always)
    private func word(_ i: Int) -> Int {
        let k = blob.startIndex + i * 4
        return Int(blob[k]) | Int(blob[k + 1]) << 8 | Int(blob[k + 2]) << 16 | Int(blob[k + 3]) << 24
    }

    var fieldCount: Int { word(0) }
    var offeringCount: Int { (fieldCount - Self.firstOffering) / 2 }

    /// Byte range of field `i`, counted from the start of the blob.
    func range(_ i: Int) -> Range<Int> {
        let textStart = 4 * (fieldCount + 1)
        let start = i == 0 ? 0 : word(i)
        return (textStart + start)..<(textStart + word(i + 1))
    }

    func string(_ i: Int) -> String {
        blob.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(i)]), as: UTF8.self) }
    }

    func isEmpty(_ i: Int) -> Bool { range(i).isEmpty }

    /// The field's UTF-8 bytes (valid UTF-8: cut from a String at field boundaries).
    func withField<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try blob.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range(i)])) }
    }

    var id: String { string(Self.id) }
    var slug: String { string(Self.slug) }
    var name: String { string(Self.name) }
}

/// The index's stored documents, by document number, in one ``ByteRuns``.
struct StoredDocuments {
    var runs = ByteRuns()

    var count: Int { runs.count }

    subscript(d: Int) -> StoredDocument { StoredDocument(runs[d]) }

    mutating func append(_ doc: SearchDocument) { runs.append(StoredDocument.encode(doc)) }
}
