/// Clean-up applied to every cell before its value is interpreted.
public enum ImportCell {
    /// What spreadsheets and statistics tools write for "no value".
    /// (`N/D`, « non disponible », and `S/O`, « sans objet », are the French ones.)
    static let missingMarkers: Set<String> = ["", "na", "n/a", "-", "#n/a", "n/d", "n.d.", "s/o", "n.a."]

    /// The trimmed value, or nil for a missing one. A leading apostrophe before `=`, `+`, `-` or `@`
    /// is how ``CSVWriter`` keeps spreadsheets from running a cell as a formula: it is removed so
    /// that our own exports import back unchanged.
    public static func value(_ raw: String) -> String? {
        let trimmed = String(ImportText.trimmed(raw))
        if trimmed.utf8.count <= 4, missingMarkers.contains(trimmed.lowercased()) { return nil }
        if trimmed.hasPrefix("'"), let second = trimmed.unicodeScalars.dropFirst().first,
           ["=", "+", "-", "@"].contains(second) {
            return String(trimmed.dropFirst())
        }
        return trimmed
    }
}
