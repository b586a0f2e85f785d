//! The `digilyft-desktop` executable: setup only, everything else is in the library.

// Release builds on Windows run without a console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    digilyft_desktop::run();
}
