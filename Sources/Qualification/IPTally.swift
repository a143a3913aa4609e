import Registry

/// What the rules count in an enterprise's IP, in one pass and without filtered copies (every
/// evaluator reads it; profiled in AssessBenchmark). Only valid IP related to the main
/// products counts for any qualification.
struct IPTally {
    var classI = 0
    var classII = 0
    var classIHighValue = false
    var classISelfDeveloped = false
    /// 高企: class-II IP already used in an application supports no other (工作指引).
    var usableClassI = 0
    var usableClassII = 0
    var usableSelfDeveloped = false

    /// `optimistic` counts every unstated attribute as favourable: the most the IP could earn.
    init(_ ip: [IPItem], optimistic: Bool = false) {
        for item in ip where item.has(.valid, optimistic: optimistic) && item.has(.relatedToMainProduct, optimistic: optimistic) {
            let selfDeveloped = item.has(.selfDeveloped, optimistic: optimistic)
            if item.kind.isClassI {
                classI += 1
                classIHighValue = classIHighValue || item.highValue
                classISelfDeveloped = classISelfDeveloped || selfDeveloped
                usableClassI += 1
            } else {
                classII += 1
                if !item.usedInHighTechApplication { usableClassII += 1 }
            }
            if item.kind.isClassI || !item.usedInHighTechApplication { usableSelfDeveloped = usableSelfDeveloped || selfDeveloped }
        }
    }

    var any: Bool { classI + classII > 0 }
    var anyUsable: Bool { usableClassI + usableClassII > 0 }

    /// The MIIT tables' IP ladder (创新型 and 专精特新): a high-value class-I item, a self-developed
    /// class-I item, any class-I item, class-II only, none.
    enum Tier { case highValueClassI, selfDevelopedClassI, classI, classII, none }
    /// The points of the tier reached, by a table's four steps (none earns 0).
    func points(highValue: Int, selfDeveloped: Int, classI: Int, classII: Int) -> Int {
        switch tier {
        case .highValueClassI: return highValue
        case .selfDevelopedClassI: return selfDeveloped
        case .classI: return classI
        case .classII: return classII
        case .none: return 0
        }
    }

    var tier: Tier {
        classIHighValue ? .highValueClassI : classISelfDeveloped ? .selfDevelopedClassI : classI > 0 ? .classI : classII > 0 ? .classII : .none
    }
}
