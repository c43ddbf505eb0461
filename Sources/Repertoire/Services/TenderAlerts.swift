import Crypto
import Foundation
import SQLKit

/// E-mail alerts of SEAO calls. An enterprise's representative asks for them (« Mon compte ») and
/// hears of each new open call its enterprise matches; a hub editor, of each new call matching
/// enterprises of their regions. Each (call, enterprise) — for a hub editor, (call, editor) — is
/// claimed by a row whose primary key lets one instance only queue its e-mail, in the same
/// transaction: an alert goes out once, however many instances or runs try. Calls imported
/// before the subscription are not alerted. Every alert carries a one-click unsubscribe link.
struct TenderAlerts: Sendable {
    let tenders: TenderService
    let database: Database
    let mail: any MailQueue
    let baseURL: String
    let secret: FormSecret

    init(tenders: TenderService, database: Database, mail: any MailQueue, baseURL: String) {
        self.tenders = tenders
        self.database = database
        self.mail = mail
        self.baseURL = baseURL
        secret = FormSecret(database: database)
    }

    /// Who may ask for alerts: representatives (of an enterprise) and hub editors.
    static func mayReceive(_ user: User) -> Bool {
        user.isActive && ((user.roles.contains(.representative) && user.enterpriseID != nil) || (user.roles.contains(.hubEditor) && !user.regions.isEmpty))
    }

    func isSubscribed(userID: String) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("SELECT user_id FROM seao_alert_subscriptions WHERE user_id = \(bind: userID)").first() != nil
        }
    }

    func subscribe(_ user: User, now: Date = Date()) async throws {
        guard Self.mayReceive(user) else { return }
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO seao_alert_subscriptions (user_id, created_at) VALUES (\(bind: user.id), \(bind: Timestamp.string(from: now)))
                ON CONFLICT (user_id) DO NOTHING
                """).run()
        }
    }

    func unsubscribe(userID: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM seao_alert_subscriptions WHERE user_id = \(bind: userID)").run()
        }
    }

    // MARK: One-click unsubscribing

    func unsubscribeToken(_ userID: String) async throws -> String {
        let key = try await secret.key()
        return Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(("tender-alerts-unsubscribe:" + userID).utf8), using: key)))
    }

    func unsubscribeURL(_ userID: String) async throws -> String {
        baseURL + Route.tenderAlertsUnsubscribe.path() + "?compte=" + Route.escape(userID) + "&jeton=" + (try await unsubscribeToken(userID))
    }

    static let badLink = Refusal(.notFound, title: "Lien de désabonnement inconnu",
                                 message: "Ce lien de désabonnement n'est pas valide : utilisez celui de la dernière alerte reçue.",
                                 english: "This unsubscribe link is not valid: use the one in the last alert received.")

    /// Stops the alerts of the link's account; a wrong link is refused.
    func unsubscribe(userID: String, token: String) async throws {
        guard !userID.isEmpty, SecretToken.equals(token, try await unsubscribeToken(userID)) else { throw Self.badLink }
        try await unsubscribe(userID: userID)
    }

    // MARK: Sending

    /// Queues the alerts due: each subscriber's matches among the open calls imported since they
    /// subscribed, each once. Returns how many e-mails were queued.
    func sendDue(now: Date = Date()) async throws -> Int {
        let subscriptions = try await database.read { sql in
            try await sql.raw("SELECT user_id, created_at FROM seao_alert_subscriptions ORDER BY created_at").all().map { row in
                (try row.decode(column: "user_id", as: String.self), try row.decode(column: "created_at", as: String.self))
            }
        }
        guard !subscriptions.isEmpty, let matching = tenders.matching else { return 0 }
        let calls = try await tenders.openCalls(TenderService.Filter(allBodies: true), now: now)
        guard !calls.isEmpty else { return 0 }
        let firstSeen = try await database.read { sql in
            var seen: [String: String] = [:]
            for row in try await sql.raw("SELECT ocid, first_seen_at FROM seao_tenders WHERE closes_at > \(bind: Timestamp.string(from: now))").all() {
                seen[try row.decode(column: "ocid", as: String.self)] = try row.decode(column: "first_seen_at", as: String?.self)
            }
            return seen
        }
        let matches = try await matching.matches(calls)
        let accounts = AccountStore(database: database)
        var queued = 0
        for (userID, since) in subscriptions {
            guard let user = try await accounts.user(id: userID), Self.mayReceive(user) else { continue }
            for call in calls {
                guard let seen = firstSeen[call.tender.ocid], seen >= since, let found = matches[call.tender.ocid], !found.isEmpty else { continue }
                if user.roles.contains(.representative), let enterpriseID = user.enterpriseID, let match = found.first(where: { $0.enterpriseID == enterpriseID }),
                   let summary = matching.directory.summaries(ids: [enterpriseID]).first {
                    let draft = try await alert(call, to: user, about: [(summary, match)], now: now)
                    if try await claim(call.tender.ocid, recipient: "enterprise:" + enterpriseID, userID: user.id, draft: draft, now: now) { queued += 1 }
                }
                if user.roles.contains(.hubEditor) {
                    let ids = found.map(\.enterpriseID)
                    let byID = Dictionary(uniqueKeysWithValues: matching.directory.summaries(ids: ids).map { ($0.id, $0) })
                    let inRegions = found.compactMap { match in byID[match.enterpriseID].flatMap { summary in
                        summary.regionCode.map(user.regions.contains) == true ? (summary, match) : nil
                    } }
                    guard !inRegions.isEmpty else { continue }
                    let draft = try await alert(call, to: user, about: inRegions, now: now)
                    if try await claim(call.tender.ocid, recipient: "user:" + user.id, userID: user.id, draft: draft, now: now) { queued += 1 }
                }
            }
        }
        return queued
    }

    /// Inserts the (call, recipient) row and queues the e-mail together; false when already sent.
    private func claim(_ ocid: String, recipient: String, userID: String, draft: MailDraft, now: Date) async throws -> Bool {
        let mail = self.mail
        return try await database.unitOfWork(now: now) { work in
            let claimed = try await work.sql.raw("""
                INSERT INTO seao_alert_sends (ocid, recipient, user_id, sent_at) VALUES (\(bind: ocid), \(bind: recipient), \(bind: userID), \(bind: Timestamp.string(from: now)))
                ON CONFLICT (ocid, recipient) DO NOTHING RETURNING ocid
                """).first()
            guard claimed != nil else { return false }
            try await work.send(draft, through: mail)
            return true
        }
    }

    private func alert(_ call: TenderService.OpenCall, to user: User, about enterprises: [(summary: EnterpriseSummary, match: CallMatcher.Match)], now: Date) async throws -> MailDraft {
        let tender = call.tender
        let title = tender.tender.title ?? tender.seaoNumber
        let page = baseURL + Route.tender.path(tender.ocid)
        let unsubscribe = try await unsubscribeURL(user.id)
        let closes = tender.tender.closesAt.map { "\(QuebecTime.day(from: $0)) \(QuebecTime.time(from: $0))" } ?? "—"
        let representative = user.roles.contains(.representative) && enterprises.count == 1 && enterprises[0].summary.id == user.enterpriseID
        var lines = ["Bonjour,", ""]
        if representative {
            lines.append("Un appel d'offres public publié sur le SEAO pourrait convenir à \(enterprises[0].summary.name) :")
        } else {
            lines.append("Un appel d'offres public publié sur le SEAO pourrait convenir à des entreprises de vos régions :")
        }
        lines += ["", title, "Organisme : \(tender.buyer?.name ?? "—")" + (call.municipalityName.map { " (\($0))" } ?? ""), "Fermeture : \(closes) (heure du Québec)"]
        if let url = tender.seaoURL { lines.append("Avis et documents sur le SEAO : \(url)") }
        lines += ["Sur Répertoire : \(page)", ""]
        for (summary, match) in enterprises.prefix(10) {
            lines.append("- \(summary.name) : " + Self.reasons(match))
        }
        if enterprises.count > 10 { lines.append("… et \(enterprises.count - 10) autres, sur la page de l'appel.") }
        lines += ["", "Vous recevez cette alerte parce que vous l'avez demandée dans votre compte Répertoire (« Alertes d'appels d'offres »).",
                  "Ne plus recevoir ces alertes : \(unsubscribe)", "", "—", "",
                  "A public call for tenders on SEAO could suit " + (representative ? enterprises[0].summary.name : "enterprises of your regions") + ": \(title).",
                  "Closing: \(closes) (Quebec time). On Répertoire: \(page)", "Stop these alerts: \(unsubscribe)"]
        return MailDraft(to: user.email, subject: "Appel d'offres qui pourrait vous convenir : \(title)", body: lines.joined(separator: "\n"),
                         kind: "tender-alert",
                         headers: [MailHeader("List-Unsubscribe", "<\(unsubscribe)>"), MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")].compactMap { $0 },
                         reference: "tender:\(tender.ocid):\(user.id)")
    }

    /// « mots : déneigement · secteur : Habitation » for the e-mail.
    static func reasons(_ match: CallMatcher.Match) -> String {
        match.reasons.compactMap { code -> String? in
            switch CallMatcher.Reason(code) {
            case .words(let words)?: "mots : " + words.joined(separator: ", ")
            case .sector(let slug)?: "secteur : " + (Sector.find(slug)?.name ?? slug)
            case .kind(let kind)?: "offre : " + (OfferingKind(rawValue: kind)?.name ?? kind)
            default: nil
            }
        }.joined(separator: " · ")
    }
}
