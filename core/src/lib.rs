//! `digilyft-core`: the application layer shared by the desktop app, the server and the CLI.
