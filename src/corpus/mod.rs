//! Reading sources: files and folders of `.txt` and `.jsonl` articles, and the bundled sample.

pub mod article;
pub mod chrome;
pub mod decode;
pub mod jsonl;
pub mod legacy;
pub mod sample;
pub mod source;
pub mod txt;

pub use article::{Article, Origin, Problem, Severity, Stated};
pub use source::{read_files, scan, FileReader, Format, Limits, Scan, SourceFile};
