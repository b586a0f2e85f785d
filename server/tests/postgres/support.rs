//! The cluster the tests run on, and a scratch schema per test.

use std::sync::atomic::{AtomicU32, Ordering};

use postgres::{Client, NoTls};

/// The variable naming the test cluster.
pub const URL_VAR: &str = "DIGILYFT_TEST_PG_URL";

/// The variable that makes a missing cluster a failure.
pub const REQUIRE_VAR: &str = "DIGILYFT_REQUIRE_PG";

/// The cluster's URL; `None` (after a loud message) when there is none and none is required.
///
/// # Panics
/// When `DIGILYFT_REQUIRE_PG=1` and no URL is set.
pub fn url(test: &str) -> Option<String> {
    match std::env::var(URL_VAR) {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var(REQUIRE_VAR).as_deref() != Ok("1"),
                "{test}: {REQUIRE_VAR}=1 but {URL_VAR} is not set; start a cluster with \
                 eval \"$(bash .ci/pg-cluster start)\""
            );
            eprintln!(
                "\n*** {test}: SKIPPED, no PostgreSQL: {URL_VAR} is not set. Run \
                 eval \"$(bash .ci/pg-cluster start)\" first (and .ci/pg-cluster stop \
                 \"$DIGILYFT_PG_DIR\" after). ***\n"
            );
            None
        }
    }
}

/// A schema of one test's own on the cluster, dropped when this is dropped.
pub struct Scratch {
    url: String,
    /// The schema's name.
    pub schema: String,
}

impl Scratch {
    /// A new empty schema for `test`, or `None` when there is no cluster (see [`url`]).
    pub fn new(test: &str) -> Option<Scratch> {
        static N: AtomicU32 = AtomicU32::new(0);
        let url = url(test)?;
        let schema = format!(
            "t_{}_{}_{}",
            test.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(&url, NoTls).expect("connect to the test cluster");
        admin
            .batch_execute(&format!("CREATE SCHEMA {schema}"))
            .expect("create schema");
        Some(Scratch { url, schema })
    }

    /// A new connection whose `search_path` is the schema only.
    pub fn connect(&self) -> Client {
        let mut config: postgres::Config = self.url.parse().expect("a postgres URL");
        config.options(&format!("-c search_path={}", self.schema));
        config.connect(NoTls).expect("connect to the test cluster")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.url, NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA {} CASCADE", self.schema));
        }
    }
}
