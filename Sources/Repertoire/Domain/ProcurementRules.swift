import Foundation

/// The kinds of municipal contract the procurement rules distinguish.
public enum ContractKind: String, Sendable, CaseIterable {
    case goods = "biens"
    case services
    case professionalServices = "services-professionnels"
    case construction = "travaux"

    public var name: String {
        switch self {
        case .goods: "Fourniture de biens (matériel, matériaux)"
        case .services: "Fourniture de services"
        case .professionalServices: "Services professionnels"
        case .construction: "Exécution de travaux de construction"
        }
    }

    public var nameEnglish: String {
        switch self {
        case .goods: "Supply of goods (equipment, materials)"
        case .services: "Supply of services"
        case .professionalServices: "Professional services"
        case .construction: "Construction work"
        }
    }

    /// What enterprises offer for such a contract.
    public var offeringKind: OfferingKind {
        switch self {
        case .goods: .good
        case .services, .professionalServices: .service
        case .construction: .construction
        }
    }
}

/// A section of a Quebec statute, as cited to buyers.
public struct LegalReference: Sendable, Equatable {
    /// `C-19` (Cities and Towns Act) or `C-27.1` (Municipal Code of Québec).
    public var statute: String
    public var section: String
    public var summary: String
    public var summaryEnglish: String

    public var isRegulation: Bool { statute.contains(", r.") }

    public var statuteName: String {
        switch statute {
        case "C-19": "Loi sur les cités et villes"
        case "C-27.1": "Code municipal du Québec"
        default: "Règlement \(statute) (seuils et délais des contrats municipaux)"
        }
    }

    public var statuteNameEnglish: String {
        switch statute {
        case "C-19": "Cities and Towns Act"
        case "C-27.1": "Municipal Code of Québec"
        default: "Regulation \(statute) (municipal contract thresholds and periods)"
        }
    }

    /// The section on LégisQuébec.
    public func url(english: Bool) -> String {
        let kind = isRegulation ? (english ? "en/document/cr" : "fr/document/rc") : (english ? "en/document/cs" : "fr/document/lc")
        let code = statute.replacingOccurrences(of: " ", with: "%20")
        return "https://www.legisquebec.gouv.qc.ca/\(kind)/\(code)#se:\(section.replacingOccurrences(of: ".", with: "_"))"
    }
}

/// The procedure a municipal body must follow to award a contract.
public enum ProcurementProcedure: String, Sendable {
    case mutualAgreement = "gre-a-gre"
    case writtenInvitation = "invitation-ecrite"
    case publicCall = "appel-d-offres-public"

    public var name: String {
        switch self {
        case .mutualAgreement: "Contrat de gré à gré"
        case .writtenInvitation: "Demande de soumissions par voie d'invitation écrite (au moins deux fournisseurs)"
        case .publicCall: "Demande de soumissions publique (appel d'offres publié dans le SEAO)"
        }
    }

    public var nameEnglish: String {
        switch self {
        case .mutualAgreement: "Mutual agreement (gré à gré)"
        case .writtenInvitation: "Call for tenders by written invitation (at least two suppliers)"
        case .publicCall: "Public call for tenders (published on SEAO)"
        }
    }
}

/// The advice for one contract: the procedure the rules in force that day ask for, and why.
public struct ProcurementAdvice: Sendable, Equatable {
    public var procedure: ProcurementProcedure
    public var amountCents: Int64
    public var kind: ContractKind
    public var day: String
    /// The amounts in force that day.
    public var invitationThreshold: ProcurementThreshold
    public var publicCallThreshold: ProcurementThreshold
    /// The minimum period between the call and the receipt of bids, in days (nil: no call).
    public var minimumBidDays: Int?
    public var legalBasis: [LegalReference]
    /// Further points that apply to this case, French and English.
    public var notes: [(String, String)]

    public static func == (lhs: ProcurementAdvice, rhs: ProcurementAdvice) -> Bool {
        lhs.procedure == rhs.procedure && lhs.amountCents == rhs.amountCents && lhs.kind == rhs.kind && lhs.day == rhs.day
            && lhs.invitationThreshold == rhs.invitationThreshold && lhs.publicCallThreshold == rhs.publicCallThreshold
            && lhs.minimumBidDays == rhs.minimumBidDays && lhs.legalBasis == rhs.legalBasis
            && lhs.notes.map(\.0) == rhs.notes.map(\.0)
    }
}

/// The rules of awarding a municipal contract in Quebec (Cities and Towns Act, ss. 573 ff.;
/// Municipal Code, arts. 935 ff.), applied with the amounts in force on the contract's day.
public enum ProcurementRules {
    /// Advice for an amount (cents, before taxes) and kind on `day`, or nil when no amount is
    /// known for that day (before the first row of `thresholds`).
    public static func advise(amountCents: Int64, kind: ContractKind, day: String, thresholds: [ProcurementThreshold]) -> ProcurementAdvice? {
        guard let invitation = ProcurementThreshold.inForce(thresholds, kind: .invitation, on: day),
              let publicCall = ProcurementThreshold.inForce(thresholds, kind: .publicCall, on: day)
        else { return nil }
        let procedure: ProcurementProcedure = amountCents >= publicCall.amountCents ? .publicCall
            : amountCents >= invitation.amountCents ? .writtenInvitation : .mutualAgreement
        var basis: [LegalReference] = []
        var notes: [(String, String)] = []
        let days: Int?
        switch procedure {
        case .publicCall:
            days = 15
            basis += [
                LegalReference(statute: "C-19", section: "573",
                               summary: "Contrat comportant une dépense égale ou supérieure au seuil décrété par le ministre : demande de soumissions publique, publiée dans le système électronique d'appel d'offres (SEAO) et dans un journal diffusé sur le territoire ; les documents s'obtiennent uniquement par le SEAO.",
                               summaryEnglish: "A contract involving an expenditure equal to or above the threshold set by the minister: public call for tenders, published on the electronic tendering system (SEAO) and in a newspaper circulated in the territory; documents are obtained only through SEAO."),
                LegalReference(statute: "C-27.1", section: "935",
                               summary: "La même règle pour les municipalités régies par le Code municipal.",
                               summaryEnglish: "The same rule for municipalities governed by the Municipal Code."),
            ]
            basis.append(LegalReference(statute: "C-19, r. 5", section: "2",
                               summary: "Délai minimal de réception des soumissions d'une demande publique : 15 jours pour la plupart des contrats d'approvisionnement et de services ; des délais différents s'appliquent selon le type de contrat et au-delà des seuils des accords intergouvernementaux (vérifiez l'article pour votre contrat).",
                               summaryEnglish: "Minimum period to receive bids after a public call: 15 days for most supply and service contracts; other periods apply depending on the kind of contract and above the intergovernmental agreements' thresholds (check the section for your contract)."))
        case .writtenInvitation:
            days = 8
            basis += [
                LegalReference(statute: "C-19", section: "573.1",
                               summary: "Contrat comportant une dépense d'au moins 25 000 $ et inférieure au seuil de la demande de soumissions publique : invitation écrite auprès d'au moins deux entrepreneurs ou fournisseurs ; délai de réception des soumissions d'au moins 8 jours.",
                               summaryEnglish: "A contract involving an expenditure of at least $25,000 and below the public-call threshold: written invitation to at least two contractors or suppliers; at least 8 days to receive bids."),
                LegalReference(statute: "C-27.1", section: "936",
                               summary: "La même règle pour les municipalités régies par le Code municipal.",
                               summaryEnglish: "The same rule for municipalities governed by the Municipal Code."),
            ]
            basis += managementByLaw
            notes.append(("Le règlement de gestion contractuelle de votre municipalité peut permettre d'octroyer ce contrat de gré à gré jusqu'au seuil de l'appel d'offres public, en prévoyant des mesures de rotation des fournisseurs : consultez-le.",
                          "Your municipality's contract-management by-law may allow this contract to be awarded by mutual agreement up to the public-call threshold, with measures to rotate suppliers: check it."))
        case .mutualAgreement:
            days = nil
            basis += managementByLaw
            notes.append(("Sous 25 000 $, la loi n'exige pas de demande de soumissions ; le règlement de gestion contractuelle de votre municipalité peut toutefois prévoir des règles (rotation des fournisseurs, achat local).",
                          "Below $25,000, the law requires no call for tenders; your municipality's contract-management by-law may still set rules (supplier rotation, local purchasing)."))
        }
        if kind == .professionalServices && procedure != .mutualAgreement {
            basis += [
                LegalReference(statute: "C-19", section: "573.1.0.1.1",
                               summary: "Services professionnels : le conseil doit utiliser un système de pondération et d'évaluation des offres (qualité).",
                               summaryEnglish: "Professional services: the council must use a system of bid weighting and evaluation (quality)."),
                LegalReference(statute: "C-27.1", section: "936.0.1.1",
                               summary: "La même règle pour les municipalités régies par le Code municipal.",
                               summaryEnglish: "The same rule for municipalities governed by the Municipal Code."),
            ]
        }
        notes.append(("Estimez le contrat pour toute sa durée, options de renouvellement comprises. La loi compare au seuil la dépense réelle : le prix avant taxes plus la part des taxes que la municipalité ne récupère pas (environ 5 % avec le remboursement de la TPS et de la moitié de la TVQ ; Cour d'appel, MPECO c. Sainte-Agathe-des-Monts, 2022 QCCA 916).",
                      "Estimate the contract over its whole term, options to renew included. The law compares the actual expenditure with the threshold: the price before taxes plus the share of taxes the municipality does not recover (about 5% with the GST and half the QST refunded; Court of Appeal, MPECO v. Sainte-Agathe-des-Monts, 2022 QCCA 916)."))
        // Just under a threshold, the net taxes may carry the expenditure over it.
        let nextThreshold = procedure == .mutualAgreement ? invitation.amountCents : procedure == .writtenInvitation ? publicCall.amountCents : nil
        if let nextThreshold, amountCents * 1_049_875 / 1_000_000 >= nextThreshold {
            notes.insert(("Attention : avec les taxes nettes (environ 4,99 %), la dépense atteint ou dépasse le seuil suivant. Prévoyez plutôt la procédure supérieure.",
                          "Caution: with net taxes (about 4.99%), the expenditure reaches or exceeds the next threshold. Plan for the stricter procedure instead."), at: 0)
        }
        return ProcurementAdvice(procedure: procedure, amountCents: amountCents, kind: kind, day: day,
                                 invitationThreshold: invitation, publicCallThreshold: publicCall,
                                 minimumBidDays: days, legalBasis: basis, notes: notes)
    }

    static let managementByLaw = [
        LegalReference(statute: "C-19", section: "573.3.1.2",
                       summary: "Règlement de gestion contractuelle : peut prévoir les règles d'attribution des contrats de 25 000 $ et plus mais inférieurs au seuil de la demande de soumissions publique, avec des mesures favorisant la rotation des fournisseurs.",
                       summaryEnglish: "Contract-management by-law: may set rules for awarding contracts of $25,000 or more but below the public-call threshold, with measures favouring supplier rotation."),
        LegalReference(statute: "C-27.1", section: "938.1.2",
                       summary: "La même règle pour les municipalités régies par le Code municipal.",
                       summaryEnglish: "The same rule for municipalities governed by the Municipal Code."),
    ]

    /// Reads an amount as people type it: `60000`, `60 000`, `60 000,50 $`, `60,000.50`.
    /// Returns cents, or the reason it is not an amount (French, English).
    public static func parseAmount(_ raw: String) -> Result<Int64, AmountError> {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for suffix in ["$", "CAD"] where text.hasSuffix(suffix) { text = String(text.dropLast(suffix.count)) }
        text = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard !text.isEmpty else { return .failure(.missing) }
        if text.hasPrefix("-") { return .failure(.negative) }
        // One decimal separator at most, followed by one or two digits; the other sign groups thousands.
        var whole = text, fraction = ""
        if let last = text.lastIndex(where: { $0 == "," || $0 == "." }), text.distance(from: last, to: text.endIndex) <= 3,
           text.distance(from: last, to: text.endIndex) >= 2 {
            whole = String(text[..<last])
            fraction = String(text[text.index(after: last)...])
        }
        whole = whole.filter { $0 != "," && $0 != "." }
        guard !whole.isEmpty || !fraction.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              whole.count <= 15
        else { return .failure(.notANumber) }
        let units = Int64(whole.isEmpty ? "0" : whole) ?? 0
        let cents = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let total = units * 100 + cents
        if total > maximumCents { return .failure(.tooLarge) }
        if total == 0 { return .failure(.zero) }
        return .success(total)
    }

    /// 10 G$: no municipal contract comes near it; a larger number is a typing mistake.
    public static let maximumCents: Int64 = 10_000_000_000_00

    public enum AmountError: Error, Sendable, Equatable {
        case missing, notANumber, negative, zero, tooLarge

        public var message: String {
            switch self {
            case .missing: "Indiquez le montant estimé du contrat, avant taxes (ex. 60 000)."
            case .notANumber: "Ce montant n'est pas un nombre : écrivez-le en chiffres, par exemple 60 000 ou 24 999,99."
            case .negative: "Le montant ne peut pas être négatif."
            case .zero: "Le montant doit être supérieur à 0 $."
            case .tooLarge: "Ce montant dépasse 10 milliards de dollars : vérifiez le nombre de zéros."
            }
        }

        public var messageEnglish: String {
            switch self {
            case .missing: "Enter the contract's estimated amount, before taxes (e.g. 60000)."
            case .notANumber: "This amount is not a number: write it in digits, for example 60000 or 24999.99."
            case .negative: "The amount cannot be negative."
            case .zero: "The amount must be more than $0."
            case .tooLarge: "This amount exceeds 10 billion dollars: check the number of zeros."
            }
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
