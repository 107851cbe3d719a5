#!/bin/sh
# gazetteer.sh TRAINER - the gazetteer table of models/ner.model is the
# one the lists of models/ner/gazetteer make (a list edited without
# `marsad_train_ner --regazetteer` or a retraining fails here), and
# --regazetteer refuses a damaged model with a clear message.
set -eu
trainer=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$trainer" --regazetteer models/ner.model --gazetteer models/ner/gazetteer \
    --out "$tmp/model" 2>"$tmp/log" || { cat "$tmp/log"; exit 1; }
if ! cmp -s models/ner.model "$tmp/model"; then
    echo "models/ner.model holds other lists than models/ner/gazetteer;" \
         "see models/ner/gazetteer/README.md"
    exit 1
fi
head -c 1000 models/ner.model >"$tmp/short"
if "$trainer" --regazetteer "$tmp/short" --gazetteer models/ner/gazetteer \
    --out "$tmp/model2" 2>"$tmp/err"; then
    echo "a damaged model was accepted"
    exit 1
fi
grep -q "damaged model" "$tmp/err" || { cat "$tmp/err"; exit 1; }
echo "gazetteer of models/ner.model: up to date"
