//! Who is calling and what they may do: roles, local accounts with argon2id password hashes,
//! bearer tokens with expiry and refresh, and login throttling.
//!
//! Invariants:
//! * a token is 256 random bits, shown once to the client and stored only as its SHA-256;
//! * an access token lives [`ACCESS_TTL_SECS`], a refresh token [`REFRESH_TTL_SECS`] and is used
//!   at most once (refreshing revokes it and issues a new pair);
//! * the acting person of every `core::api` call is the authenticated account's `person_id`,
//!   never a field of the request;
//! * after [`MAX_FAILURES`] failed logins of one username within [`THROTTLE_WINDOW_SECS`] further
//!   attempts are refused without checking the password until the window has passed;
//! * an unknown username costs the same password check as a known one;
//! * a request naming a device (the `Device-Id` header, or the sync body's `device_id` through
//!   [`check_device`]) is refused when that device is revoked or not the caller's.

use std::collections::HashMap;
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::account_store::{AccountStore, AccountStoreError, DeviceRow};
use crate::problem::Problem;
use crate::state::AppState;

/// Seconds an access token is valid.
pub const ACCESS_TTL_SECS: i64 = 60 * 60;
/// Seconds a refresh token is valid.
pub const REFRESH_TTL_SECS: i64 = 12 * 60 * 60;
/// Failed logins of one username that start throttling.
pub const MAX_FAILURES: usize = 5;
/// The throttling window in seconds.
pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
/// The shortest password an account may get.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The roles of a shared-services installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The finance office: receives invoices, sees them all, codes and resolves.
    Clerk,
    /// Attests the invoices they have a step on.
    Attestant,
    /// An attestant who also sees every invoice and resolves disputes.
    Manager,
    /// Reads aggregates only.
    Analyst,
    /// Keeps the attestförteckning and the accounts; verifies the audit log.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Role::Clerk,
        Role::Attestant,
        Role::Manager,
        Role::Analyst,
        Role::Admin,
    ];

    /// The stable name (stored, in JSON, on the command line).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Attestant => "attestant",
            Role::Manager => "manager",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// Parses [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a route needs the caller's role to allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Upload invoice documents.
    Intake,
    /// Read every invoice.
    ReadAllInvoices,
    /// Read the invoices one is involved in (a step, or standing in for its assignee).
    ReadOwnInvoices,
    /// Read one's inbox.
    Inbox,
    /// Submit decisions.
    Decide,
    /// Replace an invoice's kontering.
    Kontering,
    /// End a dispute or payment block.
    Resolve,
    /// Upload, compare, list and activate rule sets.
    Rules,
    /// Read the audit log's head.
    AuditHead,
    /// Verify the audit log.
    AuditVerify,
    /// Read aggregates.
    Aggregates,
    /// Enrol a device of one's own and list one's devices.
    EnrolDevice,
    /// List every device and revoke any.
    ManageDevices,
    /// Export the ledger workbook.
    Export,
}

/// The one table of what each role may do.
pub fn allows(role: Role, p: Permission) -> bool {
    use Permission as P;
    use Role as R;
    match p {
        P::Intake => matches!(role, R::Clerk | R::Admin),
        P::ReadAllInvoices => matches!(role, R::Clerk | R::Manager | R::Admin),
        P::ReadOwnInvoices => matches!(role, R::Attestant),
        P::Inbox => matches!(role, R::Clerk | R::Attestant | R::Manager),
        P::Decide => matches!(role, R::Attestant | R::Manager),
        P::Kontering => matches!(role, R::Clerk | R::Attestant | R::Manager),
        P::Resolve => matches!(role, R::Clerk | R::Manager),
        P::Rules | P::AuditVerify => matches!(role, R::Admin),
        P::AuditHead => true,
        P::Aggregates => matches!(role, R::Analyst | R::Manager | R::Admin),
        P::EnrolDevice => true,
        P::ManageDevices | P::Export => matches!(role, R::Admin),
    }
}

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The account's row id.
    pub account_id: i64,
    /// The login name.
    pub username: String,
    /// The person every `core::api` call acts as.
    pub person_id: String,
    /// The account's role.
    pub role: Role,
}

impl Caller {
    /// `forbidden` unless the caller's role allows `p`.
    pub fn require(&self, p: Permission) -> Result<(), Problem> {
        if allows(self.role, p) {
            Ok(())
        } else {
            Err(Problem::forbidden(format!(
                "role {} may not do this ({p:?})",
                self.role
            )))
        }
    }
}

/// Why authentication failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// Wrong username or password (which one is not said).
    #[error("wrong username or password")]
    BadCredentials,
    /// The account is disabled.
    #[error("the account is disabled")]
    Disabled,
    /// Too many failed logins.
    #[error("too many failed logins for this account: try again in {0} seconds")]
    Throttled(u64),
    /// The token is unknown, expired or revoked.
    #[error("the token is unknown, expired or revoked: log in again")]
    BadToken,
    /// The account's stored role is not one this server knows.
    #[error("the account has an unknown role {0:?}")]
    UnknownRole(String),
    /// A new account's details are not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// The request names a device that has been revoked.
    #[error("device {0} has been revoked: enrol the device again or ask the administrator")]
    DeviceRevoked(String),
    /// The request names a device that is not one of the caller's.
    #[error("device {0} is not enrolled for this account")]
    NotYourDevice(String),
    /// Hashing failed.
    #[error("password hashing: {0}")]
    Hash(String),
    /// The account store failed.
    #[error(transparent)]
    Store(#[from] AccountStoreError),
}

impl From<AuthError> for Problem {
    fn from(e: AuthError) -> Self {
        let detail = e.to_string();
        match e {
            AuthError::BadCredentials | AuthError::Disabled | AuthError::BadToken => {
                Problem::unauthenticated(detail)
            }
            AuthError::Throttled(secs) => Problem {
                retry_after: Some(secs),
                ..Problem::new(StatusCode::TOO_MANY_REQUESTS, "throttled", detail)
            },
            AuthError::Invalid(_) => Problem::validation(detail),
            AuthError::DeviceRevoked(_) => {
                Problem::new(StatusCode::FORBIDDEN, "device-revoked", detail)
            }
            AuthError::NotYourDevice(_) => Problem::forbidden(detail),
            AuthError::Store(AccountStoreError::Taken(_)) => {
                Problem::new(StatusCode::CONFLICT, "conflict", detail)
            }
            AuthError::UnknownRole(_) | AuthError::Hash(_) | AuthError::Store(_) => {
                Problem::internal(detail)
            }
        }
    }
}

/// Failed logins per username, in memory (a restart forgets them).
#[derive(Debug, Default)]
pub struct Throttle {
    failures: HashMap<String, Vec<i64>>,
}

impl Throttle {
    /// `Err(seconds to wait)` while `key` is throttled at `now`.
    pub fn check(&mut self, key: &str, now: i64) -> Result<(), u64> {
        let Some(times) = self.failures.get_mut(key) else {
            return Ok(());
        };
        times.retain(|t| now - t < THROTTLE_WINDOW_SECS);
        if times.len() < MAX_FAILURES {
            return Ok(());
        }
        let oldest = times.iter().min().copied().unwrap_or(now);
        Err((oldest + THROTTLE_WINDOW_SECS - now).max(1) as u64)
    }

    /// Records a failed login of `key` at `now`.
    pub fn failed(&mut self, key: &str, now: i64) {
        self.failures.entry(key.to_string()).or_default().push(now);
    }

    /// Forgets `key`'s failures (after a successful login).
    pub fn succeeded(&mut self, key: &str) {
        self.failures.remove(key);
    }
}

/// A new argon2id hash (PHC string, random salt) of `password`.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Hash(e.to_string()))?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| AuthError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AuthError::Hash(e.to_string()))
}

/// `true` when `password` matches the PHC string `hash`.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to check unknown usernames against, so they cost as much as known ones.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default())
}

/// A new token: (what the client gets, what the store keeps).
fn new_token() -> Result<(String, String), AuthError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Hash(e.to_string()))?;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The stored form of a token.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// What a login or refresh gives the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The bearer token for every request.
    pub access_token: String,
    /// Unix seconds.
    pub access_expires_at: i64,
    /// The token for `POST /v1/auth/refresh` (once).
    pub refresh_token: String,
    /// Unix seconds.
    pub refresh_expires_at: i64,
    /// Who logged in.
    pub caller: Caller,
}

fn caller_of(row: &crate::account_store::AccountRow) -> Result<Caller, AuthError> {
    Ok(Caller {
        account_id: row.id,
        username: row.username.clone(),
        person_id: row.person_id.clone(),
        role: Role::parse(&row.role).ok_or_else(|| AuthError::UnknownRole(row.role.clone()))?,
    })
}

fn issue(store: &mut AccountStore, caller: Caller, now: i64) -> Result<Session, AuthError> {
    let (access_token, access_hash) = new_token()?;
    let (refresh_token, refresh_hash) = new_token()?;
    let access_expires_at = now + ACCESS_TTL_SECS;
    let refresh_expires_at = now + REFRESH_TTL_SECS;
    store.add_token(
        &access_hash,
        caller.account_id,
        "access",
        now,
        access_expires_at,
    )?;
    store.add_token(
        &refresh_hash,
        caller.account_id,
        "refresh",
        now,
        refresh_expires_at,
    )?;
    Ok(Session {
        access_token,
        access_expires_at,
        refresh_token,
        refresh_expires_at,
        caller,
    })
}

/// Logs `username` in with `password` at `now` (unix seconds).
pub fn login(
    store: &mut AccountStore,
    throttle: &mut Throttle,
    username: &str,
    password: &str,
    now: i64,
) -> Result<Session, AuthError> {
    throttle
        .check(username, now)
        .map_err(AuthError::Throttled)?;
    let account = store.by_username(username)?;
    let hash = account
        .as_ref()
        .map_or(dummy_hash(), |a| a.password_hash.as_str());
    let matches = verify_password(hash, password);
    let Some(account) = account.filter(|_| matches) else {
        throttle.failed(username, now);
        return Err(AuthError::BadCredentials);
    };
    if account.disabled {
        return Err(AuthError::Disabled);
    }
    throttle.succeeded(username);
    let caller = caller_of(&account)?;
    issue(store, caller, now)
}

/// Trades a refresh token for a new pair; the old one is spent.
pub fn refresh(store: &mut AccountStore, token: &str, now: i64) -> Result<Session, AuthError> {
    let hash = token_hash(token);
    let row = store
        .token(&hash, "refresh")?
        .filter(|t| !t.revoked && now < t.expires_at)
        .ok_or(AuthError::BadToken)?;
    if !store.revoke_token(&hash)? {
        return Err(AuthError::BadToken);
    }
    let account = store.by_id(row.account_id)?.ok_or(AuthError::BadToken)?;
    if account.disabled {
        return Err(AuthError::Disabled);
    }
    let caller = caller_of(&account)?;
    issue(store, caller, now)
}

/// The caller an access token belongs to at `now`.
pub fn authenticate(store: &AccountStore, token: &str, now: i64) -> Result<Caller, AuthError> {
    let row = store
        .token(&token_hash(token), "access")?
        .filter(|t| !t.revoked && now < t.expires_at)
        .ok_or(AuthError::BadToken)?;
    let account = store.by_id(row.account_id)?.ok_or(AuthError::BadToken)?;
    if account.disabled {
        return Err(AuthError::Disabled);
    }
    caller_of(&account)
}

/// The request header naming the device a request comes from (the sync routes take it from
/// the body's `device_id` and call [`check_device`] themselves).
pub const DEVICE_HEADER: &str = "device-id";

/// The device `device_id` as used by `caller`: it must be enrolled for the caller's account and
/// not revoked ([`AuthError::DeviceRevoked`], answered `device-revoked`, 403).
pub fn check_device(
    store: &AccountStore,
    caller: &Caller,
    device_id: &str,
) -> Result<DeviceRow, AuthError> {
    let device = store
        .device(device_id)?
        .filter(|d| d.account_id == caller.account_id)
        .ok_or_else(|| AuthError::NotYourDevice(device_id.to_string()))?;
    if device.is_revoked() {
        return Err(AuthError::DeviceRevoked(device_id.to_string()));
    }
    Ok(device)
}

/// The longest device name.
pub const MAX_DEVICE_NAME_CHARS: usize = 100;

/// Enrols a new device of `caller` named `name` (trimmed; 1–100 characters, no control
/// characters) under a new random UUID.
pub fn enrol_device(
    store: &mut AccountStore,
    caller: &Caller,
    name: &str,
    now: i64,
) -> Result<DeviceRow, AuthError> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_DEVICE_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(AuthError::Invalid(format!(
            "device name {name:?}: 1–{MAX_DEVICE_NAME_CHARS} characters, no control characters"
        )));
    }
    let id = uuid::Uuid::new_v4().to_string();
    Ok(store.enrol_device(&id, caller.account_id, name, now)?)
}

/// Adds an account after checking its details; returns its row id.
pub fn add_account(
    store: &mut AccountStore,
    username: &str,
    person_id: &str,
    role: Role,
    password: &str,
    now: i64,
) -> Result<i64, AuthError> {
    let name_ok = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
    };
    if !name_ok(username) {
        return Err(AuthError::Invalid(format!(
            "username {username:?}: 1–64 of letters, digits and . - _ @"
        )));
    }
    // Stored in the one form core compares ids in, so `U210` and `u210` are one account's
    // person and match the attestförteckning however either was typed.
    let person_id = digilyft_core::api::people::normalise_person_id(person_id);
    let person_id = person_id.as_str();
    if !name_ok(person_id) {
        return Err(AuthError::Invalid(format!(
            "person id {person_id:?}: the id in the attestförteckning (1–64 of letters, digits \
             and . - _ @)"
        )));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AuthError::Invalid(format!(
            "the password must have at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    let hash = hash_password(password)?;
    Ok(store.add(username, person_id, role.as_str(), &hash, now)?)
}

/// The bearer token of a request's `Authorization` header.
fn bearer(parts: &Parts) -> Result<String, Problem> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or_else(|| Problem::unauthenticated("log in: no Authorization: Bearer token"))?;
    let text = value
        .to_str()
        .map_err(|_| Problem::unauthenticated("the Authorization header is not text"))?;
    text.strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && t.len() <= 128)
        .ok_or_else(|| Problem::unauthenticated("the Authorization header is not Bearer TOKEN"))
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let token = bearer(parts)?;
        let device = match parts.headers.get(DEVICE_HEADER) {
            None => None,
            Some(v) => Some(
                v.to_str()
                    .ok()
                    .filter(|d| !d.is_empty() && d.len() <= 64)
                    .ok_or_else(|| Problem::validation("the Device-Id header is not a device id"))?
                    .to_string(),
            ),
        };
        state
            .accounts(move |store, _, now| {
                let caller = authenticate(store, &token, now)?;
                if let Some(d) = device {
                    check_device(store, &caller, &d)?;
                }
                Ok(caller)
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_argon2id_and_checked() {
        let h = hash_password("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "correct horse battery"));
        assert!(!verify_password(&h, "correct horse batterx"));
        assert!(!verify_password("not a phc string", "x"));
    }

    #[test]
    fn throttling_starts_after_the_limit_and_ends_with_the_window() {
        let mut t = Throttle::default();
        for i in 0..MAX_FAILURES as i64 {
            assert_eq!(t.check("anna", 100 + i), Ok(()));
            t.failed("anna", 100 + i);
        }
        assert_eq!(
            t.check("anna", 110),
            Err((100 + THROTTLE_WINDOW_SECS - 110) as u64)
        );
        assert_eq!(t.check("bertil", 110), Ok(()), "per username");
        assert_eq!(t.check("anna", 100 + THROTTLE_WINDOW_SECS + 1), Ok(()));
    }

    /// Issue 14, finding 2: an account's person id is stored in core's one normalised form,
    /// so `U230` given at `user add` is the attestförteckning's `u230`.
    #[test]
    fn an_accounts_person_id_is_stored_normalised() {
        let mut s = AccountStore::open_in_memory().expect("store");
        let mut t = Throttle::default();
        add_account(
            &mut s,
            "anna",
            " U230 ",
            Role::Attestant,
            "a long password",
            0,
        )
        .expect("add");
        let session = login(&mut s, &mut t, "anna", "a long password", 10).expect("login");
        assert_eq!(session.caller.person_id, "u230");
    }

    #[test]
    fn login_refresh_and_tokens_follow_their_rules() {
        let mut s = AccountStore::open_in_memory().expect("store");
        let mut t = Throttle::default();
        add_account(
            &mut s,
            "anna",
            "u230",
            Role::Attestant,
            "a long password",
            0,
        )
        .expect("add");
        for (name, pw) in [("anna", "short"), ("an na", "a long password")] {
            let e = add_account(&mut s, name, "u1", Role::Admin, pw, 0).expect_err(name);
            assert!(matches!(e, AuthError::Invalid(_)), "{e}");
        }
        assert!(matches!(
            login(&mut s, &mut t, "anna", "wrong password!", 10),
            Err(AuthError::BadCredentials)
        ));
        assert!(matches!(
            login(&mut s, &mut t, "nobody", "a long password", 10),
            Err(AuthError::BadCredentials)
        ));
        let session = login(&mut s, &mut t, "anna", "a long password", 10).expect("login");
        assert_eq!(session.caller.person_id, "u230");
        assert_eq!(session.access_token.len(), 43, "256 bits, base64url");
        let caller = authenticate(&s, &session.access_token, 11).expect("valid");
        assert_eq!(caller.role, Role::Attestant);
        assert!(
            authenticate(&s, &session.refresh_token, 11).is_err(),
            "not an access token"
        );
        assert!(authenticate(&s, &session.access_token, 10 + ACCESS_TTL_SECS).is_err());
        assert!(authenticate(&s, "forged", 11).is_err());
        let again = refresh(&mut s, &session.refresh_token, 20).expect("refresh");
        assert_ne!(again.access_token, session.access_token);
        assert!(
            matches!(
                refresh(&mut s, &session.refresh_token, 21),
                Err(AuthError::BadToken)
            ),
            "a refresh token is spent once"
        );
        s.disable("anna").expect("disable");
        assert!(authenticate(&s, &again.access_token, 22).is_err());
        assert!(matches!(
            login(&mut s, &mut t, "anna", "a long password", 23),
            Err(AuthError::Disabled)
        ));
    }

    #[test]
    fn a_throttled_login_is_refused_even_with_the_right_password() {
        let mut s = AccountStore::open_in_memory().expect("store");
        let mut t = Throttle::default();
        add_account(&mut s, "anna", "u230", Role::Clerk, "a long password", 0).expect("add");
        for i in 0..MAX_FAILURES as i64 {
            let _ = login(&mut s, &mut t, "anna", "wrong", i);
        }
        assert!(matches!(
            login(&mut s, &mut t, "anna", "a long password", 10),
            Err(AuthError::Throttled(_))
        ));
    }
}
