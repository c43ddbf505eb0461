import Foundation

/// The files a call for interest carries, on the buyer's side and in answers: PDF, Word (DOCX)
/// and Excel (XLSX) only, recognised from their bytes, never from their name, and each within a
/// configured size. They are always served as downloads (see ``CallsController``).
enum CallDocument {
    enum Kind: String, Sendable {
        case pdf, docx, xlsx

        var contentType: String {
            switch self {
            case .pdf: "application/pdf"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// 10 MB unless configured.
    static let defaultMaxBytes = 10_000_000

    /// What the bytes are, whatever the name says; nil for anything else.
    static func kind(of bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), let zip = try? ZipReader(bytes, maxEntrySize: 50_000_000, maxTotalSize: 200_000_000),
              zip.contains("[Content_Types].xml") else { return nil }
        if zip.contains("word/document.xml") { return .docx }
        if zip.contains("xl/workbook.xml") { return .xlsx }
        return nil
    }

    /// The file checked: its type from its bytes and its name made safe to show and to offer
    /// for download, or the refusal to show (French and English) naming the file.
    static func check(fileName raw: String, bytes: [UInt8], maxBytes: Int) -> Result<(name: String, kind: Kind), Refusal> {
        let name = safeName(raw)
        guard !bytes.isEmpty else {
            return .failure(Refusal(.invalid, title: "Fichier vide", message: "Le fichier « \(name) » est vide.", english: "The file \"\(name)\" is empty."))
        }
        guard bytes.count <= maxBytes else {
            let limit = maxBytes / 1_000_000
            return .failure(Refusal(.invalid, title: "Fichier trop volumineux",
                                    message: "Le fichier « \(name) » pèse \(megabytes(bytes.count)) Mo : \(limit) Mo au plus par fichier.",
                                    english: "The file \"\(name)\" is \(megabytes(bytes.count)) MB: at most \(limit) MB per file."))
        }
        guard let kind = kind(of: bytes) else {
            return .failure(Refusal(.invalid, title: "Type de fichier refusé",
                                    message: "Le fichier « \(name) » n'est ni un PDF, ni un document Word (.docx), ni un classeur Excel (.xlsx) : son contenu a été vérifié, pas seulement son nom. Enregistrez-le dans l'un de ces formats.",
                                    english: "The file \"\(name)\" is not a PDF, a Word document (.docx) or an Excel workbook (.xlsx): its content was checked, not only its name. Save it in one of these formats."))
        }
        return .success((withExtension(name, kind), kind))
    }

    /// The name's last path component, without control characters or quotes, at most 120
    /// characters; « document » when nothing is left.
    static func safeName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" && !(0x80...0x9F).contains($0.value) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        let name = String(cleaned.prefix(120))
        return name.isEmpty || name.allSatisfy({ $0 == "." }) ? "document" : name
    }

    /// The name ending with the real type's extension (a PDF named `offre.docx` is downloaded as
    /// `offre.docx.pdf`), so the computer that opens it uses the right program.
    static func withExtension(_ name: String, _ kind: Kind) -> String {
        name.lowercased().hasSuffix("." + kind.rawValue) ? name : name + "." + kind.rawValue
    }

    /// `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266).
    static func disposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\\" && $0 != ";" ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    private static func megabytes(_ count: Int) -> String {
        let tenths = (count + 50_000) / 100_000
        return "\(tenths / 10),\(tenths % 10)"
    }
}
