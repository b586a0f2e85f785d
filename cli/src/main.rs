//! `digilyft`: the command-line front end. Glue only.

fn main() -> anyhow::Result<()> {
    Ok(())
}
