#!/usr/bin/env bash
# Bounded coverage-guided fuzz run of the invoice readers, writer, conversion and validation.
#
#   bash .ci/fuzz.sh            # every target, FUZZ_SECONDS (default 60) each
#   FUZZ_SECONDS=10 bash .ci/fuzz.sh read_ubl
#
# Uses cargo-fuzz (libFuzzer) on the stable toolchain (RUSTC_BOOTSTRAP=1 unlocks the sanitizer
# flags it needs); installs cargo-fuzz only when it is missing. Seeds each target's corpus from the
# official fixtures (tests/fixtures/official/), so the fuzzer starts from real documents. A crash,
# panic, assertion failure or timeout makes the script fail loudly, naming the target and the
# reproducer under invoice/fuzz/artifacts/<target>/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-60}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUSTC_BOOTSTRAP=1
# The fuzz workspace has its own lock file and sanitizer flags: keep its artefacts apart from the
# main workspace's when .ci/run put those outside the clone.
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

fixtures=$root/tests/fixtures/official
corpus=$root/invoice/fuzz/corpus

seed() { # seed TARGET FILE...
  local dir=$corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do
    [[ -f $f ]] && cp "$f" "$dir/$(basename "$(dirname "$f")")_$(basename "$f")"
  done
}

seed read_ubl \
  "$fixtures"/cen-en16931/ubl/examples/* \
  "$fixtures"/cen-en16931/test/testfiles/*.xml \
  "$fixtures"/peppol-bis3/rules/examples/*.xml \
  "$fixtures"/peppol-bis3/rules/snippets/*.xml
seed read_svefaktura "$fixtures"/svefaktura/samples/svefaktura*.xml
seed object_envelope "$fixtures"/svefaktura/samples/ObjectEnvelope.xml
# Validation: the full documents of every format, plus the official unit tests' fragments
# (vefa testSet files: the Invoice inside each is what the rules judge).
seed validate \
  "$fixtures"/peppol-bis3/rules/examples/*.xml \
  "$fixtures"/peppol-bis3/rules/snippets/*.xml \
  "$fixtures"/cen-en16931/test/testfiles/*.xml \
  "$fixtures"/svefaktura/samples/*.xml \
  "$fixtures"/peppol-bis3/rules/unit-UBL-SE/*.xml \
  "$fixtures"/cen-en16931/test/Invoice-unit-UBL/BR-CO-*.xml

targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(read_ubl read_svefaktura object_envelope validate)
fi

cd "$root/invoice/fuzz"
status=0
for target in "${targets[@]}"; do
  echo "==> fuzzing $target for ${seconds}s"
  if ! cargo fuzz run "$target" "$corpus/$target" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1; then
    echo "FUZZ FAILURE in target $target: reproducer(s) in invoice/fuzz/artifacts/$target/" >&2
    ls -l "artifacts/$target/" >&2 || true
    status=1
  fi
done
exit $status
