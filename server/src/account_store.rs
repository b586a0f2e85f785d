//! The server's own store: local accounts, their tokens and their enrolled devices, in a SQLite
//! file of its own
//! (`digilyft-server-accounts.sqlite` in the data directory). SQL and row mapping only; what an
//! account may do and how passwords and tokens are made is `auth`'s.
//!
//! Why here and not in `core/src/store/`: accounts, password hashes and bearer tokens are the
//! server's concern (the desktop and the CLI have none), the workspace store's schema and
//! migrations belong to core, and the server's tables must not move that store's schema version.
//! This module is the one place of the server crate with SQL (the tidy test names it).
//!
//! Invariants: migrations are append-only and a file written by a newer server is refused;
//! only hashes of tokens are stored, never a token itself; every write is one statement or one
//! transaction.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

/// The migrations, in order; `PRAGMA user_version` is how many have been applied.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE account (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        person_id     TEXT NOT NULL,
        role          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL
    );
    CREATE TABLE token (
        hash       TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account(id),
        kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
        issued_at  INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX token_account ON token(account_id);",
    "CREATE TABLE devices (
        device_id   TEXT PRIMARY KEY,
        account_id  INTEGER NOT NULL REFERENCES account(id),
        name        TEXT NOT NULL,
        enrolled_at INTEGER NOT NULL,
        revoked_at  INTEGER,
        revoked_by  TEXT
    );
    CREATE INDEX devices_account ON devices(account_id);",
];

/// What can go wrong in the account store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AccountStoreError {
    /// SQLite refused.
    #[error("account store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file was written by a newer server.
    #[error(
        "the account store has schema version {found}, newer than this server's {supported}: \
         run the newer digilyft-server"
    )]
    TooNew {
        /// The file's version.
        found: i64,
        /// This binary's.
        supported: i64,
    },
    /// The username is taken.
    #[error("an account named {0:?} exists already")]
    Taken(String),
    /// No such account.
    #[error("no account named {0:?}")]
    NoSuchAccount(String),
    /// No such device.
    #[error("no device {0:?}")]
    NoSuchDevice(String),
}

/// Result alias of this module.
pub type Result<T> = std::result::Result<T, AccountStoreError>;

/// One stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    /// Row id.
    pub id: i64,
    /// The login name.
    pub username: String,
    /// The person in the attestförteckning this account acts as.
    pub person_id: String,
    /// The role's stable name.
    pub role: String,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// A disabled account cannot log in and its tokens are revoked.
    pub disabled: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// One stored token (by its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    /// The account.
    pub account_id: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// Revoked (refreshed, or its account disabled).
    pub revoked: bool,
}

/// One enrolled device of an account (a desktop that syncs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRow {
    /// The device's id (a UUID the server gave it at enrolment).
    pub device_id: String,
    /// The account that enrolled it.
    pub account_id: i64,
    /// That account's login name.
    pub username: String,
    /// What the user called it ("Annas bärbara").
    pub name: String,
    /// Unix seconds.
    pub enrolled_at: i64,
    /// Unix seconds; a revoked device's requests are refused.
    pub revoked_at: Option<i64>,
    /// The login name of the admin who revoked it.
    pub revoked_by: Option<String>,
}

impl DeviceRow {
    /// Revoked devices may no longer sync.
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

const DEVICE_COLUMNS: &str = "SELECT d.device_id, d.account_id, a.username, d.name, d.enrolled_at,
            d.revoked_at, d.revoked_by
       FROM devices d JOIN account a ON a.id = d.account_id";

fn device_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DeviceRow> {
    Ok(DeviceRow {
        device_id: r.get(0)?,
        account_id: r.get(1)?,
        username: r.get(2)?,
        name: r.get(3)?,
        enrolled_at: r.get(4)?,
        revoked_at: r.get(5)?,
        revoked_by: r.get(6)?,
    })
}

/// The open account store.
#[derive(Debug)]
pub struct AccountStore {
    conn: Connection,
}

const ACCOUNT_COLUMNS: &str =
    "SELECT id, username, person_id, role, password_hash, disabled, created_at FROM account";

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        username: r.get(1)?,
        person_id: r.get(2)?,
        role: r.get(3)?,
        password_hash: r.get(4)?,
        disabled: r.get::<_, i64>(5)? != 0,
        created_at: r.get(6)?,
    })
}

impl AccountStore {
    /// Opens (creating if needed) the file `path` and applies the migrations.
    pub fn open(path: &Path) -> Result<AccountStore> {
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )?;
        Self::migrated(conn)
    }

    /// A fresh in-memory store (tests).
    pub fn open_in_memory() -> Result<AccountStore> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        Self::migrated(conn)
    }

    fn migrated(mut conn: Connection) -> Result<AccountStore> {
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = MIGRATIONS.len() as i64;
        if found > supported {
            return Err(AccountStoreError::TooNew { found, supported });
        }
        let tx = conn.transaction()?;
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(sql)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", n + 1))?;
        }
        tx.commit()?;
        Ok(AccountStore { conn })
    }

    /// Adds an account; a taken username is [`AccountStoreError::Taken`].
    pub fn add(
        &mut self,
        username: &str,
        person_id: &str,
        role: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<i64> {
        let done = self.conn.execute(
            "INSERT INTO account (username, person_id, role, password_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(username) DO NOTHING",
            params![username, person_id, role, password_hash, now],
        )?;
        if done == 0 {
            return Err(AccountStoreError::Taken(username.to_string()));
        }
        Ok(self.conn.last_insert_rowid())
    }

    /// Every account, by username.
    pub fn list(&self) -> Result<Vec<AccountRow>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{ACCOUNT_COLUMNS} ORDER BY username"))?;
        let rows = stmt.query_map([], account_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The account named `username`.
    pub fn by_username(&self, username: &str) -> Result<Option<AccountRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("{ACCOUNT_COLUMNS} WHERE username = ?1"),
                [username],
                account_row,
            )
            .optional()?)
    }

    /// The account with row id `id`.
    pub fn by_id(&self, id: i64) -> Result<Option<AccountRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("{ACCOUNT_COLUMNS} WHERE id = ?1"),
                [id],
                account_row,
            )
            .optional()?)
    }

    /// Sets the role of `username` and revokes its tokens (a session never outlives the role it
    /// was issued under), in one transaction; the role before.
    pub fn set_role(&mut self, username: &str, role: &str) -> Result<String> {
        let tx = self.conn.transaction()?;
        let before: Option<String> = tx
            .query_row(
                "SELECT role FROM account WHERE username = ?1",
                [username],
                |r| r.get(0),
            )
            .optional()?;
        let Some(before) = before else {
            return Err(AccountStoreError::NoSuchAccount(username.to_string()));
        };
        tx.execute(
            "UPDATE account SET role = ?2 WHERE username = ?1",
            [username, role],
        )?;
        tx.execute(
            "UPDATE token SET revoked = 1
              WHERE account_id = (SELECT id FROM account WHERE username = ?1)",
            [username],
        )?;
        tx.commit()?;
        Ok(before)
    }

    /// Disables `username` and revokes every token of it, in one transaction.
    pub fn disable(&mut self, username: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE account SET disabled = 1 WHERE username = ?1",
            [username],
        )?;
        if n == 0 {
            return Err(AccountStoreError::NoSuchAccount(username.to_string()));
        }
        tx.execute(
            "UPDATE token SET revoked = 1
              WHERE account_id = (SELECT id FROM account WHERE username = ?1)",
            [username],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a token's hash.
    pub fn add_token(
        &mut self,
        hash: &str,
        account_id: i64,
        kind: &str,
        issued_at: i64,
        expires_at: i64,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO token (hash, account_id, kind, issued_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![hash, account_id, kind, issued_at, expires_at],
        )?;
        Ok(())
    }

    /// The token of `kind` whose hash is `hash`.
    pub fn token(&self, hash: &str, kind: &str) -> Result<Option<TokenRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT account_id, expires_at, revoked FROM token WHERE hash = ?1 AND kind = ?2",
                [hash, kind],
                |r| {
                    Ok(TokenRow {
                        account_id: r.get(0)?,
                        expires_at: r.get(1)?,
                        revoked: r.get::<_, i64>(2)? != 0,
                    })
                },
            )
            .optional()?)
    }

    /// Enrols the device `device_id` (a new UUID) of `account_id` under `name`.
    pub fn enrol_device(
        &mut self,
        device_id: &str,
        account_id: i64,
        name: &str,
        now: i64,
    ) -> Result<DeviceRow> {
        self.conn.execute(
            "INSERT INTO devices (device_id, account_id, name, enrolled_at) VALUES (?1, ?2, ?3, ?4)",
            params![device_id, account_id, name, now],
        )?;
        self.device(device_id)?
            .ok_or_else(|| AccountStoreError::NoSuchDevice(device_id.to_string()))
    }

    /// The device `device_id`, revoked or not: what the sync routes check a request's device
    /// against.
    pub fn device(&self, device_id: &str) -> Result<Option<DeviceRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("{DEVICE_COLUMNS} WHERE d.device_id = ?1"),
                [device_id],
                device_row,
            )
            .optional()?)
    }

    /// The devices of `account_id`, or of every account when `None`; by enrolment.
    pub fn devices(&self, account_id: Option<i64>) -> Result<Vec<DeviceRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "{DEVICE_COLUMNS} WHERE ?1 IS NULL OR d.account_id = ?1
              ORDER BY d.enrolled_at, d.device_id"
        ))?;
        let rows = stmt.query_map([account_id], device_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Revokes `device_id` at `now` by the admin `by`; a device revoked already keeps its first
    /// revocation. The device as it is afterwards, and whether this call revoked it.
    pub fn revoke_device(
        &mut self,
        device_id: &str,
        by: &str,
        now: i64,
    ) -> Result<(DeviceRow, bool)> {
        let n = self.conn.execute(
            "UPDATE devices SET revoked_at = ?2, revoked_by = ?3
              WHERE device_id = ?1 AND revoked_at IS NULL",
            params![device_id, now, by],
        )?;
        let row = self
            .device(device_id)?
            .ok_or_else(|| AccountStoreError::NoSuchDevice(device_id.to_string()))?;
        Ok((row, n == 1))
    }

    /// Revokes the token `hash` if it is live; `true` when this call revoked it (so a refresh
    /// token is used at most once, even by two requests at the same time).
    pub fn revoke_token(&mut self, hash: &str) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE token SET revoked = 1 WHERE hash = ?1 AND revoked = 0",
            [hash],
        )?;
        Ok(n == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_and_tokens_round_trip() {
        let mut s = AccountStore::open_in_memory().expect("store");
        let id = s
            .add("anna", "u230", "attestant", "$argon2id$x", 10)
            .expect("add");
        assert!(matches!(
            s.add("anna", "u1", "admin", "h", 11),
            Err(AccountStoreError::Taken(_))
        ));
        let row = s.by_username("anna").expect("q").expect("anna");
        assert_eq!(
            (row.id, row.person_id.as_str(), row.disabled),
            (id, "u230", false)
        );
        assert_eq!(s.by_id(id).expect("q"), Some(row));
        s.add_token("h1", id, "access", 10, 20).expect("token");
        assert_eq!(
            s.token("h1", "refresh").expect("q"),
            None,
            "kinds are apart"
        );
        assert!(s.revoke_token("h1").expect("revoke"));
        assert!(!s.revoke_token("h1").expect("again"), "revoked once only");
        s.add_token("h2", id, "refresh", 10, 20).expect("token");
        s.disable("anna").expect("disable");
        assert!(s.by_username("anna").expect("q").expect("anna").disabled);
        assert!(s.token("h2", "refresh").expect("q").expect("h2").revoked);
        assert!(matches!(
            s.disable("nobody"),
            Err(AccountStoreError::NoSuchAccount(_))
        ));
        assert_eq!(s.list().expect("list").len(), 1);
    }

    #[test]
    fn a_role_change_revokes_the_sessions_and_names_the_old_role() {
        let mut s = AccountStore::open_in_memory().expect("store");
        let id = s.add("anna", "u230", "attestant", "h", 1).expect("add");
        s.add_token("t", id, "access", 1, 100).expect("token");
        assert_eq!(s.set_role("anna", "manager").expect("set"), "attestant");
        assert_eq!(s.by_id(id).expect("q").expect("anna").role, "manager");
        assert!(s.token("t", "access").expect("q").expect("t").revoked);
        assert!(matches!(
            s.set_role("nobody", "admin"),
            Err(AccountStoreError::NoSuchAccount(_))
        ));
    }

    #[test]
    fn devices_are_enrolled_listed_and_revoked_once() {
        let mut s = AccountStore::open_in_memory().expect("store");
        let anna = s.add("anna", "u230", "attestant", "h", 1).expect("anna");
        let bo = s.add("bo", "u231", "clerk", "h", 1).expect("bo");
        let d1 = s
            .enrol_device("d-1", anna, "Annas bärbara", 10)
            .expect("d1");
        assert_eq!(
            (
                d1.username.as_str(),
                d1.name.as_str(),
                d1.enrolled_at,
                d1.is_revoked()
            ),
            ("anna", "Annas bärbara", 10, false)
        );
        s.enrol_device("d-2", bo, "Bos", 11).expect("d2");
        assert!(
            s.enrol_device("d-1", bo, "again", 12).is_err(),
            "ids are unique"
        );
        assert_eq!(s.devices(None).expect("all").len(), 2);
        assert_eq!(s.devices(Some(bo)).expect("bo's")[0].device_id, "d-2");
        let (row, now) = s.revoke_device("d-1", "admin", 20).expect("revoke");
        assert!(now && row.is_revoked());
        assert_eq!(row.revoked_by.as_deref(), Some("admin"));
        let (again, now) = s.revoke_device("d-1", "other", 30).expect("again");
        assert!(!now, "revoked once");
        assert_eq!(
            (again.revoked_at, again.revoked_by.as_deref()),
            (Some(20), Some("admin"))
        );
        assert!(matches!(
            s.revoke_device("nope", "admin", 1),
            Err(AccountStoreError::NoSuchDevice(_))
        ));
        assert_eq!(s.device("nope").expect("q"), None);
    }

    #[test]
    fn a_newer_file_is_refused_and_reopening_keeps_the_data() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("a.sqlite");
        AccountStore::open(&path)
            .expect("open")
            .add("a", "p", "admin", "h", 1)
            .expect("add");
        assert_eq!(
            AccountStore::open(&path)
                .expect("reopen")
                .list()
                .expect("l")
                .len(),
            1
        );
        let conn = Connection::open(&path).expect("raw");
        conn.execute_batch("PRAGMA user_version = 99")
            .expect("bump");
        drop(conn);
        assert!(matches!(
            AccountStore::open(&path),
            Err(AccountStoreError::TooNew { found: 99, .. })
        ));
    }
}
