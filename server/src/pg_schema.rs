//! The PostgreSQL schema of the server and the small in-house runner that applies it.
//!
//! The migrations are the numbered files of `server/migrations/postgres/`, embedded in the
//! binary and listed in [`MIGRATIONS`]; the first is the sync change log (`changes`,
//! `change_audience`, `sync_counter`, `mutations`, sync.md §2.4–§2.5). The PostgreSQL backend of
//! the domain store is not written yet: this is the one place it will take its schema from, and
//! the tests in `server/tests/postgres/` run it on a live cluster.
//!
//! Invariants:
//! * append-only: a migration once released is never edited; each applied one is recorded in
//!   `schema_migrations` with the SHA-256 of its text, and a database whose recorded text differs
//!   from the binary's is refused ([`PgSchemaError::Edited`]);
//! * a database with a migration this binary does not know is refused, never touched
//!   ([`PgSchemaError::TooNew`]);
//! * all pending migrations apply in one transaction, under an exclusive lock on
//!   `schema_migrations`, so two servers starting at once apply each migration once and a failure
//!   leaves the database as it was.
//!
//! Why not a migration crate: they pin their own database drivers (sync.md §2.10), and the rule
//! is small enough to own. This module is one of the server's two places with SQL (the tidy test
//! names it); it uses the synchronous `postgres` client, called from blocking threads as
//! `core::api` is.

use sha2::{Digest, Sha256};

/// One migration: its number (1, 2, … without gaps), its file name and its SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// The number, the position in [`MIGRATIONS`] plus one.
    pub version: i64,
    /// The file name in `server/migrations/postgres/`.
    pub name: &'static str,
    /// The statements.
    pub sql: &'static str,
}

impl Migration {
    /// The hex SHA-256 of the text, recorded when applied.
    pub fn checksum(&self) -> String {
        hex::encode(Sha256::digest(self.sql.as_bytes()))
    }
}

/// The server's PostgreSQL migrations, in order. Append only.
pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "0001_changes.sql",
    sql: include_str!("../migrations/postgres/0001_changes.sql"),
}];

/// What can go wrong while migrating.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PgSchemaError {
    /// PostgreSQL refused (connection, a statement of a migration, the bookkeeping).
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    /// The database has migrations this binary does not know.
    #[error(
        "the database has schema version {found}, newer than this server's {supported}: run \
         the newer digilyft-server"
    )]
    TooNew {
        /// The highest version recorded in the database.
        found: i64,
        /// The highest this binary knows.
        supported: i64,
    },
    /// A recorded migration's text differs from the binary's, or a recorded version is missing.
    #[error(
        "migration {version} ({name}) recorded in the database is not the one this server \
         carries: migrations are append-only, never edited"
    )]
    Edited {
        /// The version.
        version: i64,
        /// Its file name in this binary.
        name: &'static str,
    },
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The schema version before the run.
    pub from: i64,
    /// The schema version after it.
    pub to: i64,
}

/// Applies [`MIGRATIONS`] to the database of `client`.
pub fn migrate(client: &mut postgres::Client) -> Result<Migrated, PgSchemaError> {
    migrate_with(client, MIGRATIONS)
}

/// Applies `migrations` (numbered 1, 2, … in order) to the database of `client`; see the module
/// documentation for the rules.
pub fn migrate_with(
    client: &mut postgres::Client,
    migrations: &[Migration],
) -> Result<Migrated, PgSchemaError> {
    // Two runners creating `schema_migrations` at the same moment: one fails on the catalogue's
    // unique index (PostgreSQL's CREATE TABLE IF NOT EXISTS is not atomic); its retry finds the
    // table and waits for the lock.
    let mut attempt = 0;
    loop {
        match migrate_once(client, migrations) {
            Err(PgSchemaError::Postgres(e)) if attempt < 2 && is_creation_race(&e) => attempt += 1,
            other => return other,
        }
    }
}

fn is_creation_race(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code()
        .is_some_and(|c| *c == SqlState::UNIQUE_VIOLATION || *c == SqlState::DUPLICATE_TABLE)
}

fn migrate_once(
    client: &mut postgres::Client,
    migrations: &[Migration],
) -> Result<Migrated, PgSchemaError> {
    let mut tx = client.transaction()?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT      PRIMARY KEY,
             name       TEXT        NOT NULL,
             sha256     TEXT        NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         );
         LOCK TABLE schema_migrations IN EXCLUSIVE MODE;",
    )?;
    let recorded: Vec<(i64, String)> = tx
        .query(
            "SELECT version, sha256 FROM schema_migrations ORDER BY version",
            &[],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let supported = migrations.len() as i64;
    let from = recorded.last().map_or(0, |(v, _)| *v);
    if from > supported {
        return Err(PgSchemaError::TooNew {
            found: from,
            supported,
        });
    }
    for (i, m) in migrations.iter().enumerate() {
        let applied = recorded.get(i);
        match applied {
            Some((v, sum)) if *v == m.version && *sum == m.checksum() => {}
            Some(_) => {
                return Err(PgSchemaError::Edited {
                    version: m.version,
                    name: m.name,
                });
            }
            None => {
                tx.batch_execute(m.sql)?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)",
                    &[&m.version, &m.name, &m.checksum()],
                )?;
            }
        }
    }
    tx.commit()?;
    Ok(Migrated {
        from,
        to: supported,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_without_gaps_and_named_by_their_number() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "{}", m.name);
            assert!(
                m.name.starts_with(&format!("{:04}_", m.version)) && m.name.ends_with(".sql"),
                "{}",
                m.name
            );
            assert!(!m.sql.trim().is_empty(), "{}", m.name);
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .expect("the migrations folder")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        files.sort();
        let listed: Vec<&str> = MIGRATIONS.iter().map(|m| m.name).collect();
        assert_eq!(files, listed, "every file is listed, in order");
    }
}
