import Foundation
import Hummingbird

/// `/api/v1/calls`: the calls for interest a user may follow, with their recipients and answers,
/// under the same rules as the pages (``CallService``): a buyer sees their municipality's calls
/// only, a hub editor those delivered in their regions (without the answers' documents);
/// anyone else gets 404 for a call.
struct CallsAPIController: Sendable {
    let calls: CallService

    func addRoutes(guarded: GuardedRoutes) {
        guarded.api(.get, "api/v1/calls", prefix: "", .followCallsForInterest) { _, _, identity in
            let listed = try await calls.calls(for: identity.user)
            return try JSONCoding.response(CallsDTO(calls: listed.map { CallDTO($0.call, calls: calls, recipientCount: $0.recipients, interestedCount: $0.interested) }),
                                           headers: [.cacheControl: "private, no-store"])
        }
        guarded.api(.get, "api/v1/calls/:id", prefix: "", .followCallsForInterest) { _, context, identity in
            let opened = try await calls.open(try context.parameters.require("id"), for: identity.user)
            var dto = CallDTO(opened.call, calls: calls, recipientCount: opened.entries.count, interestedCount: opened.interested.count)
            dto.recipients = opened.entries.map { entry in
                let r = entry.recipient
                return CallRecipientDTO(enterpriseId: r.enterpriseID, name: entry.enterprise?.profile.name ?? r.enterpriseID, slug: entry.enterprise?.slug,
                                        status: entry.status.rawValue, reasons: r.reasons, sentTo: entry.addresses, queuedAt: r.queuedAt, openedAt: r.openedAt,
                                        answer: r.answer?.rawValue, answeredAt: r.answeredAt, message: r.answer == nil ? nil : r.answerMessage,
                                        declineReason: r.declineReason?.rawValue, contactName: r.contactName.isEmpty ? nil : r.contactName,
                                        contactEmail: r.contactEmail.isEmpty ? nil : r.contactEmail, contactPhone: r.contactPhone.isEmpty ? nil : r.contactPhone,
                                        document: opened.answerDocuments[r.enterpriseID].map { FileDTO($0) })
            }
            dto.attachments = opened.attachments.map(FileDTO.init)
            return try JSONCoding.response(dto, headers: [.cacheControl: "private, no-store"])
        }
    }
}

struct CallsDTO: Encodable {
    var calls: [CallDTO]
}

struct CallDTO: Encodable {
    var id: String
    var title: String
    var description: String
    var kind: String
    var sectors: [String]
    var placeKind: String
    var placeCode: String
    var placeName: String
    var amountBand: String
    var deadline: String
    var status: String
    var municipality: String
    var owner: String
    var cancelMessage: String?
    var createdAt: Date
    var sentAt: Date?
    var recipientCount: Int
    var interestedCount: Int
    var recipients: [CallRecipientDTO]?
    var attachments: [FileDTO]?

    init(_ call: CallForInterest, calls: CallService, recipientCount: Int, interestedCount: Int) {
        id = call.id
        title = call.title
        description = call.description
        kind = call.kind.rawValue
        sectors = call.sectors
        placeKind = call.placeKind.rawValue
        placeCode = call.placeCode
        placeName = calls.placeName(call.placeKind, call.placeCode)
        amountBand = call.amountBand.rawValue
        deadline = call.deadline
        status = call.status.rawValue
        municipality = call.municipalityCode
        owner = call.ownerName
        cancelMessage = call.status == .cancelled ? call.cancelMessage : nil
        createdAt = call.createdAt
        sentAt = call.sentAt
        self.recipientCount = recipientCount
        self.interestedCount = interestedCount
    }
}

struct CallRecipientDTO: Encodable {
    var enterpriseId: String
    var name: String
    var slug: String?
    var status: String
    var reasons: [String]
    var sentTo: [String]
    var queuedAt: Date?
    var openedAt: Date?
    var answer: String?
    var answeredAt: Date?
    var message: String?
    var declineReason: String?
    var contactName: String?
    var contactEmail: String?
    var contactPhone: String?
    var document: FileDTO?
}

struct FileDTO: Encodable {
    var id: String
    var fileName: String
    var contentType: String
    var size: Int

    init(_ file: CallFile) {
        id = file.id
        fileName = file.fileName
        contentType = file.contentType
        size = file.size
    }
}
