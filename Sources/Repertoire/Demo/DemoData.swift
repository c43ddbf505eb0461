/// Fictional but realistic enterprises for demonstrations, benchmarks and search tests.
/// Everything is derived from a seed with a private generator, so a seed always yields the same data.
public enum DemoData {
    public static let sourceLabel = "Données fictives de démonstration — générées par Répertoire"

    /// The municipalities the demo data uses, real ones with their official MAMH codes.
    public static let municipalities: [Municipality] = DemoPlace.all.map(\.municipality)

    /// The names of the hand-written profiles that open ``defaultSet(seed:)``, for search tests.
    public static let anchorNames: [String] = DemoAnchors.all.map(\.name)

    /// How many generated enterprises the default set places in the Longueuil agglomeration and elsewhere.
    static let agglomerationCount = 440
    static let elsewhereCount = 1_600
    /// Each sector gets at least this many generated enterprises in the agglomeration.
    static let agglomerationSectorFloor = 22
    /// Each region gets at least this many generated enterprises.
    static let regionFloor = 30

    /// The default demo set: the anchors, then enterprises in the five cities of the Longueuil
    /// agglomeration covering every sector, then enterprises across all 17 regions.
    public static func defaultSet(seed: UInt64 = 2026) -> [EnterpriseProfile] {
        let anchors = DemoAnchors.all
        var generator = DemoGenerator(seed: seed, reserving: anchors)
        var rng = DemoRandom(seed: seed, stream: .max)
        var plan: [(DemoPlace, DemoSectorVocabulary)] = []

        let sectors = DemoSectorVocabulary.all
        var agglomerationSectors = sectors.flatMap { Array(repeating: $0, count: agglomerationSectorFloor) }
        while agglomerationSectors.count < agglomerationCount { agglomerationSectors.append(weightedSector(&rng)) }
        shuffle(&agglomerationSectors, &rng)
        let cityWeights = [45, 20, 14, 11, 10]
        for sector in agglomerationSectors {
            plan.append((DemoPlace.agglomeration[rng.pickIndex(weights: cityWeights)], sector))
        }

        let others = DemoPlace.outsideAgglomeration
        var places: [DemoPlace] = []
        for region in Region.all {
            let inRegion = others.filter { $0.regionCode == region.code }
            for index in 0..<regionFloor { places.append(inRegion[index % inRegion.count]) }
        }
        let weights = others.map { populationWeight($0) }
        while places.count < elsewhereCount { places.append(others[rng.pickIndex(weights: weights)]) }
        shuffle(&places, &rng)
        for place in places { plan.append((place, weightedSector(&rng))) }

        var profiles = anchors
        profiles.reserveCapacity(anchors.count + plan.count)
        for (index, (place, sector)) in plan.enumerated() {
            profiles.append(generator.make(index: index, place: place, sector: sector))
        }
        return profiles
    }

    /// Exactly `count` generated enterprises (no anchors) spread over every demo municipality, for benchmarks.
    public static func synthetic(count: Int, seed: UInt64) -> [EnterpriseProfile] {
        Array(SyntheticBatches(count: count, seed: seed, batchSize: max(1, count)).joined())
    }

    /// The same profiles as ``synthetic(count:seed:)``, made a batch at a time as they are asked
    /// for: a large set can be written while its end is still being made.
    public struct SyntheticBatches: Sequence, IteratorProtocol, Sendable {
        private var generator: DemoGenerator
        private var rng: DemoRandom
        private var index = 0
        private let count: Int
        private let batchSize: Int
        private static let weights = DemoPlace.all.map { populationWeight($0) }

        public init(count: Int, seed: UInt64, batchSize: Int) {
            // Anchor names stay reserved so a benchmark loaded next to the default set never duplicates them.
            generator = DemoGenerator(seed: seed, reserving: DemoAnchors.all)
            rng = DemoRandom(seed: seed, stream: .max)
            self.count = Swift.max(0, count)
            self.batchSize = Swift.max(1, batchSize)
        }

        public mutating func next() -> [EnterpriseProfile]? {
            guard index < count else { return nil }
            let end = Swift.min(count, index + batchSize)
            var batch: [EnterpriseProfile] = []
            batch.reserveCapacity(end - index)
            while index < end {
                let place = DemoPlace.all[rng.pickIndex(weights: Self.weights)]
                batch.append(generator.make(index: index, place: place, sector: weightedSector(&rng)))
                index += 1
            }
            return batch
        }
    }

    private static let sectorWeights = DemoSectorVocabulary.all.map(\.weight)

    private static func weightedSector(_ rng: inout DemoRandom) -> DemoSectorVocabulary {
        DemoSectorVocabulary.all[rng.pickIndex(weights: sectorWeights)]
    }

    /// Square root of the population: big cities get more enterprises, small towns still get some.
    private static func populationWeight(_ place: DemoPlace) -> Int {
        max(1, Int(Double(place.population).squareRoot()))
    }

    private static func shuffle<T>(_ items: inout [T], _ rng: inout DemoRandom) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, rng.int(0...index))
        }
    }
}
