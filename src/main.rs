fn main() -> std::process::ExitCode {
    tracuu::cli::main()
}
