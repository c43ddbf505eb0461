import Foundation

/// The procurement advisor: reads a buyer's contract (amount, kind, day, need in words), applies
/// the rules in force that day (``ProcurementRules`` with the dated amounts of
/// ``ThresholdStore``), and counts the enterprises offering to municipalities that match the
/// need and serve the buyer's municipality. Administrators add the next amounts here.
struct ProcurementAdvisor: Sendable {
    let thresholds: ThresholdStore
    let directory: DirectoryService

    /// What the buyer asked, as typed (kept to fill the form again).
    struct Request: Sendable {
        var amount = ""
        var kind = ""
        var day = ""
        var need = ""
    }

    /// A field the buyer must fix, with the message to show beside it.
    struct FieldError: Error, Sendable, Equatable {
        var field: String
        var message: String
        var english: String
    }

    struct FieldErrors: Error, Sendable {
        var errors: [FieldError]
        /// The form is valid but clashes with what is stored (409 rather than 422).
        var conflict = false
    }

    struct Answer: Sendable {
        var advice: ProcurementAdvice
        /// The buyers' tab's search for the need: offering to municipalities, of the contract's
        /// kind, serving the buyer's municipality.
        var query: DirectoryQuery
        var matching: Int
    }

    /// The advice, or every field error at once.
    func advise(_ request: Request, municipality: String?, today: Date = Date()) async throws -> Result<Answer, FieldErrors> {
        var errors: [FieldError] = []
        var cents: Int64 = 0
        switch ProcurementRules.parseAmount(request.amount) {
        case .success(let value): cents = value
        case .failure(let error): errors.append(FieldError(field: "montant", message: error.message, english: error.messageEnglish))
        }
        let kind = ContractKind(rawValue: request.kind)
        if kind == nil {
            errors.append(FieldError(field: "type", message: "Choisissez le type de contrat.", english: "Choose the kind of contract."))
        }
        let dayText = request.day.trimmingCharacters(in: .whitespaces)
        let day = dayText.isEmpty ? CalendarDay.string(from: today) : dayText
        let rows = try await thresholds.all()
        let earliest = rows.map(\.effectiveFrom).min() ?? ""
        if CalendarDay.parse(day) == nil {
            errors.append(FieldError(field: "date", message: "Date invalide « \(dayText) » : écrivez-la AAAA-MM-JJ (ex. 2027-03-15).",
                                     english: "Invalid date \"\(dayText)\": write it YYYY-MM-DD (e.g. 2027-03-15)."))
        } else if day < earliest {
            errors.append(FieldError(field: "date", message: "Aucune règle n'est inscrite avant le \(earliest) : choisissez une date à partir de celle-ci.",
                                     english: "No rule is recorded before \(earliest): choose a date from then on."))
        }
        if request.need.count > DirectoryQuery.maxTextLength {
            errors.append(FieldError(field: "besoin", message: "Décrivez le besoin en \(DirectoryQuery.maxTextLength) caractères au plus.",
                                     english: "Describe the need in at most \(DirectoryQuery.maxTextLength) characters."))
        }
        guard errors.isEmpty, let kind,
              let advice = ProcurementRules.advise(amountCents: cents, kind: kind, day: day, thresholds: rows)
        else { return .failure(FieldErrors(errors: errors)) }
        var query = DirectoryQuery()
        query.text = request.need.trimmingCharacters(in: .whitespacesAndNewlines)
        query.offersToMunicipalities = true
        query.offeringKinds = [kind.offeringKind.rawValue]
        if let municipality { query.municipalities = [municipality] }
        query.perPage = 1
        let matching = directory.search(query).total
        query.perPage = 20
        return .success(Answer(advice: advice, query: query, matching: matching))
    }

    /// Adds the next amount of a rule, from the administrators' page.
    func addThreshold(kind rawKind: String, amount: String, effectiveFrom: String, source: String, sourceURL: String,
                      by user: User, client: String, now: Date = Date()) async throws -> Result<ProcurementThreshold, FieldErrors> {
        var errors: [FieldError] = []
        let kind = ProcurementThreshold.Kind(rawValue: rawKind)
        if kind == nil { errors.append(FieldError(field: "sorte", message: "Choisissez le seuil.", english: "Choose the threshold.")) }
        var cents: Int64 = 0
        switch ProcurementRules.parseAmount(amount) {
        case .success(let value): cents = value
        case .failure(let error): errors.append(FieldError(field: "montant", message: error.message, english: error.messageEnglish))
        }
        let day = effectiveFrom.trimmingCharacters(in: .whitespaces)
        if CalendarDay.parse(day) == nil {
            errors.append(FieldError(field: "debut", message: "Date invalide « \(day) » : écrivez-la AAAA-MM-JJ.", english: "Invalid date \"\(day)\": write it YYYY-MM-DD."))
        }
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if source.isEmpty || source.count > 500 {
            errors.append(FieldError(field: "source", message: "Citez la source du montant (arrêté, règlement, Gazette officielle), en 500 caractères au plus.",
                                     english: "Cite the amount's source (order, regulation, Gazette), in at most 500 characters."))
        }
        let url = sourceURL.trimmingCharacters(in: .whitespaces)
        if !url.isEmpty && !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count > 500 {
            errors.append(FieldError(field: "lien", message: "Le lien de la source commence par https:// (ou laissez-le vide).",
                                     english: "The source's link starts with https:// (or leave it empty)."))
        }
        guard errors.isEmpty, let kind else { return .failure(FieldErrors(errors: errors)) }
        let row = ProcurementThreshold(id: UUID().uuidString.lowercased(), kind: kind, amountCents: cents, effectiveFrom: day, source: source,
                                       sourceURL: url.isEmpty ? nil : url, createdBy: user.label, createdAt: Timestamp.stored(now))
        do {
            try await thresholds.add(row, actor: user, client: client)
        } catch StoreError.duplicateThreshold {
            return .failure(FieldErrors(errors: [FieldError(
                field: "debut", message: "Un montant de ce type est déjà inscrit à partir du \(day) : l'historique ne se modifie pas, choisissez une autre date.",
                english: "An amount of this kind is already recorded from \(day): the history is not edited, choose another date.")], conflict: true))
        }
        return .success(row)
    }
}
