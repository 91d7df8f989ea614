// The default handbook is embedded with include_dir!, which cannot tell cargo to watch the
// folder on stable Rust; without this, editing a chapter would not rebuild the binary.
fn main() {
    println!("cargo:rerun-if-changed=handbook");
}
