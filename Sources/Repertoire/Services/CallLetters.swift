import Foundation

/// The e-mails of a call for interest to one enterprise, French then English (the directory
/// does not know an enterprise's language). Each names the sender and the city, says why the
/// enterprise receives it and carries a one-click way to stop (CASL / LCAP), also as the
/// `List-Unsubscribe` headers (RFC 2369, RFC 8058) so mail programs offer it.
struct CallLetters: Sendable {
    let call: CallForInterest
    let enterprise: Enterprise
    /// The place of delivery in words.
    let place: String
    /// The municipality's name.
    let municipality: String
    /// The buyer's attachments' names (downloaded from the answer page).
    let attachments: [String]
    let baseURL: String

    static let kindInvitation = "call-for-interest"
    static let kindReminder = "call-reminder"
    static let kindCancellation = "call-cancelled"

    func answerLink(_ secret: String, _ language: Language) -> String {
        baseURL + Route.callAnswer.path(language: language) + "?appel=\(call.id)&jeton=\(secret)"
    }

    func unsubscribeLink(_ secret: String, _ language: Language = .fr) -> String {
        baseURL + Route.callUnsubscribe.path(language: language) + "?jeton=\(secret)"
    }

    private func headers(unsubscribe: String?) -> [MailHeader] {
        var headers: [MailHeader?] = [MailHeader("Content-Language", "fr, en"), MailHeader("Reply-To", call.ownerEmail)]
        if let unsubscribe {
            headers += [MailHeader("List-Unsubscribe", "<\(unsubscribeLink(unsubscribe))>"),
                        MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
        }
        return headers.compactMap { $0 }
    }

    private var facts: (fr: String, en: String) {
        let kind = (call.kind.name, call.kind.nameEnglish)
        let files = attachments.isEmpty ? ("", "") : ("\nDocuments joints (à télécharger depuis la page de réponse) : " + attachments.joined(separator: ", "),
                                                       "\nAttached documents (download them from the answer page): " + attachments.joined(separator: ", "))
        return ("""
            Besoin : \(call.title)
            Type : \(kind.0)
            Lieu de livraison : \(place)
            Réponse souhaitée au plus tard le : \(call.deadline)\(files.0)

            \(call.description)
            """, """
            Need: \(call.title)
            Kind: \(kind.1)
            Place of delivery: \(place)
            Answer wanted by: \(call.deadline)\(files.1)

            \(call.description)
            """)
    }

    private func why(_ unsubscribe: String) -> (fr: String, en: String) {
        ("""
            Pourquoi recevez-vous ce message ? « \(enterprise.profile.name) » est inscrite au répertoire des entreprises d'économie sociale Répertoire comme offrant ses produits ou services aux municipalités et servant ce territoire ; \(municipality) vous l'envoie par Répertoire.
            Pour ne plus recevoir d'appels d'intérêt par Répertoire, en un clic : \(unsubscribeLink(unsubscribe))

            Expéditeur : \(call.ownerName) <\(call.ownerEmail)>, acheteur ou acheteuse de \(municipality), par Répertoire.
            """, """
            Why are you receiving this? "\(enterprise.profile.name)" is listed in Répertoire, the directory of social-economy enterprises, as offering its goods or services to municipalities and serving this area; \(municipality) sends it to you through Répertoire.
            To stop receiving calls for interest through Répertoire, in one click: \(unsubscribeLink(unsubscribe, .en))

            Sender: \(call.ownerName) <\(call.ownerEmail)>, buyer for \(municipality), through Répertoire.
            """)
    }

    /// The call itself, with the enterprise's answer link.
    func invitation(to address: String, answer: String, unsubscribe: String) -> MailDraft {
        let facts = self.facts, why = self.why(unsubscribe)
        return MailDraft(to: address, subject: "Appel d'intérêt de \(municipality) : \(call.title) / Call for interest", body: """
            Bonjour,

            \(call.ownerName), acheteur ou acheteuse de \(municipality), invite « \(enterprise.profile.name) » à dire si elle est intéressée par ce besoin. Il ne s'agit pas d'un appel d'offres : votre réponse aide la municipalité à connaître les entreprises d'économie sociale qui peuvent y répondre.

            \(facts.fr)

            Pour répondre (intéressée ou non), sans compte ni mot de passe :
            \(answerLink(answer, .fr))
            Ce lien est propre à votre entreprise et à cet appel. Vous pouvez changer votre réponse par le même lien jusqu'à la date limite.

            \(why.fr)

            ---

            Hello,

            \(call.ownerName), buyer for \(municipality), invites "\(enterprise.profile.name)" to say whether it is interested in this need. This is not a call for tenders: your answer helps the municipality know which social-economy enterprises can meet it.

            \(facts.en)

            To answer (interested or not), without an account or password:
            \(answerLink(answer, .en))
            This link is your enterprise's own, for this call only. You can change your answer through the same link until the deadline.

            \(why.en)
            """, kind: Self.kindInvitation, headers: headers(unsubscribe: unsubscribe), reference: CallStore.reference(call.id, enterprise.id))
    }

    /// A reminder to an enterprise that has not answered.
    func reminder(to address: String, answer: String, unsubscribe: String) -> MailDraft {
        let why = self.why(unsubscribe)
        return MailDraft(to: address, subject: "Rappel : appel d'intérêt de \(municipality), réponse d'ici le \(call.deadline) / Reminder", body: """
            Bonjour,

            \(municipality) attend la réponse de « \(enterprise.profile.name) » à son appel d'intérêt « \(call.title) » d'ici le \(call.deadline). Si votre entreprise n'est pas intéressée, dites-le aussi : cela aide la municipalité.

            Pour répondre, sans compte ni mot de passe :
            \(answerLink(answer, .fr))

            \(why.fr)

            ---

            Hello,

            \(municipality) is waiting for the answer of "\(enterprise.profile.name)" to its call for interest "\(call.title)" by \(call.deadline). If your enterprise is not interested, please say so too: it helps the municipality.

            To answer, without an account or password:
            \(answerLink(answer, .en))

            \(why.en)
            """, kind: Self.kindReminder, headers: headers(unsubscribe: unsubscribe), reference: "call-reminder:\(call.id):\(enterprise.id)")
    }

    /// The buyer's message when the call is cancelled.
    func cancellation(to address: String, message: String) -> MailDraft {
        MailDraft(to: address, subject: "Appel d'intérêt annulé : \(call.title) / Call for interest cancelled", body: """
            Bonjour,

            \(municipality) annule son appel d'intérêt « \(call.title) ». Message de \(call.ownerName) :

            \(message)

            Vous n'avez rien à faire. Merci de l'attention portée à cet appel.

            ---

            Hello,

            \(municipality) cancels its call for interest "\(call.title)". Message from \(call.ownerName):

            \(message)

            There is nothing for you to do. Thank you for your attention.

            Expéditeur / Sender: \(call.ownerName) <\(call.ownerEmail)>, \(municipality), par Répertoire / through Répertoire.
            """, kind: Self.kindCancellation, headers: headers(unsubscribe: nil), reference: "call-cancelled:\(call.id):\(enterprise.id)")
    }
}
