//! Which strings are Vietnamese syllables.
//!
//! A syllable is an onset (possibly empty) and a rhyme from the closed inventory of Vietnamese
//! rhymes, joined under the spelling rules (k/gh/ngh before a front vowel, c/g/ng elsewhere,
//! `qu` for /kw/, `gi` swallowing a following `i`), with one tone; a syllable that ends in a
//! stop (c ch p t) takes only sắc or nặng.
//!
//! Rather than parse, we generate every valid spelling once (a few thousand strings) and
//! answer by set lookup: the rules then live in one generator that the tests can read, and
//! the exact and folded questions share it.

use super::letters::{apply_shape_mark, classify, is_combining, is_vowel, Tone};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Initial consonants, spelled as Vietnamese spells them. `q` is not here: it is always
/// followed by the glide `u`, so it gets its own rhyme list ([`QU_RHYMES`]).
const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "r", "s", "t", "th", "tr", "v", "x",
];

/// Every rhyme (medial glide + nucleus + coda) as written after an ordinary consonant,
/// without tone.
const RHYMES: &[&str] = &[
    // a ă â
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", //
    // e ê
    "e", "eo", "ec", "em", "en", "eng", "ep", "et", //
    "ê", "êu", "êch", "êm", "ên", "ênh", "êp", "êt", //
    // i, iê (after a consonant) and yê (alone), y
    "i", "ia", "iu", "ich", "im", "in", "inh", "ip", "it", //
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", //
    "yêm", "yên", "yêt", "yêu", "y", //
    // o, and o as the glide before a ă e
    "o", "oi", "oc", "om", "on", "ong", "op", "ot", "oong", "ooc", //
    "oa", "oai", "oay", "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat", //
    "oăc", "oăm", "oăn", "oăng", "oăt", //
    "oe", "oen", "oeo", "oet", //
    // ô ơ
    "ô", "ôi", "ôc", "ôm", "ôn", "ông", "ôp", "ôt", //
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", //
    // u, uô, and u as the glide before â ê y ơ
    "u", "ua", "ui", "uc", "um", "un", "ung", "up", "ut", //
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt", //
    "uân", "uâng", "uât", "uây", //
    "uê", "uêch", "uênh", //
    "uy", "uya", "uych", "uyên", "uyêt", "uynh", "uyt", "uyu", //
    "uơ",  //
    // ư ươ
    "ư", "ưa", "ưi", "ưu", "ưc", "ưm", "ưn", "ưng", "ưt", //
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
];

/// What may follow `qu`: the glide is the `u` of `qu`, so "quốc" is `qu` + `ôc` and "quy" is
/// `qu` + `y`.
const QU_RHYMES: &[&str] = &[
    "a", "ai", "ay", "ao", "au", "ac", "ach", "an", "ang", "anh", "at", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    "ân", "âng", "ât", "ây", //
    "e", "eo", "en", "eng", "et", //
    "ê", "êch", "ên", "ênh", "êt", //
    "i", "it", //
    "y", "ych", "ynh", "yt", "yên", "yêt", //
    "ơ", "ơi", "ôc",
];

/// Established spellings of place names from minority languages that break the c/k rule or
/// end in `k`: Bắc Kạn, Hồng Kông and Mê Kông, Kon Tum, Đắk Lắk and Đắk Nông.
const PLACE_NAME_SPELLINGS: &[&str] = &["kan", "kông", "kon", "đăk", "lăk"];

/// Onsets after which `y` alone is an accepted spelling of /i/ ("kỳ", "lý", "mỹ", "thy").
const Y_ONSETS: &[&str] = &["", "h", "k", "l", "m", "n", "s", "t", "th", "v", "x"];

fn starts_front(rhyme: &str) -> bool {
    rhyme.starts_with(['i', 'e', 'ê'])
}

/// A rhyme that opens with the labial glide: `o` before a ă e, or `u` before â ê y ơ.
fn has_glide(rhyme: &str) -> bool {
    let mut chars = rhyme.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('o'), Some('a' | 'ă' | 'e')) | (Some('u'), Some('â' | 'ê' | 'y' | 'ơ'))
    )
}

/// Whether `onset` may be written before `rhyme`. `gi` and `qu` are handled by the generator.
fn onset_takes(onset: &str, rhyme: &str) -> bool {
    if rhyme.starts_with("yê") {
        return onset.is_empty();
    }
    if rhyme.starts_with("iê") && onset.is_empty() {
        return false;
    }
    if rhyme == "y" {
        return Y_ONSETS.contains(&onset);
    }
    // The loan rhymes of "boong", "xoong", "loong coong", "moóc", "soóc" occur with these
    // onsets only; elsewhere "oo" is a Telex ô ("khoong" is "không").
    if rhyme == "oong" {
        return matches!(onset, "b" | "c" | "l" | "x");
    }
    if rhyme == "ooc" {
        return matches!(onset, "m" | "s");
    }
    match onset {
        "k" => starts_front(rhyme),
        "gh" | "ngh" => starts_front(rhyme),
        "c" => !starts_front(rhyme) && !has_glide(rhyme),
        "g" | "ng" => !starts_front(rhyme),
        _ => true,
    }
}

/// Calls `f` with every valid toneless spelling (lower-case, shape marks kept).
fn for_each_spelling(mut f: impl FnMut(String)) {
    for &onset in ONSETS {
        for &rhyme in RHYMES {
            if onset == "gi" {
                // "gia", "giữa": gi + rhyme; "gì", "giếng": gi absorbs the rhyme's own i.
                if !rhyme.starts_with(['i', 'y']) && onset_takes(onset, rhyme) {
                    f(format!("gi{rhyme}"));
                }
                if let Some(rest) = rhyme.strip_prefix('i') {
                    f(format!("gi{rest}"));
                }
            } else if onset_takes(onset, rhyme) {
                f(format!("{onset}{rhyme}"));
            }
        }
    }
    for &rest in QU_RHYMES {
        f(format!("qu{rest}"));
    }
    for &name in PLACE_NAME_SPELLINGS {
        f(name.to_string());
    }
}

struct Inventory {
    /// Toneless spellings with shape marks: "đai", "nghiêng".
    spellings: HashSet<String>,
    /// The same with every mark removed and đ → d: "dai", "nghieng".
    folded: HashSet<String>,
}

static INVENTORY: LazyLock<Inventory> = LazyLock::new(|| {
    let mut spellings = HashSet::new();
    let mut folded = HashSet::new();
    for_each_spelling(|s| {
        folded.insert(s.chars().map(|c| classify(c).folded).collect());
        spellings.insert(s);
    });
    Inventory { spellings, folded }
});

/// Syllables that end in a stop (c ch p t, and the k of "Đắk") take only sắc or nặng.
fn tone_fits(spelling: &str, tone: Tone) -> bool {
    let checked = spelling.ends_with(['c', 'k', 'p', 't']) || spelling.ends_with("ch");
    !checked || matches!(tone, Tone::Acute | Tone::Dot)
}

/// Every valid toneless spelling (lower-case, shape marks kept), in no particular order.
pub fn spellings() -> impl Iterator<Item = &'static str> {
    INVENTORY.spellings.iter().map(String::as_str)
}

/// Whether lower-case toneless `bases` with `tone` spell a Vietnamese syllable.
pub fn is_valid_parts(bases: &[char], tone: Tone) -> bool {
    let spelling: String = bases.iter().collect();
    INVENTORY.spellings.contains(&spelling) && tone_fits(&spelling, tone)
}

/// Splits a word (NFC or NFD, any case) into lower-case toneless letters and its tone.
/// `None` for anything that is not one Vietnamese-lettered word: digits, punctuation, stray
/// or unknown combining marks, two tone marks, or a tone on a consonant.
pub fn read_letters(word: &str) -> Option<(Vec<char>, Tone)> {
    let mut bases: Vec<char> = Vec::with_capacity(word.len());
    let mut tone = Tone::Level;
    let mut set_tone = |t: Tone, on: char| {
        if tone != Tone::Level || !is_vowel(on) {
            return false;
        }
        tone = t;
        true
    };
    for c in word.chars() {
        if is_combining(c) {
            let last = bases.last_mut()?;
            if let Some(t) = Tone::from_combining(c) {
                if !set_tone(t, *last) {
                    return None;
                }
            } else {
                *last = apply_shape_mark(*last, c)?;
            }
            continue;
        }
        let letter = classify(c);
        if !is_vietnamese_letter(letter.base) {
            return None;
        }
        if letter.tone != Tone::Level && !set_tone(letter.tone, letter.base) {
            return None;
        }
        bases.push(letter.base);
    }
    Some((bases, tone))
}

/// The 29 letters of the Vietnamese alphabet plus f j w z (which occur in no syllable but are
/// letters all the same: rejecting them is the inventory's job).
fn is_vietnamese_letter(base: char) -> bool {
    base.is_ascii_lowercase() || matches!(base, 'ă' | 'â' | 'đ' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Whether `word` is one Vietnamese syllable, written with or without its marks ("đại",
/// "nghiêng", "khuỷu", "quốc"; also "hoà" and "hòa"). Upper case is accepted. A word
/// without marks is checked as a toneless syllable: "dai" is valid, "ddai" and "dangr" are
/// not.
pub fn is_vietnamese_syllable(word: &str) -> bool {
    match read_letters(word) {
        Some((bases, tone)) => !bases.is_empty() && is_valid_parts(&bases, tone),
        None => false,
    }
}

/// Whether `word`, with its marks removed, could be some Vietnamese syllable ("dai" for
/// "đại", "đài", "dài", ...; "tu" for "tư", "từ", "tu", ...).
pub fn is_folded_syllable(word: &str) -> bool {
    if word.is_empty() || word.len() > 16 {
        return false;
    }
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        if is_combining(c) {
            continue;
        }
        let letter = classify(c);
        if !is_vietnamese_letter(letter.base) {
            return false;
        }
        folded.push(letter.folded);
    }
    INVENTORY.folded.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_real_syllables() {
        let words = "
            đại hội đảng nghiêng khuỷu quốc giữa gì gìn giếng giết giêng người trường việt nam
            thành ủy uỷ hoá hóa thuở huơ khuya quyết quyển quýt quy qui quê qua quen quên quới
            kỳ ký kế kiên ghi ghế nghề nghỉ ngoài nguy ngoặc xoong boong soóc khuếch huỳnh huỵch
            tuần luật khuâng khuấy yêu yên ý ỉa ích ương oà uy rượu hươu mưa gửi đẹp xẻng lớp vợt
            tập học sách ếch ạch ngoạm hoắm lý mỹ sỹ thy giuộc xuân chuyện thuyền quơ nga ĐẠI Đảng
            kạn kông kon đắk lắk Đắk a ơ ư e y o ô i u ê
        ";
        for w in words.split_whitespace() {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
        // NFD: the marks arrive as combining characters.
        for w in [
            "ca\u{301}",
            "ke\u{300}",
            "vie\u{302}\u{323}t",
            "d\u{335}a\u{323}i",
        ] {
            assert!(is_vietnamese_syllable(w), "{w:?}");
        }
    }

    #[test]
    fn rejects_non_syllables() {
        let words = "
            ddaij hooij dangr da9i ddai cá1 kam ci ghá ngi ngh ngha gha coa cuy quo qo iên tyêu
            khy ă â hello xyz str hóá ḿ bàc tảt mẽp cãch học1 ươ uơn qu ooi ongg khoong oong tooc
            ghy chy đy dz fa ja wa za bw bàt tràp xá- дa
        ";
        for w in words.split_whitespace() {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
        for w in [
            "",
            "\u{301}a",
            "ky\u{0}",
            "ke\u{300}\u{301}",
            "an ",
            "ac\u{300}",
            "gi\u{335}",
        ] {
            assert!(!is_vietnamese_syllable(w), "{w:?}");
        }
    }

    #[test]
    fn checked_syllables_take_only_acute_or_dot() {
        for w in ["tốt", "tột", "bạch", "sách", "đắk", "lắk"] {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
        for w in ["tồt", "tổt", "tỗt", "tôt", "bach", "lăk", "đằk"] {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
        assert!(is_vietnamese_syllable("banh"));
    }

    #[test]
    fn folded_syllables() {
        let valid = "
            dai hoi dang bo tu sa da nghieng khuyu quoc giua gi nguoi truong viet thuy uy yeu ich
            DAI Đai bach tot vi xi li mi di i quy qui ky ki quo
        ";
        for w in valid.split_whitespace() {
            assert!(is_folded_syllable(w), "{w}");
        }
        let invalid = "
            ddaij hooij dangr da9i ddai x v l iii ii iv ix xii xv ubnd tw hcm ci hello xyz dz tp
            dc a-b ngi qo khoong
        ";
        for w in invalid.split_whitespace() {
            assert!(!is_folded_syllable(w), "{w}");
        }
        assert!(!is_folded_syllable(""));
        assert!(!is_folded_syllable("ke\u{1}"));
    }

    #[test]
    fn inventory_is_sane() {
        let inv = &*INVENTORY;
        assert!(inv.spellings.len() > 2500, "{}", inv.spellings.len());
        for s in &inv.spellings {
            assert!(s.chars().all(is_vietnamese_letter), "{s}");
            assert!(s.chars().any(is_vowel), "{s}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_exact_implies_folded(s in any::<String>()) {
            let exact = is_vietnamese_syllable(&s);
            let folded = is_folded_syllable(&s);
            prop_assert!(!exact || folded, "{:?}", s);
        }

        #[test]
        fn marked_syllables_fold_to_valid_ones(s in "[a-zđăâêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,7}") {
            if is_vietnamese_syllable(&s) {
                prop_assert!(is_folded_syllable(&s), "{}", s);
            }
        }
    }
}
