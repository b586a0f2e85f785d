//! `digilyft-survey`: digital-maturity self-assessment models, answers and scoring.
