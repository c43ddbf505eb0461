import Foundation
@testable import Repertoire

/// Small hand-made data for tests that need to know exactly what is stored.
enum Fixtures {
    static let municipalities: [Municipality] = [
        Municipality(code: "58227", name: "Longueuil", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 253_629),
        Municipality(code: "58007", name: "Brossard", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 91_693),
        Municipality(code: "58033", name: "Boucherville", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 42_425),
        Municipality(code: "58037", name: "Saint-Bruno-de-Montarville", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 27_147),
        Municipality(code: "58012", name: "Saint-Lambert", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 22_789),
        Municipality(code: "37067", name: "Trois-Rivières", regionCode: "04", mrc: "Trois-Rivières (37)", designation: "Ville", population: 139_163),
    ]

    static var catalog: MunicipalityCatalog { MunicipalityCatalog(municipalities) }

    /// A complete, valid profile: every section filled.
    static func complete(name: String = "Coopérative de solidarité Déneigement Rive-Sud", neq: String? = "1140139735",
                         municipality: String = "58227") -> EnterpriseProfile {
        var p = EnterpriseProfile(name: name, legalForm: .solidarityCooperative)
        p.otherNames = [OtherName(kind: .legal, name: "COOPÉRATIVE DE SOLIDARITÉ DÉNEIGEMENT RIVE-SUD")]
        p.neq = neq
        p.foundedYear = 1998
        p.mission = "Offrir un déneigement fiable des stationnements et trottoirs tout en créant des emplois durables."
        p.missionEnglish = "Reliable snow removal that creates lasting jobs."
        p.sectors = ["environnement-recuperation-recyclage", "services-entreprises-organisations"]
        p.offerings = [
            Offering(name: "Déneigement de stationnements", description: "Déblaiement et épandage d'abrasifs.", kind: .service, offeredToMunicipalities: true),
            Offering(name: "Entretien de sentiers", kind: .service, offeredToMunicipalities: false),
        ]
        p.address = "1250, rue Saint-Charles Ouest"
        p.municipalityCode = municipality
        p.postalCode = "j4h 1c3"
        p.coordinates = Coordinates(latitude: 45.53, longitude: -73.51)
        p.phone = "(450) 555-0123"
        p.email = "Info@Deneigement.exemple.org"
        p.website = "www.deneigement.exemple.org"
        p.managers = [ManagerContact(name: "Julie Tremblay", role: "Directrice générale", email: "julie@deneigement.exemple.org", phone: "450-555-0124 poste 2")]
        p.benefits = CommunityBenefits(text: "Emplois pour des personnes éloignées du marché du travail.", employees: 24, integrationEmployees: 9, volunteers: 5, members: 40, peopleServed: 1200)
        p.certifications = ["entreprise-insertion"]
        p.contracts = [MunicipalContract(municipality: "Longueuil", year: 2024, description: "Déneigement des stationnements municipaux", amount: 48_000)]
        p.lastVerified = "2025-06-30"
        p.source = "Tests"
        return p
    }

    /// The smallest valid profile.
    static func minimal(_ name: String, municipality: String = "58007", sector: String = "habitation") -> EnterpriseProfile {
        var p = EnterpriseProfile(name: name, legalForm: .nonProfit)
        p.municipalityCode = municipality
        p.sectors = [sector]
        return p
    }
}
