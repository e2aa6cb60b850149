//! What tantivy trusts in a doc store before it reads one, checked first.
//!
//! Opening a segment's doc store, tantivy reads the count of its skip index's layers and
//! allocates room for that many before reading any. It checks no sum of a file's bytes on
//! opening, so a damaged count (one changed byte) asked for hundreds of gigabytes and the
//! process was killed, where every other kind of damage is reported as a damaged index.
//!
//! The layout read here is tantivy 0.27's (`store/footer.rs`, `store/index/skip_index.rs`,
//! `directory/footer.rs`): the file ends with tantivy's footer (its length and a magic
//! number last, as two little-endian u32), before which the doc store's own footer of 28
//! bytes gives, after a u32 version, the u64 offset of the skip index; the skip index
//! starts with its count of layers as a variable-length integer (seven bits a byte, the
//! last byte's high bit set).

use std::io;
use std::ops::Range;
use tantivy::directory::FileHandle;

const FILE_FOOTER_TAIL: usize = 8;
const DOC_STORE_FOOTER: usize = 28;

/// `Ok` when the doc store in `file` can be opened without an allocation its size does not
/// allow; else what is wrong with it.
pub fn check_doc_store(file: &dyn FileHandle) -> io::Result<()> {
    let len = file.len();
    let read = |range: Range<usize>| file.read_bytes(range);
    let damaged =
        |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("doc store: {what}"));
    if len < FILE_FOOTER_TAIL {
        return Err(damaged("shorter than its footer"));
    }
    let tail = read(len - FILE_FOOTER_TAIL..len)?;
    let content = le_bytes::<4>(tail.as_slice(), 0)
        .and_then(|b| usize::try_from(u32::from_le_bytes(b)).ok())
        .and_then(|n| len.checked_sub(FILE_FOOTER_TAIL)?.checked_sub(n))
        .ok_or_else(|| damaged("its footer is longer than the file"))?;
    let skip_end = content
        .checked_sub(DOC_STORE_FOOTER)
        .ok_or_else(|| damaged("shorter than its doc store footer"))?;
    let store_footer = read(skip_end..content)?;
    let skip_start = le_bytes::<8>(store_footer.as_slice(), 4)
        .and_then(|b| usize::try_from(u64::from_le_bytes(b)).ok())
        .filter(|&o| o <= skip_end)
        .ok_or_else(|| damaged("its skip index starts past its end"))?;
    let head = read(skip_start..skip_end.min(skip_start + 10))?;
    let layers = read_vint(head.as_slice()).ok_or_else(|| damaged("no count of skip layers"))?;
    // Each layer's end offset takes at least a byte.
    if layers > (skip_end - skip_start) as u64 {
        return Err(damaged("more skip layers than bytes"));
    }
    Ok(())
}

/// The `N` bytes of `bytes` from `at`, if it has them.
fn le_bytes<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// tantivy's variable-length integer at the start of `bytes`, if it ends there.
fn read_vint(bytes: &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f).checked_shl(7 * i as u32)?;
        if b & 0x80 != 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::build::{build, BuildOptions, Sources};
    use crate::index::Layout;
    use tantivy::directory::{Directory, MmapDirectory};

    /// Encodings as tantivy's `VInt::serialize_into` writes them: low bits first, the stop
    /// bit on the last byte.
    #[test]
    fn vints_read_as_tantivy_writes_them() {
        let cases: [(&[u8], u64); 5] = [
            (&[0x80], 0),
            (&[0x81], 1),
            (&[0xff], 127),
            (&[0x00, 0x81], 128),
            (&[0x2c, 0x82], 300),
        ];
        for (bytes, n) in cases {
            assert_eq!(read_vint(bytes), Some(n), "{bytes:?}");
            assert_eq!(
                read_vint(&bytes[..bytes.len() - 1]),
                None,
                "{bytes:?} cut short"
            );
        }
        assert_eq!(read_vint(&[0x7f; 12]), None, "no stop bit in ten bytes");
    }

    /// Every doc store of a fresh build passes; one whose count of layers or skip offset is
    /// damaged does not.
    #[test]
    fn a_damaged_skip_index_head_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        build(
            &Layout::new(dir.path()),
            &Sources::Sample,
            &BuildOptions::default(),
        )
        .unwrap();
        let layout = Layout::new(dir.path());
        let generation = layout.generation_dir(&layout.current().unwrap().unwrap());
        let stores: Vec<_> = std::fs::read_dir(&generation)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "store"))
            .collect();
        assert!(!stores.is_empty());
        let directory = MmapDirectory::open(&generation).unwrap();
        for path in &stores {
            let name = path.file_name().unwrap();
            let handle = directory.get_file_handle(name.as_ref()).unwrap();
            check_doc_store(handle.as_ref()).unwrap();
            let pristine = std::fs::read(path).unwrap();
            let len = pristine.len();
            let footer = u32::from_le_bytes(pristine[len - 8..][..4].try_into().unwrap()) as usize;
            let content = len - 8 - footer;
            let offset_at = content - DOC_STORE_FOOTER + 4;
            let offset =
                u64::from_le_bytes(pristine[offset_at..][..8].try_into().unwrap()) as usize;
            // A count of layers in the billions, as one damaged byte can make it.
            let mut huge = pristine.clone();
            huge[offset..offset + 5].copy_from_slice(&[0x7f, 0x7f, 0x7f, 0x7f, 0x8f]);
            // An offset past the end.
            let mut far = pristine.clone();
            far[offset_at..offset_at + 8].copy_from_slice(&(len as u64).to_le_bytes());
            for bytes in [huge, far] {
                let scratch = tempfile::tempdir().unwrap();
                std::fs::write(scratch.path().join(name), &bytes).unwrap();
                let d = MmapDirectory::open(scratch.path()).unwrap();
                let handle = d.get_file_handle(name.as_ref()).unwrap();
                let err = check_doc_store(handle.as_ref()).unwrap_err();
                assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
            }
        }
    }
}
