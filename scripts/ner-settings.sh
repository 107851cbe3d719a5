# ner-settings.sh - the training settings of the entity model, shared by
# train-ner.sh (the shipped model) and ner-eval.sh (the held-out check).
NER_SETTINGS=(
    --clusters models/ner/clusters.tsv
    --gazetteer models/ner/gazetteer
    --iterations 200
    --c1 0.05
    --c2 0.05
)
