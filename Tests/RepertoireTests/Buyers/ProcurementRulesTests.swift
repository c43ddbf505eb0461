import Foundation
import Testing
@testable import Repertoire

/// The advisor's rules (issue #14): each boundary, each dated threshold, and amounts as typed.
@Suite("Procurement rules and dated thresholds")
struct ProcurementRulesTests {
    static let rows = ProcurementThreshold.history

    static func procedure(_ amount: String, on day: String, kind: ContractKind = .services) -> ProcurementProcedure? {
        guard case .success(let cents) = ProcurementRules.parseAmount(amount) else { return nil }
        return ProcurementRules.advise(amountCents: cents, kind: kind, day: day, thresholds: rows)?.procedure
    }

    @Test("24 999,99 $ is mutual agreement, 25 000 $ a written invitation")
    func invitationBoundary() {
        #expect(Self.procedure("24 999,99", on: "2026-12-05") == .mutualAgreement)
        #expect(Self.procedure("25000", on: "2026-12-05") == .writtenInvitation)
        #expect(Self.procedure("25 000,00 $", on: "2026-12-05") == .writtenInvitation)
    }

    @Test("each public-call amount: a cent under it is an invitation, the amount itself a public call", arguments: [
        ("2019-01-15", "101100"), ("2021-06-01", "105700"), ("2023-05-01", "121200"), ("2026-12-05", "133800"),
    ])
    func publicCallBoundary(day: String, threshold: String) {
        let under = String(Int(threshold)! - 1) + ",99"
        #expect(Self.procedure(under, on: day) == .writtenInvitation, "\(under) on \(day)")
        #expect(Self.procedure(threshold, on: day) == .publicCall, "\(threshold) on \(day)")
    }

    @Test("both sides of each change date use the rule in force that day")
    func changeDates() {
        // 110 000 $ is above 105 700 $ (until 2022-10-06) and under 121 200 $ (from 2022-10-07).
        #expect(Self.procedure("110000", on: "2022-10-06") == .publicCall)
        #expect(Self.procedure("110000", on: "2022-10-07") == .writtenInvitation)
        // 130 000 $: above 121 200 $ on 2023-12-31, under 133 800 $ on 2024-01-01.
        #expect(Self.procedure("130000", on: "2023-12-31") == .publicCall)
        #expect(Self.procedure("130000", on: "2024-01-01") == .writtenInvitation)
        // 103 000 $: above 101 100 $ the day before the 2020 order, under 105 700 $ from it.
        #expect(Self.procedure("103000", on: "2020-07-13") == .publicCall)
        #expect(Self.procedure("103000", on: "2020-07-14") == .writtenInvitation)
        // Before the first recorded amount there is no advice rather than a guess.
        #expect(Self.procedure("50000", on: "2018-04-18") == nil)
    }

    @Test("an amount added later applies from its day, the history staying as it was")
    func addedRow() {
        let next = ProcurementThreshold(id: "x", kind: .publicCall, amountCents: 139_000_00, effectiveFrom: "2027-01-01", source: "test", sourceURL: nil)
        let rows = Self.rows + [next]
        func on(_ day: String) -> ProcurementProcedure? { ProcurementRules.advise(amountCents: 135_000_00, kind: .goods, day: day, thresholds: rows)?.procedure }
        #expect(on("2026-12-31") == .publicCall)
        #expect(on("2027-01-01") == .writtenInvitation)
    }

    @Test("legal basis, periods and notes follow the procedure and the kind")
    func legalBasis() throws {
        let invitation = try #require(ProcurementRules.advise(amountCents: 60_000_00, kind: .services, day: "2026-12-05", thresholds: Self.rows))
        #expect(invitation.minimumBidDays == 8)
        #expect(invitation.legalBasis.map(\.section) == ["573.1", "936", "573.3.1.2", "938.1.2"])
        #expect(invitation.notes.contains { $0.0.contains("gré à gré jusqu'au seuil") })
        let publicCall = try #require(ProcurementRules.advise(amountCents: 200_000_00, kind: .professionalServices, day: "2026-12-05", thresholds: Self.rows))
        #expect(publicCall.minimumBidDays == 15)
        #expect(publicCall.legalBasis.map(\.section).contains("573.1.0.1.1"))
        #expect(publicCall.legalBasis.first?.url(english: false) == "https://www.legisquebec.gouv.qc.ca/fr/document/lc/C-19#se:573")
        let small = try #require(ProcurementRules.advise(amountCents: 10_000_00, kind: .goods, day: "2026-12-05", thresholds: Self.rows))
        #expect(small.minimumBidDays == nil)
        // Just under a threshold, the net taxes may carry the expenditure over it: said first.
        let close = try #require(ProcurementRules.advise(amountCents: 24_500_00, kind: .goods, day: "2026-12-05", thresholds: Self.rows))
        #expect(close.notes.first?.0.hasPrefix("Attention") == true)
        #expect(small.notes.first?.0.hasPrefix("Attention") == false)
    }

    @Test("amounts as people type them, and what is refused", arguments: [
        ("60000", Result<Int64, ProcurementRules.AmountError>.success(60_000_00)),
        ("60 000", .success(60_000_00)), ("60\u{00A0}000,50 $", .success(60_000_50)), ("60,000.50", .success(60_000_50)),
        ("24999.99", .success(24_999_99)), ("1,5", .success(1_50)),
        ("", .failure(.missing)), ("abc", .failure(.notANumber)), ("12a", .failure(.notANumber)), ("-5", .failure(.negative)),
        ("0", .failure(.zero)), ("20000000000", .failure(.tooLarge)), ("1e9", .failure(.notANumber)),
    ])
    func parsing(text: String, expected: Result<Int64, ProcurementRules.AmountError>) {
        #expect(ProcurementRules.parseAmount(text) == expected, "\(text)")
    }
}
