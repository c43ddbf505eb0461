import Testing
@testable import Repertoire

@Suite("Demo data: anchors for search tests")
struct DemoAnchorTests {
    private func anchor(_ name: String) -> EnterpriseProfile? {
        DemoFixtures.defaultSet.first { $0.name == name }
    }

    @Test func anchorsOpenTheDefaultSetForEverySeed() {
        let names = DemoData.anchorNames
        #expect(names.count >= 40)
        #expect(Array(DemoData.defaultSet(seed: 1).prefix(names.count).map(\.name)) == names)
        #expect(Array(DemoData.defaultSet(seed: 77).prefix(names.count)) == Array(DemoFixtures.defaultSet.prefix(names.count)))
        for profile in DemoFixtures.defaultSet.prefix(names.count) { #expect(profile.neq != nil, "\(profile.name)") }
    }

    @Test func snowRemovalAnchorsIncludeOneWithoutTheWordDeneigement() {
        let local = DemoFixtures.defaultSet.prefix(DemoData.anchorNames.count)
            .filter { DemoFixtures.agglomerationCodes.contains($0.municipalityCode ?? "") }
        #expect(local.filter { DemoFixtures.searchableText($0).contains("déneigement") }.count >= 3)
        let synonym = anchor("Les Travaux verts de Montarville")
        #expect(synonym != nil)
        let text = synonym.map(DemoFixtures.searchableText) ?? ""
        #expect(text.contains("déblaiement de la neige"))
        #expect(!text.contains("déneig"))
        #expect(synonym?.municipalityCode == "58037")
    }

    @Test func usedClothingShopNeverSaysFriperie() {
        let shop = anchor("Le Vestiaire solidaire de Boucherville")
        let text = shop.map(DemoFixtures.searchableText) ?? ""
        #expect(text.contains("vêtements usagés"))
        #expect(!text.contains("friperie"))
        #expect(shop?.sectors.contains("commerce-detail-friperies") == false)
        #expect(anchor("Friperie L'Entraide de Brossard") != nil)
    }

    @Test func textAnalysisCasesArePresent() {
        let names = DemoData.anchorNames
        #expect(names.contains("L'Atelier d'économie sociale"))
        #expect(names.contains { $0.hasPrefix("Œuvre") })
        #expect(names.contains { $0.hasPrefix("CPE ") })
        #expect(names.contains { $0.hasPrefix("Centre de la petite enfance ") })
        #expect(names.contains { $0.lowercased().contains("apiculture") })
        let hyacinthe = DemoFixtures.defaultSet.first { $0.name.contains("Saint-Hyacinthe") }
        #expect(hyacinthe?.regionCode == "16")
        #expect(DemoFixtures.defaultSet.prefix(names.count).contains { DemoFixtures.searchableText($0).contains("traiteurs") })
        #expect(DemoFixtures.defaultSet.prefix(names.count).contains { $0.legalForm == .workersCooperative })
        #expect(DemoFixtures.defaultSet.prefix(names.count).contains { $0.municipalityCode == "58012" })
        #expect(DemoFixtures.defaultSet.prefix(names.count).contains { $0.offerings.contains { $0.kind == .construction } })
    }

    @Test func generatedNamesNeverReuseAnAnchorsBrand() {
        // Search tests expect these words to find exactly the anchor.
        for brand in ["Ordi-Vert", "Saveurs du Partage", "La Ruche", "Le Relais", "Petits Bourgeons", "Petite Grenouille", "Vert Demain",
                      "Récup-Action", "Butineuses", "Jardins du Fleuve", "Vestiaire", "Bons Voisins", "Amis des Sentiers"] {
            let count = DemoFixtures.defaultSet.filter { $0.name.contains(brand) }.count
            #expect(count == 1, "\(brand) appears in \(count) names")
        }
    }

    @Test func otherNamesAndStatusAreCovered() {
        let acronym = anchor("Groupe de récupération environnementale de Longueuil")
        #expect(acronym?.otherNames.contains(OtherName(kind: .trade, name: "GREL")) == true)
        #expect(anchor("Services d'entretien ménager La Ruche (OBNL)")?.otherNames.first?.kind == .legal)
        #expect(anchor("Cantine solidaire Le Comptoir de Saint-Lambert")?.status == .closed)
    }

    @Test func anchorCertificationsMatchTheirNames() {
        for profile in DemoFixtures.defaultSet where profile.name.hasPrefix("CPE ") || profile.name.hasPrefix("Centre de la petite enfance ") {
            #expect(profile.certifications.contains("centre-petite-enfance"), "\(profile.name)")
            #expect((profile.foundedYear ?? 1997) >= 1997, "\(profile.name)")
        }
    }
}
