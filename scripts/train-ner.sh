#!/usr/bin/env bash
# train-ner.sh [SHARED_DIR] - retrain the entity model models/ner.model
# from the ANERcorp training split in SHARED_DIR/data/anercorp (default
# ../shared), the news corpus in SHARED_DIR/data/news, and the word
# clusters and gazetteers of models/ner/ (steps in scripts/ner-settings.sh;
# scripts/ner-eval.sh measures the same steps with sentences held out).
# Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
train=$shared/data/anercorp/ANERCorp_CamelLab_train.txt
[ -r "$train" ] || { echo "train-ner.sh: $train not found" >&2; exit 2; }
[ -d "$shared/data/news" ] || { echo "train-ner.sh: no $shared/data/news" >&2; exit 2; }
[ -x build/marsad_train_ner ] && [ -x build/marsad_ner_lexstats ] ||
    scripts/build.sh
# shellcheck source=scripts/ner-settings.sh
. scripts/ner-settings.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ner_train "$train" models/ner.model "$work" "$shared/data/news"
ls -l models/ner.model
