import Foundation

/// Writes each message as an `.eml` file, which any mail program opens, instead of sending it.
/// For development: the links of an invitation can be followed without a mail server.
public struct FileMailSender: MailSender {
    public let directory: URL

    /// Creates the folder if it is missing, so that a wrong path fails at start.
    public init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    public func deliver(_ mail: RenderedMail) async throws {
        let stamp = Timestamp.string(from: Date()).filter { $0.isNumber || $0 == "T" }
        let localPart = mail.messageID.split(separator: "@").first.map(String.init) ?? mail.messageID
        let name = "\(stamp)-\(localPart.filter { $0.isLetter || $0.isNumber || $0 == "-" }).eml"
        // Written under a temporary name, then renamed: whoever watches the folder never sees half
        // a message.
        let partial = directory.appendingPathComponent(".\(name).partial")
        try Data(mail.data.utf8).write(to: partial)
        try FileManager.default.moveItem(at: partial, to: directory.appendingPathComponent(name))
    }
}
