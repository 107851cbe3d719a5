# ner-settings.sh - how the entity model is trained; sourced by
# train-ner.sh (the shipped model) and ner-eval.sh (the held-out check),
# so that both use the same settings and steps.

NER_SETTINGS=(
    --clusters models/ner/clusters.tsv
    --gazetteer models/ner/gazetteer
    --iterations 200
    --c1 0.1
    --c2 0.02
)

# ner_train CONLL OUT WORK NEWS_DIR
#   Trains the model OUT on the sentences of CONLL, in two stages:
#   1. a first model on all of CONLL, and one on each half of it; each
#      labels the news corpus in NEWS_DIR, and marsad_ner_lexstats counts
#      how often every word falls inside each type of name;
#   2. the final model on CONLL, with those counts as features: the
#      first half of the sentences sees the counts of the model trained
#      on the second half and the other way round, so that no sentence
#      sees counts from a model that knew its labels; the first model's
#      counts are shipped in OUT for new text.  The half models also tag
#      the other half, and those tags make the document-history features
#      of the training sentences (at run time the tagger uses its own).
#   WORK holds the intermediate files.
ner_train() {
    local conll=$1 out=$2 work=$3 news=$4
    python3 - "$conll" "$work" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
sents = [s.strip("\n") for s in text.split("\n\n") if s.strip()]
h = len(sents) // 2
for name, part in (("first", sents[:h]), ("second", sents[h:])):
    with open(f"{sys.argv[2]}/{name}.txt", "w", encoding="utf-8") as f:
        f.write("\n\n".join(part) + "\n")
PY
    local part
    for part in all first second; do
        local src=$conll
        [ "$part" = all ] || src=$work/$part.txt
        echo "ner_train: stage 1 on $part sentences" >&2
        build/marsad_train_ner --train "$src" --dev-tail 0 \
            "${NER_SETTINGS[@]}" --out "$work/stage1-$part.model" \
            2>"$work/stage1-$part.log" ||
            { cat "$work/stage1-$part.log" >&2; return 1; }
        build/marsad_ner_lexstats --model "$work/stage1-$part.model" \
            "$work/counts-$part.tsv" "$news" 2>"$work/counts-$part.log" ||
            { cat "$work/counts-$part.log" >&2; return 1; }
    done
    build/marsad ner --conll --model "$work/stage1-second.model" \
        "$work/first.txt" >"$work/history.tsv"
    build/marsad ner --conll --model "$work/stage1-first.model" \
        "$work/second.txt" >>"$work/history.tsv"
    echo "ner_train: stage 2" >&2
    build/marsad_train_ner --train "$conll" --dev-tail 0 \
        "${NER_SETTINGS[@]}" --history "$work/history.tsv" \
        --lexstats "$work/counts-all.tsv" \
        --lexstats-first "$work/counts-second.tsv" \
        --lexstats-second "$work/counts-first.tsv" \
        --out "$out" 2>"$work/stage2.log" ||
        { cat "$work/stage2.log" >&2; return 1; }
    tail -1 "$work/stage2.log" >&2
}
