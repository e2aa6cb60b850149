//! Reading sources: files and folders of `.txt` and `.jsonl` articles, and the bundled sample.

pub(crate) mod article;
pub(crate) mod chrome;
pub(crate) mod decode;
pub(crate) mod jsonl;
pub(crate) mod legacy;
pub(crate) mod sample;
pub(crate) mod source;
pub(crate) mod txt;

pub use article::{Article, Origin, Problem, Severity, Stated};
pub use source::{read_files, scan, FileReader, Format, Limits, Scan, SourceFile};
