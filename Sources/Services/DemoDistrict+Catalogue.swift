import Kernel
import Registry

/// The fixed parts of the demo district: its towns and streets, industry chains and the words
/// enterprise names are made of. Modelled on Tongliang District, Chongqing (行政区划 500151),
/// the district of the letter 铜科局函〔2024〕8号; every enterprise in it is invented.
extension DemoDistrict {
    static let divisionCode = "500151"

    static let townNames = [
        "巴川街道", "东城街道", "南城街道", "蒲吕街道", "旧县街道", "土桥镇", "二坪镇", "水口镇", "安居镇",
        "白羊镇", "平滩镇", "石鱼镇", "福果镇", "维新镇", "大庙镇", "围龙镇", "华兴镇", "永嘉镇", "安溪镇",
        "西河镇", "太平镇", "少云镇", "侣俸镇", "小林镇", "双山镇", "庆隆镇", "高楼镇", "虎峰镇",
    ]

    static var towns: [Town] {
        townNames.enumerated().map { i, name in
            Town(code: divisionCode + zeroPadded3(i + 1), name: name)
        }
    }

    /// The "2+4" industries with their GB/T 4754 classes; the first three have the chain leaders
    /// the letter names (F25).
    static let chainSpecs: [(code: String, name: String, industries: [String], words: [String], leader: String?)] = [
        ("energy-storage", "新型储能", ["C3841", "C3849", "C3825"], ["储能科技", "新能源", "电池材料"], "海辰储能科技"),
        ("motorcycle", "摩托车及电动车", ["C3751", "C3752", "C3670"], ["车业", "摩托车配件", "电动车"], "爱玛车业"),
        ("smart-home", "智能家居", ["C3856", "C2110", "C3979"], ["智能家居", "家居科技", "电器"], "鹿享家科技"),
        ("equipment", "高端装备", ["C3411", "C3511", "C3442"], ["机械制造", "智能装备", "精密机械"], nil),
        ("materials", "新材料", ["C2651", "C3091", "C3311"], ["新材料", "复合材料", "铝业"], nil),
        ("food", "绿色食品", ["C1391", "C1451", "C1524"], ["食品", "农业科技", "生物科技"], nil),
    ]

    static let nameWords = [
        "铜源", "巴岳", "龙城", "安居", "金龙", "华兴", "瑞丰", "鑫达", "宏图", "博远", "恒信", "天成", "中科", "嘉禾",
        "永盛", "聚力", "卓越", "腾飞", "凯达", "明辉", "润泽", "德馨", "精诚", "顺通", "汇智", "众创", "锦程", "新元",
        "星辰", "海川", "信诚", "丰泰", "盛世", "荣昌", "远航", "华宇", "东方", "西部", "渝铜", "涪江",
    ]
}

/// Zero-padded to three digits, without Foundation's format machinery. A free function, not a
/// `String` initialiser: an unlabeled `String.init` reference elsewhere once resolved to it.
func zeroPadded3(_ n: Int) -> String {
    let digits = "\(n)"
    return String(repeating: "0", count: Swift.max(0, 3 - digits.count)) + digits
}
