#!/usr/bin/env bash
# ner-eval.sh [SHARED_DIR] - held-out check of the entity model's training.
#
# Splits the ANERcorp training split of SHARED_DIR/data/anercorp (default
# ../shared) into its first 85 % of sentences and the last 15 % (the
# development set; ANERcorp's own test split is the last sixth of the
# corpus, so the development set is cut the same way), trains a model on
# the first part exactly as scripts/train-ner.sh trains the shipped one
# (scripts/ner-settings.sh), tags the development set with
# `marsad ner --conll` and prints precision, recall and F1 per type
# (tests/ner/nereval.py).  Fails when the overall F1 is below
# tests/ner/dev.floor.  Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
train=$shared/data/anercorp/ANERCorp_CamelLab_train.txt
[ -r "$train" ] || { echo "ner-eval.sh: $train not found" >&2; exit 2; }
[ -x build/marsad_train_ner ] && [ -x build/marsad_ner_lexstats ] ||
    scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$train" "$work" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
sents = [s.strip("\n") for s in text.split("\n\n") if s.strip()]
ndev = int(len(sents) * 0.15)
with open(sys.argv[2] + "/train.txt", "w", encoding="utf-8") as f:
    f.write("\n\n".join(sents[:-ndev]) + "\n")
with open(sys.argv[2] + "/dev.txt", "w", encoding="utf-8") as f:
    f.write("\n\n".join(sents[-ndev:]) + "\n")
print(f"{len(sents) - ndev} training and {ndev} development sentences")
PY
# shellcheck source=scripts/ner-settings.sh
. scripts/ner-settings.sh
mkdir "$work/train"
ner_train "$work/train.txt" "$work/dev.model" "$work/train" \
    "$shared/data/news"
start=$(date +%s.%N)
build/marsad ner --conll --model "$work/dev.model" "$work/dev.txt" \
    >"$work/dev.pred"
end=$(date +%s.%N)
python3 - "$start" "$end" "$(grep -c . "$work/dev.txt")" <<'PY'
import sys
s, e, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"tagged {n} tokens in {e - s:.3f} s, model load included")
PY
python3 tests/ner/nereval.py "$work/dev.txt" "$work/dev.pred" \
    --floor "$(cat tests/ner/dev.floor)"
