//! The three models shipped with Digilyft, embedded from `assets/models/`:
//!
//! * `dmos-open`: DiMiOS-style capability and legacy, three categories each, 49 items of our own.
//! * `digg-ramverk`: DIGG's framework for digital collaboration — its 41 recommendations on an
//!   implementation scale, its 13 principles as themes.
//! * `mariehamn-lyft`: Mariehamn's ten "digitala lyft" from current state to goal.

use crate::model::{Model, ModelError};

/// `(id, TOML source)` of every bundled model.
pub const MODELS: &[(&str, &str)] = &[
    (
        "dmos-open",
        include_str!("../../assets/models/dmos-open.toml"),
    ),
    (
        "digg-ramverk",
        include_str!("../../assets/models/digg-ramverk.toml"),
    ),
    (
        "mariehamn-lyft",
        include_str!("../../assets/models/mariehamn-lyft.toml"),
    ),
];

/// The ids of the bundled models.
pub fn ids() -> impl Iterator<Item = &'static str> {
    MODELS.iter().map(|(id, _)| *id)
}

/// The TOML source of a bundled model.
pub fn source(id: &str) -> Option<&'static str> {
    MODELS.iter().find(|(m, _)| *m == id).map(|(_, s)| *s)
}

/// Loads a bundled model by id.
pub fn load(id: &str) -> Result<Model, ModelError> {
    match source(id) {
        Some(text) => Model::from_toml(text, &format!("bundled model {id}")),
        None => Err(ModelError::Unknown {
            name: id.to_owned(),
            known: ids().collect::<Vec<_>>().join(", "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScaleKind;

    #[test]
    fn every_bundled_model_loads() {
        for id in ids() {
            let m = load(id).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(m.id, id);
        }
    }

    #[test]
    fn dmos_open_has_the_promised_shape() {
        let m = load("dmos-open").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.dimensions.len(), 2);
        assert!(m.dimensions.iter().all(|d| d.categories.len() == 3));
        assert!(m.item_count() >= 36);
        assert_eq!(m.quadrants.len(), 4);
        assert!(m.questions.iter().any(|q| q.reverse));
        assert!(m.outcome.is_some());
    }

    #[test]
    fn digg_has_41_recommendations_and_13_principles() {
        let m = load("digg-ramverk").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.item_count(), 41);
        assert_eq!(m.themes.len(), 13);
        assert_eq!(m.recommendations.len(), 41);
        assert_eq!(m.scales[0].kind, ScaleKind::Implementation);
        // Every recommendation belongs to at least one principle.
        for (q, question) in m
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.category.is_some())
        {
            assert!(
                m.themes.iter().any(|t| t.items.contains(&q)),
                "{} has no principle",
                question.id
            );
        }
    }

    #[test]
    fn mariehamn_has_ten_pairs_with_anchors() {
        let m = load("mariehamn-lyft").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.item_count(), 10);
        assert!(
            m.questions
                .iter()
                .filter(|q| q.category.is_some())
                .all(|q| q.anchors.is_some())
        );
    }

    #[test]
    fn unknown_model_lists_the_known_ones() {
        let err = load("nope").expect_err("unknown");
        assert!(err.to_string().contains("dmos-open"), "{err}");
    }
}
