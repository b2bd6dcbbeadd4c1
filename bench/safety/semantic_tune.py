"""Choose the semantic safety reader's thresholds on the dev held-out sets (heldout, heldout1-9).

For every text: the pipeline's answer from a model trained *without* the reader, whether
a detector rule fired, and the class scores of a reader trained on data/nlu. Then every threshold pair is simulated. heldout9
was read after its one blind measurement; heldout10 was read after its
one (2026-12-06); heldout11 after its one (2026-12-07); heldout12 is the blind set of
2026-12-07 (session 12): never read here.

    .venv/bin/python bench/safety/semantic_tune.py models/companion.tar.gz
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


async def main(model: str) -> None:
    import tempfile

    from rasa.core.agent import Agent
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu.minilm_featurizer import get_encoder
    from bot.safety.semantic import SemanticSafetyReader

    agent = Agent.load(model)
    rows = []
    for path in sorted((ROOT / "bench" / "safety").glob("heldout[1-9].yml")) + [ROOT / "bench/safety/heldout.yml"]:
        data = yaml.safe_load(path.read_text())
        for gold, key in (("crisis", "crisis"), ("urgent", "urgent_symptom"), ("neither", "neither")):
            for text in data.get(key) or []:
                rows.append((gold, text, await agent.parse_message(text)))
    print(len(rows), "texts")
    reader = SemanticSafetyReader.create(
        SemanticSafetyReader.get_default_config(), LocalModelStorage(Path(tempfile.mkdtemp())), Resource("s"), None
    )
    reader.train(load_data(str(ROOT / "data" / "nlu")))
    vecs = get_encoder().embed([t for _, t, _ in rows])
    readings = [reader.read(v) for v in vecs]

    def outcome(msg, r, tc, mc, tu, mu, veto):
        intent = msg["intent"]["name"]
        detector = bool((msg.get("safety") or {}).get("kind"))
        if intent in ("crisis", "urgent_symptom"):
            if not detector and veto is not None and r.neither - max(r.crisis, r.urgent) >= veto:
                return "neither"
            return "crisis" if intent == "crisis" else "urgent"
        if r.crisis >= tc and r.crisis - r.neither >= mc:
            return "crisis"
        if r.urgent >= tu and r.urgent - r.neither >= mu:
            return "urgent"
        return "neither"

    base = [outcome(m, r, 9, 9, 9, 9, None) for (_, _, m), r in zip(rows, readings)]

    def score(outs):
        c = [o for (g, _, _), o in zip(rows, outs) if g == "crisis"]
        u = [o for (g, _, _), o in zip(rows, outs) if g == "urgent"]
        n = [o for (g, _, _), o in zip(rows, outs) if g == "neither"]
        return (
            sum(o == "crisis" for o in c) / len(c),
            sum(o in ("urgent", "crisis") for o in u) / len(u),
            sum(o != "neither" for o in n) / len(n),
        )

    print("no reader: crisis %.3f urgent %.3f FP %.3f" % score(base))
    for tc, mc, tu, mu, veto in itertools.product(
        (0.6, 0.65, 0.7, 0.75), (0.0, 0.05, 0.1), (0.65, 0.7, 0.75, 9), (0.05, 0.1), (None, 0.05, 0.1, 0.15)
    ):
        outs = [outcome(m, r, tc, mc, tu, mu, veto) for (_, _, m), r in zip(rows, readings)]
        print(tc, mc, tu, mu, veto, "crisis %.3f urgent %.3f FP %.3f" % score(outs))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "models/companion.tar.gz"))
