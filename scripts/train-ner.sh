#!/usr/bin/env bash
# train-ner.sh [SHARED_DIR] - retrain the entity model models/ner.model from
# the ANERcorp training split in SHARED_DIR/data/anercorp (default
# ../shared), with the word clusters and gazetteers of models/ner/.
#
# The model is trained on the whole training split; scripts/ner-eval.sh
# measures the same settings with a development set held out.  Settings
# live here so that both use the same ones.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
train=$shared/data/anercorp/ANERCorp_CamelLab_train.txt
[ -r "$train" ] || { echo "train-ner.sh: $train not found" >&2; exit 2; }
[ -x build/marsad_train_ner ] || scripts/build.sh
# shellcheck source=scripts/ner-settings.sh
. scripts/ner-settings.sh
build/marsad_train_ner --train "$train" "${NER_SETTINGS[@]}" --final \
    --out models/ner.model
