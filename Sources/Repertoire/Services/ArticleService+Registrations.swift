import Foundation

/// Registrations to the hub's trainings: anyone registers from the training's page (no account);
/// a confirmation with the training's `.ics`, or a place on the waiting list, comes by e-mail with
/// a link to cancel; a cancelled seat goes to the first person waiting.
extension ArticleService {
    struct RegistrationInput: Sendable, Equatable {
        var name = ""
        var email = ""
        var city = ""
    }

    static let registrationsClosed = Refusal(.gone, title: "Inscriptions fermées",
                                             message: "Cette formation a commencé ou a eu lieu : les inscriptions sont fermées.",
                                             english: "This training has started or taken place: registrations are closed.")

    /// The training a visitor may register to: published, with seats in Répertoire, still ahead.
    func registrable(slug: String, now: Date = Date()) async throws -> (article: Article, capacity: Int) {
        guard let article = try await readable(slug: slug, now: now), article.isListed(at: now), let training = article.training,
              let capacity = training.capacity else {
            throw Refusal.notFound("Cette formation", english: "This training")
        }
        guard training.startsAt > now else { throw Self.registrationsClosed }
        return (article, capacity)
    }

    func register(slug: String, _ input: RegistrationInput, client: String, now: Date = Date())
        async throws -> Result<(registration: TrainingRegistration, article: Article), ValidationFailure> {
        let (article, capacity) = try await registrable(slug: slug, now: now)
        var issues: [FieldIssue] = []
        let name = input.name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let city = input.city.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if name.isEmpty { issues.append(FieldIssue(field: "nom", code: "missing", message: "Écrivez votre nom.", english: "Write your name.")) }
        if name.count > 120 { issues.append(FieldIssue(field: "nom", code: "too-long", message: "Le nom compte \(name.count) caractères : 120 au plus.", english: "The name has \(name.count) characters: at most 120.")) }
        var address: MailAddress?
        do { address = try MailAddress.parse(input.email) } catch {
            issues.append(FieldIssue(field: "courriel", code: "invalid-email", message: "Adresse courriel invalide « \(input.email) » : elle reçoit la confirmation (ex. nom@ville.qc.ca).",
                                     english: "Invalid e-mail address \"\(input.email)\": it receives the confirmation (e.g. name@city.qc.ca)."))
        }
        if city.isEmpty { issues.append(FieldIssue(field: "ville", code: "missing", message: "Écrivez votre municipalité ou votre organisation.", english: "Write your municipality or organisation.")) }
        if city.count > 120 { issues.append(FieldIssue(field: "ville", code: "too-long", message: "La municipalité compte \(city.count) caractères : 120 au plus.", english: "The municipality has \(city.count) characters: at most 120.")) }
        guard issues.isEmpty, let address else { return .failure(ValidationFailure(issues)) }
        let secret = SecretToken.generate(prefix: "ins_")
        let draft = TrainingRegistration(id: RecordID.next(now: now), articleID: article.id, name: name, email: address.address.lowercased(), city: city,
                                         status: .waiting, createdAt: now, updatedAt: now)
        let composer = RegistrationMail(article: article, baseURL: baseURL)
        let outcome = try await store.register(draft, capacity: capacity, tokenHash: SecretToken.hash(secret), now: now,
                                               mail: { [composer] registration in [composer.draft(for: registration, secret: secret, promoted: false)] }, queue: mail)
        switch outcome {
        case .registered(let registration):
            return .success((registration, article))
        case .alreadyRegistered(let status):
            let french = status == .confirmed ? "Cette adresse est déjà inscrite à la formation." : "Cette adresse est déjà sur la liste d'attente de la formation."
            let english = status == .confirmed ? "This address is already registered to the training." : "This address is already on the training's waiting list."
            return .failure(ValidationFailure([FieldIssue(field: "courriel", code: "already-registered", message: french + " Le courriel reçu permet d'annuler.",
                                                          english: english + " The e-mail received lets you cancel.")]))
        }
    }

    /// The registration a cancellation link names, to show before cancelling.
    func registration(cancelToken secret: String) async throws -> (registration: TrainingRegistration, article: Article) {
        guard !secret.isEmpty, let registration = try await store.registration(tokenHash: SecretToken.hash(secret)),
              let article = try await store.article(id: registration.articleID) else {
            throw Refusal(.notFound, title: "Lien d'annulation inconnu", message: "Ce lien d'annulation n'existe pas ou a été remplacé par une nouvelle inscription.",
                          english: "This cancellation link does not exist or was replaced by a new registration.")
        }
        return (registration, article)
    }

    func cancelRegistration(secret: String, now: Date = Date()) async throws -> (registration: TrainingRegistration, article: Article, promoted: TrainingRegistration?) {
        let (registration, article) = try await self.registration(cancelToken: secret)
        let composer = RegistrationMail(article: article, baseURL: baseURL)
        // The person promoted gets a new link: theirs was only ever in their first e-mail, which
        // stays valid (its hash is unchanged), so the e-mail repeats no secret.
        let outcome = try await store.cancelRegistration(tokenHash: SecretToken.hash(secret), now: now,
                                                         mail: { [composer] promoted in [composer.draft(for: promoted, secret: nil, promoted: true)] }, queue: mail)
        switch outcome {
        case .unknown: throw Refusal.notFound("Cette inscription", english: "This registration")
        case .alreadyCancelled(let cancelled): return (cancelled, article, nil)
        case .cancelled(let cancelled, let promoted): return (cancelled, article, promoted)
        }
    }

    /// A training's registrations, for those who may edit it (names and e-mails: Loi 25).
    func registrations(_ articleID: String, for user: User) async throws -> (article: Article, registrations: [TrainingRegistration]) {
        guard let article = try await store.article(id: articleID) else { throw Refusal.notFound("Cet article", english: "This article") }
        guard Self.canEdit(article, user) else { throw Self.notYours }
        return (article, try await store.registrations(articleID: articleID))
    }

    /// Seats left and people waiting, for the training's page.
    func seats(_ article: Article) async throws -> (capacity: Int, confirmed: Int, waiting: Int)? {
        guard let capacity = article.training?.capacity else { return nil }
        let counts = try await store.registrationCounts(articleID: article.id)
        return (capacity, counts.confirmed, counts.waiting)
    }
}

/// The registration e-mails, French first then English: what, when, where, and the link to cancel;
/// a confirmed seat comes with the training's `.ics`.
struct RegistrationMail: Sendable {
    let article: Article
    let baseURL: String

    func draft(for registration: TrainingRegistration, secret: String?, promoted: Bool) -> MailDraft {
        let training = article.training
        let page = baseURL + Route.hubArticle.path(article.slug)
        let french = HubPages.whenText(training, english: false), english = HubPages.whenText(training, english: true)
        let place = training.map { $0.online ? "En ligne" + ($0.place.isEmpty ? "" : " — " + $0.place) : $0.place } ?? ""
        let cancel = secret.map { baseURL + Route.hubCancel.path() + "?jeton=" + Route.escape($0) }
        let confirmed = registration.status == .confirmed
        let subject: String
        var body: String
        if promoted {
            subject = "Une place s'est libérée : \(article.titleFrench) / A seat is yours"
            body = "Bonjour \(registration.name),\n\nUne place s'est libérée : votre inscription à « \(article.titleFrench) » est confirmée.\n"
        } else if confirmed {
            subject = "Inscription confirmée : \(article.titleFrench) / Registration confirmed"
            body = "Bonjour \(registration.name),\n\nVotre inscription à « \(article.titleFrench) » est confirmée.\n"
        } else {
            subject = "Liste d'attente : \(article.titleFrench) / Waiting list"
            body = "Bonjour \(registration.name),\n\nLa formation « \(article.titleFrench) » est complète : vous êtes sur la liste d'attente. "
                + "Si une place se libère, elle vous revient dans l'ordre des inscriptions et un courriel vous le dira.\n"
        }
        body += "\nQuand : \(french)\nOù : \(place)\nLa formation : \(page)\n"
        if let cancel { body += "\nPour annuler votre inscription : \(cancel)\n" } else { body += "\nPour annuler, utilisez le lien du premier courriel reçu.\n" }
        if confirmed { body += "\nLe fichier joint (formation.ics) l'ajoute à votre agenda.\n" }
        body += "\n---\n\nHello \(registration.name),\n\n"
        body += promoted ? "A seat was freed: your registration to this training is confirmed.\n"
            : confirmed ? "Your registration to this training is confirmed.\n"
            : "The training is full: you are on the waiting list. If a seat is freed, it goes to the next person waiting and an e-mail tells you.\n"
        body += "\nWhen: \(english)\nTraining: \(page)\n"
        if let cancel { body += "To cancel: \(cancel)\n" }
        body += "\nRépertoire — « Économie sociale, J'achète! »\n"
        var attachments: [MailAttachment] = []
        if confirmed, let ics = MailAttachment(fileName: "formation.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                                                bytes: Array(TrainingCalendar.calendar(name: article.titleFrench, events: [.init(article: article, url: page)],
                                                                                       host: URL(string: baseURL)?.host ?? "repertoire").utf8)) {
            attachments.append(ics)
        }
        return MailDraft(to: registration.email, subject: subject, body: body, kind: promoted ? "training-seat" : "training-registration",
                         reference: "training:\(article.id):\(registration.id)", attachments: attachments)
    }
}
