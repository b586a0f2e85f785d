//! `digilyft-server`: the shared-services REST server.

fn main() -> anyhow::Result<()> {
    anyhow::bail!("digilyft-server: not yet built")
}
