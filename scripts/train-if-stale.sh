#!/usr/bin/env bash
# Train the Rasa model only when config, domain or training data changed since the last
# training (a hash of the inputs is kept next to the model).
set -euo pipefail
cd "$(dirname "$0")/.."
inputs_hash=$(cat config.yml domain.yml $(find data -name '*.yml' | sort) $(find bot/safety bot/nlu bot/dialogue -name '*.py' | sort) bot/content/knowledge.yml | sha256sum | cut -c1-16)
stamp=models/.inputs-$inputs_hash
if [ -f models/companion.tar.gz ] && [ -f "$stamp" ]; then
  echo "==> Model is up to date (models/companion.tar.gz)"
  exit 0
fi
echo "==> Training the Rasa model (about 3 minutes on 2 cores; progress bars below)..."
start=$(date +%s)
PYTHONPATH=. .venv/bin/rasa train --fixed-model-name companion --out models
rm -f models/.inputs-*
touch "$stamp"
echo "==> Trained in $(( $(date +%s) - start ))s"
