//! Golden report: the JSON score bundle of a fixed synthetic answer set, snapshot with insta.
//! Floats are rounded to 6 decimals so the snapshot does not depend on last-bit libm behaviour.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always`) and explain them in the
//! commit message.

use digilyft_survey::synth::{SynthOptions, generate};
use digilyft_survey::{Lang, ScoreOptions, bundled, score};
use serde_json::Value;

fn round(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                let r = (x * 1e6).round() / 1e6;
                if let Some(num) = serde_json::Number::from_f64(r) {
                    *n = num;
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(round),
        Value::Object(o) => o.values_mut().for_each(round),
        _ => {}
    }
}

fn golden(model_id: &str, lang: Lang) -> Value {
    let model = bundled::load(model_id).unwrap_or_else(|e| panic!("{e}"));
    let answers = generate(
        &model,
        &SynthOptions::municipality(7, 160, &["2025", "2026"]),
    );
    let opts = ScoreOptions {
        organisation: Some("Exempelkommunen".into()),
        lang,
        invited: [("".to_string(), 400u64)].into_iter().collect(),
        ..ScoreOptions::default()
    };
    let report = score(&model, &answers, &opts).unwrap_or_else(|e| panic!("{e}"));
    let mut v = serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"));
    round(&mut v);
    v
}

#[test]
fn dmos_open_report() {
    insta::assert_json_snapshot!(golden("dmos-open", Lang::Sv));
}

#[test]
fn mariehamn_report_in_english() {
    insta::assert_json_snapshot!(golden("mariehamn-lyft", Lang::En));
}
