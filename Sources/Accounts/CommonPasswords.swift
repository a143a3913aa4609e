/// Passwords people choose first (issue 19, item 2): refused even when long enough. The list is
/// the long entries of the usual leaked-password top lists, the Chinese ones among them (拼音,
/// 520/1314, phone-pad and keyboard walks), and patterns no list needs to enumerate: one repeated
/// character, a straight run of digits or letters, a keyboard row. Compared without case.
public enum CommonPasswords {
    static let list: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "123123123123", "123412341234",
        "111111111111", "000000000000", "121212121212", "123321123321", "147258369147", "159753159753", "123456654321",
        "password1234", "password12345", "password123456", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "password@123",
        "password!234", "mypassword123", "passwordpassword", "adminadmin123", "admin1234567", "admin@123456", "administrator",
        "administrator1", "qwertyuiop12", "qwertyuiop123", "qwertyuiopasdf", "qwerty123456", "qwe123qwe123", "1qaz2wsx3edc",
        "1qaz2wsx3edc4rfv", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "q1w2e3r4t5y6", "zaq12wsxcde3", "asdfghjkl123", "zxcvbnm12345",
        "abc123456789", "abcd12345678", "abcdefghijkl", "abc123abc123", "aa1234567890", "a12345678901", "a123456789012",
        "iloveyou1234", "iloveyouiloveyou", "woaini123456", "woaini1314520", "woainiwoaini", "5201314520131", "520131452013",
        "1314520520123", "woaiwojia123", "wangyibo1234", "zhang1234567", "wang123456789", "li1234567890", "liu123456789",
        "chen12345678", "yang12345678", "huang1234567", "zhao12345678", "zhangwei1234", "wangfang1234", "baidu1234567",
        "qq1234567890", "qq123456789", "taobao123456", "weixin123456", "chongqing123", "chongqing1234", "tongliang123",
        "kejiju123456", "kechuang1234", "kechuang123456", "welcome12345", "welcome@1234", "letmein12345", "changeme1234",
        "sunshine1234", "football1234", "baseball1234", "superman1234", "dragon123456", "monkey123456", "master123456",
        "shadow123456", "trustno1trustno1", "starwars1234", "princess1234", "computer1234", "internet1234", "test12345678",
        "testtest1234", "guest1234567", "user12345678", "root12345678", "system123456", "secret123456", "default12345",
        "demo12345678", "qazwsxedcrfv", "qazwsxedc123", "!qaz2wsx3edc", "1234qwerasdf", "1234qwerasdfzxcv", "asdf1234asdf",
    ]

    /// Keyboard rows and digit runs, forwards; a password inside one of these (or its reverse) is a walk.
    static let runs = ["01234567890123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"]

    /// Why `password` is too guessable (in Chinese and English), or nil.
    public static func weakness(_ password: String) -> (zh: String, en: String)? {
        let p = password.lowercased()
        if list.contains(p) { return ("在常用密码名单中", "it is on the list of common passwords") }
        if let first = p.first, p.allSatisfy({ $0 == first }) { return ("只是一个字符的重复", "it repeats one character") }
        for run in runs where run.contains(p) || String(run.reversed()).contains(p) {
            return ("只是键盘或数字顺序", "it is a keyboard or digit sequence")
        }
        // A short piece repeated ("abcabcabcabc", "520520520520").
        let chars = Array(p)
        for size in 1...max(1, chars.count / 2) where chars.count % size == 0 {
            let piece = chars[0..<size]
            if stride(from: 0, to: chars.count, by: size).allSatisfy({ chars[$0..<($0 + size)] == piece }) {
                return ("只是一小段的重复", "it repeats a short piece")
            }
        }
        return nil
    }
}
