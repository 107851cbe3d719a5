# ner-settings.sh - how the entity model is trained; sourced by
# train-ner.sh (the shipped model) and ner-eval.sh (the held-out check),
# so that both use the same settings and steps.

# The margin costs (tools/train_ner.c): a word of a name tagged O costs
# 2, any other wrong tag 2.  Measured on the development set of
# scripts/ner-eval.sh: 76.04 F1 without them, 76.68 with them (means of
# six second-stage snapshots 75.99 and 76.86); first models trained on
# one half of the training sentences and scored on the other half go from
# 73.57 to 73.94.
NER_SETTINGS=(
    --clusters models/ner/clusters.tsv
    --gazetteer models/ner/gazetteer
    --iterations 200
    --c1 0.1
    --c2 0.02
    --cost-miss 2
    --cost-wrong 2
)

# The training sentences are cut into this many runs for cross-fitting
# (stage 2 below).  Measured on the development set of
# scripts/ner-eval.sh, 2 runs score 76.04 F1, 4 runs 76.53 and 8 runs
# 75.70 (means over six second-stage snapshots 76.1, 76.3, 75.9), so more
# runs buy nothing beyond the noise and cost a first model each.
NER_FOLDS=${NER_FOLDS:-2}

# ner_train CONLL OUT WORK NEWS_DIR
#   Trains the model OUT on the sentences of CONLL, in two stages:
#   1. a first model on all of CONLL, and for each of NER_FOLDS equal runs
#      of its sentences one on all the other runs; each labels the news
#      corpus in NEWS_DIR, and marsad_ner_lexstats counts how often every
#      word falls inside each type of name;
#   2. the final model on CONLL, with those counts as features: each run
#      sees the counts of the model trained without it, so that no
#      sentence sees counts from a model that knew its labels; the first
#      model's counts are shipped in OUT for new text.  The same models
#      tag the run they did not see, and those tags make the
#      document-history features of the training sentences (at run time
#      the tagger uses its own).
#   WORK holds the intermediate files.
ner_train() {
    local conll=$1 out=$2 work=$3 news=$4 k
    python3 - "$conll" "$work" "$NER_FOLDS" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
sents = [s.strip("\n") for s in text.split("\n\n") if s.strip()]
n, K = len(sents), int(sys.argv[3])
for k in range(K):
    a, b = k * n // K, (k + 1) * n // K
    for name, part in ((f"run{k}", sents[a:b]), (f"rest{k}", sents[:a] + sents[b:])):
        with open(f"{sys.argv[2]}/{name}.txt", "w", encoding="utf-8") as f:
            f.write("\n\n".join(part) + "\n")
PY
    local parts=(all)
    for ((k = 0; k < NER_FOLDS; k++)); do parts+=("rest$k"); done
    local part
    for part in "${parts[@]}"; do
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
    local cross=()
    : >"$work/history.tsv"
    for ((k = 0; k < NER_FOLDS; k++)); do
        build/marsad ner --conll --model "$work/stage1-rest$k.model" \
            "$work/run$k.txt" >>"$work/history.tsv"
        cross+=(--lexstats-part "$work/counts-rest$k.tsv")
    done
    echo "ner_train: stage 2" >&2
    build/marsad_train_ner --train "$conll" --dev-tail 0 \
        "${NER_SETTINGS[@]}" --history "$work/history.tsv" \
        --lexstats "$work/counts-all.tsv" "${cross[@]}" \
        --out "$out" 2>"$work/stage2.log" ||
        { cat "$work/stage2.log" >&2; return 1; }
    tail -1 "$work/stage2.log" >&2
}
