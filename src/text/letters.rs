//! Table-driven facts about Latin letters as Vietnamese uses them.
//!
//! Every precomposed letter in the ranges Vietnamese needs is mapped once, at first use, to
//! its lower-case *base* (the letter with its shape marks — ă â ê ô ơ ư đ — but without a tone
//! mark), its tone, and its ASCII fold. The tokenizer then classifies each character with one
//! array lookup instead of decomposing it.

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The six Vietnamese tones. `Level` (thanh ngang) carries no mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Tone {
    Level = 0,
    /// sắc, U+0301
    Acute = 1,
    /// huyền, U+0300
    Grave = 2,
    /// hỏi, U+0309
    Hook = 3,
    /// ngã, U+0303
    Tilde = 4,
    /// nặng, U+0323
    Dot = 5,
}

impl Tone {
    /// Every tone, `Level` first, in the order of the enum.
    pub const ALL: [Tone; 6] = [
        Tone::Level,
        Tone::Acute,
        Tone::Grave,
        Tone::Hook,
        Tone::Tilde,
        Tone::Dot,
    ];

    /// The tone a combining mark stands for, if it is a tone mark.
    pub fn from_combining(c: char) -> Option<Tone> {
        match c {
            '\u{0301}' | '\u{0341}' => Some(Tone::Acute),
            '\u{0300}' | '\u{0340}' => Some(Tone::Grave),
            '\u{0309}' => Some(Tone::Hook),
            '\u{0303}' => Some(Tone::Tilde),
            '\u{0323}' => Some(Tone::Dot),
            _ => None,
        }
    }

    fn combining(self) -> Option<char> {
        match self {
            Tone::Level => None,
            Tone::Acute => Some('\u{0301}'),
            Tone::Grave => Some('\u{0300}'),
            Tone::Hook => Some('\u{0309}'),
            Tone::Tilde => Some('\u{0303}'),
            Tone::Dot => Some('\u{0323}'),
        }
    }
}

/// What the table knows of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    /// Lower-case letter with shape marks kept and the tone removed ('Ở' → 'ơ').
    pub base: char,
    pub tone: Tone,
    /// The base with every mark removed and đ → d ('ơ' → 'o'); the base itself where no ASCII
    /// letter is underneath (Cyrillic, CJK).
    pub folded: char,
}

/// The twelve Vietnamese vowel bases.
pub fn is_vowel(base: char) -> bool {
    matches!(
        base,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// Vowels that carry a shape mark; a tone goes on them in preference to plain vowels.
pub fn is_marked_vowel(base: char) -> bool {
    matches!(base, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

const LOW_END: u32 = 0x250; // Basic Latin through Latin Extended-B
const EXT_START: u32 = 0x1E00; // Latin Extended Additional (ạ … ỹ live here)
const EXT_END: u32 = 0x1F00;

struct Tables {
    low: Vec<Letter>,
    ext: Vec<Letter>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| Tables {
    low: (0..LOW_END).map(classify_slow_code).collect(),
    ext: (EXT_START..EXT_END).map(classify_slow_code).collect(),
});

fn classify_slow_code(code: u32) -> Letter {
    let c = char::from_u32(code).unwrap_or('\u{FFFD}');
    classify_slow(c)
}

/// Decomposes `c` and reads its tone and base. Used only to fill the tables, and for letters
/// outside them.
fn classify_slow(c: char) -> Letter {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower == 'đ' {
        return Letter {
            base: 'đ',
            tone: Tone::Level,
            folded: 'd',
        };
    }
    let mut tone = Tone::Level;
    let mut shape_marks = String::new();
    let mut root = None;
    for d in lower.nfd() {
        if let Some(t) = Tone::from_combining(d) {
            tone = t;
        } else if root.is_none() {
            root = Some(d);
        } else {
            shape_marks.push(d);
        }
    }
    let root = root.unwrap_or(lower);
    let base = if shape_marks.is_empty() {
        root
    } else {
        std::iter::once(root)
            .chain(shape_marks.chars())
            .nfc()
            .next()
            .unwrap_or(root)
    };
    let folded = if root.is_ascii() { root } else { base };
    Letter { base, tone, folded }
}

/// Whether `c` is answered by the tables of [`classify`] (whose bases are lower case already)
/// rather than by decomposition.
#[inline]
pub fn in_tables(c: char) -> bool {
    let code = c as u32;
    code < LOW_END || (EXT_START..EXT_END).contains(&code)
}

/// Classifies one character (any case). Characters outside the tables are classified by
/// decomposition, which is slower but still correct.
#[inline]
pub fn classify(c: char) -> Letter {
    let code = c as u32;
    if code < LOW_END {
        TABLES.low[code as usize]
    } else if (EXT_START..EXT_END).contains(&code) {
        TABLES.ext[(code - EXT_START) as usize]
    } else {
        classify_slow(c)
    }
}

/// Applies a shape mark (circumflex, breve, horn) to a base letter: the NFD case, where the
/// mark arrives as its own character after the letter.
pub fn apply_shape_mark(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{0302}') => 'â',
        ('e', '\u{0302}') => 'ê',
        ('o', '\u{0302}') => 'ô',
        ('a', '\u{0306}') => 'ă',
        ('o', '\u{031B}') => 'ơ',
        ('u', '\u{031B}') => 'ư',
        ('d', '\u{0335}') => 'đ',
        _ => return None,
    })
}

/// Whether `c` is a combining mark that belongs to the letter before it.
#[inline]
pub fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// The precomposed lower-case letter for a base and a tone ('ơ', Hook → 'ở').
#[inline]
pub fn with_tone(base: char, tone: Tone) -> char {
    if tone == Tone::Level {
        return base;
    }
    match VOWELS.iter().position(|&v| v == base) {
        Some(i) => TONED[i][tone as usize],
        None => compose_tone(base, tone),
    }
}

/// The twelve vowel bases, which every tone mark sits on in Vietnamese.
const VOWELS: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// `TONED[v][t]`: vowel `v` of [`VOWELS`] with tone `t`, composed once.
static TONED: LazyLock<[[char; 6]; 12]> = LazyLock::new(|| {
    let mut table = [['\0'; 6]; 12];
    for (i, &v) in VOWELS.iter().enumerate() {
        for t in Tone::ALL {
            table[i][t as usize] = compose_tone(v, t);
        }
    }
    table
});

fn compose_tone(base: char, tone: Tone) -> char {
    match tone.combining() {
        None => base,
        Some(mark) => [base, mark].into_iter().nfc().next().unwrap_or(base),
    }
}

/// Whether `c` is a letter or digit (`char::is_alphanumeric`), with the Latin letters
/// Vietnamese uses answered from a table instead of Unicode's slow lookup.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let code = c as usize;
    if code < ALNUM_END {
        ALNUM[code]
    } else {
        c.is_alphanumeric()
    }
}

/// Characters below this are answered by [`ALNUM`]: Latin through Latin Extended Additional,
/// Greek Extended and General Punctuation (the curly quotes, dashes and ellipses of news
/// text, which Unicode's own lookup answers slowly: a fifth of tokenizing time).
const ALNUM_END: usize = 0x2100;

static ALNUM: LazyLock<Vec<bool>> = LazyLock::new(|| {
    (0..ALNUM_END as u32)
        .map(|code| char::from_u32(code).is_some_and(char::is_alphanumeric))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_vietnamese_letters() {
        assert_eq!(
            classify('Ở'),
            Letter {
                base: 'ơ',
                tone: Tone::Hook,
                folded: 'o'
            }
        );
        assert_eq!(classify('ặ').base, 'ă');
        assert_eq!(classify('ặ').tone, Tone::Dot);
        assert_eq!(classify('Đ').folded, 'd');
        assert_eq!(classify('ỹ').folded, 'y');
        assert_eq!(classify('A').base, 'a');
        assert_eq!(classify('é').tone, Tone::Acute);
        assert_eq!(classify('ç').folded, 'c');
    }

    #[test]
    fn non_latin_letters_fold_to_themselves() {
        assert_eq!(classify('Я').base, 'я');
        assert_eq!(classify('Я').folded, 'я');
        assert_eq!(classify('中').folded, '中');
    }

    #[test]
    fn recomposes_tones() {
        assert_eq!(with_tone('ơ', Tone::Hook), 'ở');
        assert_eq!(with_tone('y', Tone::Grave), 'ỳ');
        assert_eq!(with_tone('u', Tone::Level), 'u');
    }

    #[test]
    fn tables_agree_with_unicode() {
        for code in 0..0x2100u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            for tone in Tone::ALL {
                assert_eq!(with_tone(c, tone), compose_tone(c, tone), "{c:?} {tone:?}");
            }
        }
    }

    /// What the analyzers take as given for every character the tables answer: the base is
    /// already lower case (no upper-case letter is its own base), and folding the base
    /// folds like the letter itself.
    #[test]
    fn table_bases_are_lower_case_and_fold_like_their_letters() {
        for code in (0..LOW_END).chain(EXT_START..EXT_END) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert!(in_tables(c));
            let l = classify(c);
            assert!(!(l.base == c && !c.is_ascii() && c.is_uppercase()), "{c:?}");
            assert_eq!(classify(l.base).folded, l.folded, "{c:?}");
        }
    }

    #[test]
    fn every_table_entry_round_trips() {
        for c in "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵ".chars()
        {
            let l = classify(c);
            assert_eq!(with_tone(l.base, l.tone), c, "{c}");
        }
    }
}
