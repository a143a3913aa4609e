/// The parts of xl/workbook.xml that matter here: sheet order, visibility, and the date system.
struct XLSXWorkbook {
    struct Sheet {
        var relationshipId: String
        var hidden: Bool
    }

    var sheets: [Sheet] = []
    var date1904 = false

    static func parse(_ bytes: [UInt8], part: String) throws(SpreadsheetError) -> XLSXWorkbook {
        var workbook = XLSXWorkbook()
        var scanner = XMLScanner(bytes: bytes, part: part)
        while true {
            let token = try scanner.next()
            if case .eof = token { break }
            guard case .start(let tag) = token else { continue }
            if scanner.isNamed(tag, XMLName.sheet) {
                var sheet = Sheet(relationshipId: "", hidden: false)
                var cursor = tag.attributesStart
                while let attribute = scanner.nextAttribute(of: tag, cursor: &cursor) {
                    let value = XMLEscaping.decode(scanner.bytes, attribute.valueStart..<attribute.valueEnd)
                    if attribute.hasPrefix, scanner.matches(XMLName.id, attribute.nameStart, attribute.nameEnd) {
                        sheet.relationshipId = value
                    } else if scanner.matches(XMLName.state, attribute.nameStart, attribute.nameEnd) {
                        sheet.hidden = value == "hidden" || value == "veryHidden"
                    }
                }
                workbook.sheets.append(sheet)
            } else if scanner.isNamed(tag, XMLName.workbookPr) {
                let value = scanner.attribute(XMLName.date1904, of: tag)
                workbook.date1904 = value == "1" || value == "true"
            }
        }
        return workbook
    }
}

/// A part's .rels file: relationship id → type and target.
struct XLSXRelationships {
    struct Relationship {
        var type: String
        var target: String
        var isExternal: Bool
    }

    var byId: [String: Relationship] = [:]
    private var inOrder: [Relationship] = []

    func target(ofTypeSuffix suffix: String) -> String? {
        inOrder.first { $0.type.hasSuffix(suffix) && !$0.isExternal }?.target
    }

    static func parse(_ bytes: [UInt8], part: String) throws(SpreadsheetError) -> XLSXRelationships {
        var relationships = XLSXRelationships()
        var scanner = XMLScanner(bytes: bytes, part: part)
        while true {
            let token = try scanner.next()
            if case .eof = token { break }
            guard case .start(let tag) = token, scanner.isNamed(tag, XMLName.relationship) else { continue }
            var id = ""
            var relationship = Relationship(type: "", target: "", isExternal: false)
            var cursor = tag.attributesStart
            while let attribute = scanner.nextAttribute(of: tag, cursor: &cursor) {
                let value = XMLEscaping.decode(scanner.bytes, attribute.valueStart..<attribute.valueEnd)
                if scanner.matches(XMLName.relationshipId, attribute.nameStart, attribute.nameEnd) {
                    id = value
                } else if scanner.matches(XMLName.type, attribute.nameStart, attribute.nameEnd) {
                    relationship.type = value
                } else if scanner.matches(XMLName.target, attribute.nameStart, attribute.nameEnd) {
                    relationship.target = value
                } else if scanner.matches(XMLName.targetMode, attribute.nameStart, attribute.nameEnd) {
                    relationship.isExternal = value == "External"
                }
            }
            if relationships.byId[id] == nil { relationships.byId[id] = relationship }
            relationships.inOrder.append(relationship)
        }
        return relationships
    }
}
