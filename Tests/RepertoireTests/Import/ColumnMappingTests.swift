import Foundation
import Testing
@testable import Repertoire

@Suite("Proposing a column mapping")
struct ColumnMappingTests {
    @Test func reqHeaders() {
        let headers = ["NEQ", "NomEntreprise", "Adresse", "Municipalite", "Adresse_Lign3", "CodePostal", "SecteurActivite",
                       "FormeJuridique", "lat", "long"]
        let mapping = ColumnMapping.propose(headers: headers)
        #expect(mapping.columns.map(\.field) == [.neq, .name, .address, .municipality, .addressLine2, .postalCode, .activity,
                                                 .legalForm, .latitude, .longitude])
        #expect(mapping.problems.isEmpty)
    }

    @Test(arguments: [
        ("Nom", ImportField.name), ("Raison sociale", .name), ("Name", .name), ("Municipalité", .municipality),
        ("MUNICIPALITE", .municipality), ("Ville", .municipality), ("City", .municipality), ("Code postal", .postalCode),
        ("code_postal", .postalCode), ("Secteur", .sectors), ("Secteurs d'activité", .sectors), ("Site web", .website),
        ("SiteWeb", .website), ("Courriel", .email), ("E-mail", .email), ("Téléphone", .phone), ("Telephone", .phone),
        ("Forme juridique", .legalForm), ("latitude", .latitude), ("lng", .longitude), ("Longitude", .longitude),
        ("Région administrative", .region), ("Nom commercial", .otherName), ("Année de fondation", .foundedYear),
        ("Certifications", .certifications), ("Source", .source), ("lastVerified", .lastVerified), ("Remarques", .ignored),
    ])
    func synonyms(header: String, field: ImportField) {
        #expect(ColumnMapping.propose(headers: [header]).columns.first?.field == field)
    }

    @Test func aFieldGoesToItsFirstColumnOnly() {
        let mapping = ColumnMapping.propose(headers: ["Nom", "Name", "Ville"])
        #expect(mapping.columns.map(\.field) == [.name, .ignored, .municipality])
    }

    @Test func problemsAreReportedInFrench() {
        var mapping = ColumnMapping.propose(headers: ["Adresse", "lat"])
        #expect(mapping.problems.count == 3)
        mapping.columns[0].field = .name
        mapping.columns.append(.init(header: "Autre", field: .name))
        #expect(mapping.problems.contains("Le champ « Nom » est associé à plusieurs colonnes."))
    }

    @Test func savedMappingIsReusedByHeaderWhateverTheOrder() {
        var saved = ColumnMapping.propose(headers: ["Nom", "Ville", "Remarques"])
        saved.columns[2].field = .mission // corrected by a person
        let reused = saved.reused(for: ["REMARQUES", "Nom", "Téléphone", "Ville"])
        #expect(reused.columns.map(\.field) == [.mission, .name, .phone, .municipality])
    }

    @Test func mappingIsCodableForReuse() throws {
        let mapping = ColumnMapping.propose(headers: ["NEQ", "Nom", "Ville", "Bidule"])
        let data = try JSONEncoder().encode(mapping)
        #expect(String(decoding: data, as: UTF8.self).contains("\"field\":\"neq\""))
        #expect(try JSONDecoder().decode(ColumnMapping.self, from: data) == mapping)
    }
}

@Suite("Reading values")
struct ValueParsersTests {
    @Test(arguments: [
        ("COP", LegalForm.cooperative), ("APE", .nonProfit), ("ASS", .nonProfit), ("coopérative", .cooperative),
        ("Coop de travail", .workersCooperative), ("Coopérative de solidarité", .solidarityCooperative),
        ("coop. de consommateurs", .consumersCooperative), ("OBNL", .nonProfit), ("OSBL", .nonProfit),
        ("organisme sans but lucratif", .nonProfit), ("Organisme à but non lucratif (OBNL)", .nonProfit),
        ("mutuelle", .mutual), ("cooperative-solidarite", .solidarityCooperative), ("Workers' co-operative", .workersCooperative),
    ])
    func legalForms(text: String, form: LegalForm) {
        #expect(ValueParsers.legalForm(text) == form)
    }

    @Test func unknownLegalForm() {
        #expect(ValueParsers.legalForm("SENC") == nil)
    }

    @Test func sectorsBySlugOrName() {
        #expect(ValueParsers.sector("habitation")?.slug == "habitation")
        #expect(ValueParsers.sector("HABITATION")?.slug == "habitation")
        #expect(ValueParsers.sector("Arts, culture et patrimoine")?.slug == "arts-culture-patrimoine")
        #expect(ValueParsers.sector("Early childhood and family")?.slug == "petite-enfance-famille")
        #expect(ValueParsers.sector("SERVICE DE GARDE À L'ENFANCE") == nil)
    }

    @Test func regions() {
        for text in ["Estrie (05)", "05", "5", "Estrie", "estrie", "Région de l'Estrie"] {
            #expect(ValueParsers.region(text)?.code == "05", "\(text)")
        }
        #expect(ValueParsers.region("Saguenay–Lac-Saint-Jean")?.code == "02")
        #expect(ValueParsers.region("Atlantide") == nil)
    }

    @Test func municipalities() {
        let resolver = MunicipalityResolver(catalog: ImportFixtures.catalog)
        for text in ["Trois-Rivières (Québec)", "TROIS-RIVIÈRES (QUÉBEC)", "Trois-Rivieres", "trois rivières", "TROIS-RIVIÈRES QC", "37067"] {
            #expect(resolver.resolve(text).municipality?.code == "37067", "\(text)")
        }
        #expect(resolver.resolve("St-Boniface (Québec)").municipality?.code == "35045")
        #expect(resolver.resolve("SAINT-ROCH-DE-MEKINAC").municipality?.code == "35005")
        #expect(resolver.resolve("Trois-Rives") == .unknown)
        #expect(resolver.resolve("99999") == .unknown)
    }

    @Test func sharedNamesNeedARegion() {
        let resolver = MunicipalityResolver(catalog: ImportFixtures.catalog)
        guard case .ambiguous(let candidates) = resolver.resolve("Saint-Stanislas (Québec)") else {
            Issue.record("expected ambiguous")
            return
        }
        #expect(Set(candidates.map(\.code)) == ["37235", "91015"])
        #expect(resolver.resolve("St-Stanislas", regionCodes: ["02"]).municipality?.code == "91015")
    }

    @Test func formerMunicipalitiesPointToTheirSuccessor() {
        let resolver = MunicipalityResolver(catalog: ImportFixtures.catalog)
        #expect(resolver.resolve("SHAWINIGAN-SUD (QUÉBEC)") == .found(ImportFixtures.catalog.municipality(code: "36033")!, formerName: "Shawinigan-Sud"))
    }
}

@Suite("French title case")
struct FrenchTitleCaseTests {
    @Test(arguments: [
        ("L'ARBRE ENCHANTÉ", "L'Arbre Enchanté"),
        ("CENTRE DE LA PETITE ENFANCE L'ARBRE ENCHANTÉ", "Centre de la Petite Enfance L'Arbre Enchanté"),
        ("SOCIÉTÉ D'HABITATION COMMUNAUTAIRE DU CENTRE DU QUÉBEC", "Société d'Habitation Communautaire du Centre du Québec"),
        ("SAINT-ROCH-DE-MÉKINAC", "Saint-Roch-de-Mékinac"),
        ("ORGANISATION DES TERRAINS DE JEUX ET DE LOISIRS DE ST-ROCH-DE-MÉKINAC", "Organisation des Terrains de Jeux et de Loisirs de St-Roch-de-Mékinac"),
        ("CPE LA SOURIS VERTE", "CPE la Souris Verte"),
        ("LES OBLATES MISSIONNAIRES", "Les Oblates Missionnaires"),
        ("ASSOCIATION DE L'OUEST (1996)", "Association de l'Ouest (1996)"),
        ("D'UN JOUR À L'AUTRE", "D'Un Jour à l'Autre"),
        ("HLM DE LA TUQUE", "HLM de la Tuque"),
        ("ÉCOLE ÎLE-AUX-ŒUFS", "École Île-aux-Œufs"),
    ])
    func converts(input: String, expected: String) {
        #expect(FrenchTitleCase.convert(input) == expected)
    }

    @Test func onlyNamesInCapitalsAreConverted() {
        #expect(FrenchTitleCase.isAllCapitals("CPE L'ARBRE 2"))
        #expect(!FrenchTitleCase.isAllCapitals("Carrefour Jeunesse"))
        #expect(!FrenchTitleCase.isAllCapitals("1234"))
    }
}
