/// Builds believable random profiles, one per call, remembering names and identifiers already
/// handed out so a set never repeats them.
struct DemoGenerator {
    private let seed: UInt64
    /// Fingerprints of the names handed out: hashing accented `String`s normalises them on every
    /// lookup, which dominated the time for 100,000 synthetic profiles.
    private var usedNames: Set<UInt64> = []
    private var usedNEQs: Set<String> = []
    private var usedDomains: Set<String> = []
    private var nextNumber: [String: Int] = [:]
    private var nextDomainNumber: [String: Int] = [:]

    init(seed: UInt64, reserving profiles: [EnterpriseProfile] = []) {
        self.seed = seed
        for profile in profiles {
            usedNames.insert(Self.fingerprint(profile.name))
            if let neq = profile.neq { usedNEQs.insert(neq) }
        }
    }

    /// How much is known about an enterprise: real lists mix full profiles with bare names.
    private enum Completeness { case minimal, partial, full }

    /// The profile for item `index` of the stream; each item has its own random stream so its
    /// content does not depend on how many draws earlier items needed.
    mutating func make(index: Int, place: DemoPlace, sector: DemoSectorVocabulary) -> EnterpriseProfile {
        var rng = DemoRandom(seed: seed, stream: UInt64(index))
        let roll = rng.unit()
        let completeness: Completeness = roll < 0.07 ? .minimal : (roll < 0.3 ? .partial : .full)

        var context = DemoContext(place: place)
        let naming = name(&rng, sector: sector, context: &context)
        var profile = EnterpriseProfile(name: naming.name, legalForm: context.legalForm)
        profile.sectors = [sector.slug]
        profile.municipalityCode = place.code
        profile.regionCode = place.regionCode
        profile.source = DemoData.sourceLabel
        if rng.chance(0.05) { profile.status = .closed }
        if let certification = naming.certification { profile.certifications.append(certification) }

        if rng.chance(completeness == .minimal ? 0.5 : 0.9) {
            profile.neq = uniqueNEQ(&rng)
        }
        if completeness == .minimal { return profile }

        if rng.chance(0.18), !sector.relatedSectors.isEmpty {
            profile.sectors.append(rng.pick(sector.relatedSectors))
        }
        if rng.chance(0.9) {
            var earliest = max(sector.earliestFounding, naming.earliestFounding ?? 0)
            // Solidarity co-operatives entered the Co-operatives Act in 1997.
            if context.legalForm == .solidarityCooperative { earliest = max(earliest, 1997) }
            profile.foundedYear = rng.int(earliest...2024)
        }
        if rng.chance(0.12) {
            profile.otherNames.append(OtherName(kind: .legal, name: profile.name.uppercased()))
        } else if rng.chance(0.06), naming.brand != profile.name, !naming.brand.isEmpty {
            profile.otherNames.append(OtherName(kind: .trade, name: naming.brand))
        }

        addMission(&profile, &rng, sector: sector, activity: naming.activity, context: context, completeness: completeness)
        addOfferings(&profile, &rng, sector: sector, activity: naming.activity)
        addLocation(&profile, &rng, place: place, full: completeness == .full)
        let domain = uniqueDomain(brand: naming.brand, name: profile.name, place: place)
        addContacts(&profile, &rng, place: place, domain: domain, full: completeness == .full)
        addBenefits(&profile, &rng, sector: sector, context: context, full: completeness == .full)
        for (slug, probability) in sector.certifications where rng.chance(probability) && !profile.certifications.contains(slug) {
            profile.certifications.append(slug)
        }
        addContracts(&profile, &rng, sector: sector, place: place)
        if rng.chance(completeness == .full ? 0.9 : 0.5) {
            profile.lastVerified = DemoIdentifiers.day(offsetFrom2023: rng.int(below: DemoIdentifiers.verificationSpan))
        }
        return profile
    }

    // MARK: - Names

    private struct Naming {
        var name: String
        var brand: String
        var activity: DemoActivity
        var certification: String?
        var earliestFounding: Int?
    }

    private mutating func name(_ rng: inout DemoRandom, sector: DemoSectorVocabulary, context: inout DemoContext) -> Naming {
        var naming = Naming(name: "", brand: "", activity: sector.activities[0])
        for _ in 0..<4 {
            naming = candidateName(&rng, sector: sector, context: &context)
            if !isUsed(naming.name) { break }
        }
        if isUsed(naming.name), !naming.name.hasSuffix(context.place.name) {
            naming.name += " " + DemoFrench.of(context.place.name)
        }
        if isUsed(naming.name) {
            // Registers do hold near-identical names; a number is what hubs add to tell them apart.
            // Remembering the next number per name keeps 100,000 synthetic names linear.
            let base = naming.name
            var number = nextNumber[base, default: 2]
            repeat {
                naming.name = base + " " + String(number)
                number += 1
            } while isUsed(naming.name)
            nextNumber[base] = number
        }
        usedNames.insert(Self.fingerprint(naming.name))
        return naming
    }

    private func isUsed(_ name: String) -> Bool { usedNames.contains(Self.fingerprint(name)) }

    /// FNV-1a over the UTF-8 bytes: stable across runs, and a collision only costs an extra rename.
    static func fingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    private func candidateName(_ rng: inout DemoRandom, sector: DemoSectorVocabulary, context: inout DemoContext) -> Naming {
        let brand = rng.pick(sector.brands)
        context.brand = brand
        if !sector.shapes.isEmpty, rng.chance(sector.shapeShare) {
            let shape = rng.pick(sector.shapes)
            context.legalForm = shape.legalForm
            return Naming(name: shape.template.render(context), brand: brand, activity: shape.activity,
                          certification: shape.certification, earliestFounding: shape.earliestFounding)
        }
        let chosen = rng.pick(sector.activities)
        let form = chosen.legalForms.map { rng.pick($0) }
            ?? sector.legalForms[rng.pickIndex(weights: sector.legalForms.map(\.1))].0
        let activity = chosen.name
        context.legalForm = form
        context.activity = activity
        let place = context.place
        let tag = rng.pick(DemoFrench.tags(for: place))
        let roll = rng.unit()
        let name: String
        if form.isCooperative, sector.slug == "habitation" {
            // Housing co-operatives always say so first: "Coopérative d'habitation Les Lilas".
            name = rng.chance(0.6) ? "Coopérative d'habitation \(brand)" : "Coopérative d'habitation \(brand) \(DemoFrench.of(place.name))"
        } else if form.isCooperative {
            let prefix = Self.cooperativePrefix(form)
            let activityIsCoop = activity.hasPrefix("Coop") || activity.hasSuffix("coopérative")
            switch roll {
            case ..<0.35 where !activityIsCoop: name = "\(prefix) \(activity) \(tag)"
            case ..<0.6: name = "\(prefix) \(brand)"
            case ..<0.75: name = "Coop \(brand) \(DemoFrench.of(place.name))"
            default: name = "\(activity) \(brand)"
            }
        } else {
            switch roll {
            case ..<0.35: name = "\(activity) \(brand)"
            case ..<0.55: name = "\(activity) \(brand) \(DemoFrench.of(place.name))"
            case ..<0.7: name = "\(brand) \(DemoFrench.of(place.name))"
            case ..<0.82: name = "\(activity) \(tag)"
            case ..<0.92 where form == .nonProfit: name = "\(activity) \(brand) (OBNL)"
            default: name = "Groupe \(brand)"
            }
        }
        return Naming(name: name, brand: brand, activity: chosen)
    }

    static func cooperativePrefix(_ form: LegalForm) -> String {
        switch form {
        case .workersCooperative: "Coopérative de travail"
        case .solidarityCooperative: "Coopérative de solidarité"
        case .consumersCooperative: "Coopérative de consommateurs"
        case .producersCooperative: "Coopérative de producteurs"
        case .workerShareholdersCooperative: "Coopérative de travailleurs actionnaires"
        default: "Coopérative"
        }
    }

    private mutating func uniqueNEQ(_ rng: inout DemoRandom) -> String {
        var neq = DemoIdentifiers.neq(&rng)
        while usedNEQs.contains(neq) { neq = DemoIdentifiers.neq(&rng) }
        usedNEQs.insert(neq)
        return neq
    }

    private mutating func uniqueDomain(brand: String, name: String, place: DemoPlace) -> String {
        var domain = DemoFrench.slug(brand.isEmpty ? name : brand, maxLength: 30)
        if usedDomains.contains(domain) { domain += "-" + DemoFrench.slug(place.name, maxLength: 20) }
        if usedDomains.contains(domain) {
            let base = domain
            var number = nextDomainNumber[base, default: 2]
            repeat {
                domain = base + String(number)
                number += 1
            } while usedDomains.contains(domain)
            nextDomainNumber[base] = number
        }
        usedDomains.insert(domain)
        return domain + ".exemple.org"
    }

    // MARK: - Texts

    private func addMission(_ profile: inout EnterpriseProfile, _ rng: inout DemoRandom, sector: DemoSectorVocabulary,
                            activity: DemoActivity, context: DemoContext, completeness: Completeness) {
        guard rng.chance(completeness == .full ? 0.95 : 0.6) else { return }
        var mission = sector.purposes[rng.pick(activity.purposes)].render(context)
        if completeness == .full || rng.chance(0.3) {
            let approach = activity.approaches.map { rng.pick($0) } ?? rng.int(below: sector.approaches.count)
            mission += " " + sector.approaches[approach].render(context)
        }
        if completeness == .full, rng.chance(0.5) {
            let closers = context.legalForm.isCooperative && rng.chance(0.5)
                ? DemoSectorVocabulary.cooperativeClosers : DemoSectorVocabulary.closers
            mission += " " + rng.pick(closers).render(context)
        }
        profile.mission = mission
        if rng.chance(0.42) {
            profile.missionEnglish = rng.pick(sector.englishMissions).render(context)
        }
    }

    private func addOfferings(_ profile: inout EnterpriseProfile, _ rng: inout DemoRandom, sector: DemoSectorVocabulary,
                              activity: DemoActivity) {
        // The core offering always comes first, then others that fit the activity, sometimes one more from the sector.
        let count = 1 + rng.pickIndex(weights: [25, 30, 25, 12, 8])
        var indexes = [activity.offerings[0]] + rng.sample(Array(activity.offerings.dropFirst()), count: count - 1)
        if rng.chance(0.1) {
            let extra = rng.int(below: sector.offerings.count)
            if !indexes.contains(extra) { indexes.append(extra) }
        }
        var templates = indexes.map { sector.offerings[$0] }
        if profile.sectors.count > 1, let related = DemoSectorVocabulary.bySlug[profile.sectors[1]], rng.chance(0.3) {
            let extra = rng.pick(related.offerings)
            if !templates.contains(where: { $0.name == extra.name }) { templates.append(extra) }
        }
        let sellsToMunicipalities = rng.chance(0.72)
        if sellsToMunicipalities, !templates.contains(where: \.municipal) {
            let fitting = activity.offerings.map { sector.offerings[$0] }.filter(\.municipal)
            let candidates = fitting.isEmpty ? sector.offerings.filter(\.municipal) : fitting
            if !candidates.isEmpty { templates.append(rng.pick(candidates)) }
        }
        var offerings: [Offering] = []
        var marked = false
        let lastMunicipal = templates.lastIndex(where: \.municipal)
        for (position, template) in templates.enumerated() {
            // Each fitting offering is usually offered to municipalities; the last one is forced so at least one is.
            let offered = sellsToMunicipalities && template.municipal && (rng.chance(0.85) || (!marked && position == lastMunicipal))
            marked = marked || offered
            offerings.append(Offering(name: template.name, description: rng.chance(0.85) ? template.description : nil,
                                      kind: template.kind, offeredToMunicipalities: offered))
        }
        profile.offerings = offerings
    }

    // MARK: - Location and contacts

    private func addLocation(_ profile: inout EnterpriseProfile, _ rng: inout DemoRandom, place: DemoPlace, full: Bool) {
        if rng.chance(full ? 0.9 : 0.5) {
            let streets = DemoPeople.agglomerationStreets[place.code] ?? DemoPeople.streetNames
            var address = String(rng.int(place.population > 20_000 ? 10...9_999 : 1...1_500)) + ", " + rng.pick(streets)
            if rng.chance(0.15) {
                address += rng.chance(0.5) ? ", bureau " + String(rng.int(100...450)) : ", local " + String(rng.int(1...30))
            }
            profile.address = address
        }
        if rng.chance(full ? 0.85 : 0.4) {
            profile.postalCode = DemoIdentifiers.postalCode(&rng, prefixes: place.postalPrefixes)
        }
        if rng.chance(full ? 0.88 : 0.6) {
            // Degrees around the centre, by town size; small enough that Rive-Sud points stay off the river.
            let spread = place.population > 500_000 ? 0.06 : (place.population > 100_000 ? 0.03 : (place.population > 20_000 ? 0.02 : 0.012))
            let latitude = place.latitude + (rng.unit() - 0.5) * 2 * spread
            let longitude = place.longitude + (rng.unit() - 0.5) * 2 * spread * 1.4
            profile.coordinates = Coordinates(latitude: (latitude * 100_000).rounded() / 100_000,
                                              longitude: (longitude * 100_000).rounded() / 100_000)
        }
        let roll = rng.unit()
        let neighbours = DemoPlace.neighbours[place.code] ?? []
        switch roll {
        case ..<0.42:
            profile.serviceArea = ServiceArea(scope: .regions, codes: [place.regionCode])
        case ..<0.5:
            let other = rng.pick(DemoPlace.neighbouringRegions[place.regionCode] ?? ["16"])
            profile.serviceArea = ServiceArea(scope: .regions, codes: [place.regionCode, other])
        case ..<0.8 where !neighbours.isEmpty:
            let count = rng.int(1...min(3, neighbours.count))
            profile.serviceArea = ServiceArea(scope: .municipalities, codes: [place.code] + neighbours.prefix(count).map(\.code))
        case ..<0.9:
            profile.serviceArea = ServiceArea(scope: .quebec)
        default:
            profile.serviceArea = ServiceArea(scope: .regions, codes: [place.regionCode])
        }
    }

    private func addContacts(_ profile: inout EnterpriseProfile, _ rng: inout DemoRandom, place: DemoPlace, domain: String, full: Bool) {
        if rng.chance(full ? 0.85 : 0.5) {
            profile.phone = DemoIdentifiers.phone(&rng, areaCode: place.areaCode)
        }
        if rng.chance(full ? 0.75 : 0.4) {
            profile.email = rng.pick(["info", "info", "bonjour", "accueil", "administration", "reception"]) + "@" + domain
        }
        if rng.chance(full ? 0.7 : 0.35) {
            profile.website = "https://www." + domain
        }
        guard full || rng.chance(0.2) else { return }
        let count = full ? rng.pickIndex(weights: [20, 40, 28, 12]) : 1
        var managers: [ManagerContact] = []
        for position in 0..<count {
            let woman = rng.chance(0.6)
            let first = rng.pick(woman ? DemoPeople.womenFirstNames : DemoPeople.menFirstNames)
            let last = rng.pick(DemoPeople.lastNames)
            let roleIndex = position == 0 ? rng.int(0...2) : rng.int(3...(DemoPeople.roles.count - 1))
            let role = woman ? DemoPeople.roles[roleIndex].0 : DemoPeople.roles[roleIndex].1
            var manager = ManagerContact(name: first + " " + last, role: rng.chance(0.9) ? role : nil)
            if rng.chance(0.7) {
                manager.email = DemoFrench.slug(first, maxLength: 20).replacingDashes(with: "")
                    + "." + DemoFrench.slug(last, maxLength: 20).replacingDashes(with: "") + "@" + domain
            }
            if rng.chance(0.5) {
                manager.phone = DemoIdentifiers.phone(&rng, areaCode: place.areaCode)
            }
            managers.append(manager)
        }
        profile.managers = managers
    }

    // MARK: - Figures

    private func addBenefits(_ profile: inout EnterpriseProfile, _ rng: inout DemoRandom, sector: DemoSectorVocabulary,
                             context: DemoContext, full: Bool) {
        var benefits = CommunityBenefits()
        if rng.chance(full ? 0.7 : 0.25) {
            var text = rng.pick(sector.benefits).render(context)
            if rng.chance(0.35) { text += " " + rng.pick(DemoSectorVocabulary.genericBenefits).render(context) }
            benefits.text = text
        }
        if rng.chance(full ? 0.75 : 0.3) {
            let size = rng.pickIndex(weights: [50, 35, 15])
            let employees = size == 0 ? rng.int(1...9) : (size == 1 ? rng.int(10...49) : rng.int(50...220))
            benefits.employees = employees
            if let share = sector.integrationShare, rng.chance(0.8) {
                let fraction = share.lowerBound + rng.unit() * (share.upperBound - share.lowerBound)
                benefits.integrationEmployees = Int(Double(employees) * fraction)
            } else if profile.certifications.contains("entreprise-adaptee") {
                benefits.integrationEmployees = Int(Double(employees) * 0.6)
            }
        }
        if rng.chance(full ? 0.5 : 0.15) { benefits.volunteers = rng.int(0...150) }
        if context.legalForm.isCooperative, rng.chance(0.7) {
            benefits.members = context.legalForm == .consumersCooperative ? rng.int(150...4_000) : rng.int(5...120)
        } else if rng.chance(0.3) {
            benefits.members = rng.int(10...400)
        }
        if rng.chance(full ? 0.5 : 0.15) { benefits.peopleServed = rng.int(30...25_000) }
        profile.benefits = benefits
    }

    private func addContracts(_ profile: inout EnterpriseProfile, _ rng: inout DemoRandom, sector: DemoSectorVocabulary, place: DemoPlace) {
        let offered = profile.offerings.filter(\.offeredToMunicipalities)
        guard !offered.isEmpty else { return }
        let count = rng.pickIndex(weights: [40, 25, 18, 10, 7])
        guard count > 0 else { return }
        let neighbours = DemoPlace.neighbours[place.code] ?? []
        var contracts: [MunicipalContract] = []
        for _ in 0..<count {
            let offering = rng.pick(offered)
            let description = Self.contractDescriptions[offering.name] ?? offering.name
            let town = neighbours.isEmpty || rng.chance(0.55) ? place : rng.pick(Array(neighbours.prefix(4)))
            // Log-uniform between 2,000 and 250,000 $: most municipal contracts are small.
            let amount = Int((2_000.0 * pow125(rng.unit()) / 100).rounded()) * 100
            contracts.append(MunicipalContract(municipality: town.name, year: rng.int(2015...2026), description: description,
                                               amount: rng.chance(0.85) ? amount : nil))
        }
        profile.contracts = contracts.sorted { ($0.year, $0.municipality) > ($1.year, $1.municipality) }
    }

    private static let contractDescriptions: [String: String] = Dictionary(
        DemoSectorVocabulary.all.flatMap(\.offerings).compactMap { template in template.contract.map { (template.name, $0) } },
        uniquingKeysWith: { first, _ in first })

    /// 125^x, the factor that spreads amounts from 2,000 $ to 250,000 $; exp and log from the
    /// standard library would need Foundation, so this uses repeated square roots.
    private func pow125(_ x: Double) -> Double {
        var result = 1.0
        var base = 125.0
        var remaining = x
        for _ in 0..<30 {
            base = base.squareRoot()
            remaining *= 2
            if remaining >= 1 {
                result *= base
                remaining -= 1
            }
        }
        return result
    }
}

private extension String {
    func replacingDashes(with replacement: String) -> String {
        split(separator: "-").joined(separator: replacement)
    }
}
