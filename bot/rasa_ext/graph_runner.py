"""Run Rasa's prediction graph in a precomputed order instead of through dask on every call.

Rasa runs its graph three times per turn (parse the message, predict the action, predict
the listen after it). Each run, ``DaskGraphRunner.run`` recomputes the minimal sub-graph for
its targets, builds a dask graph, hands it to dask's local scheduler (task bookkeeping,
queues, callbacks), and formats its inputs -- the whole tracker -- into a debug message
even when debug logging is off. Profiled on one-at-a-time knowledge answers
(bench/RESULTS.md, 2026-11-27) that was about 7 % of the Rasa server's time.

Here the execution order per target list is computed once (the graph schema is fixed once
the model is loaded) and the nodes are called in that order with dask's argument rules:
an argument naming a node or an input gets that node's output, anything else is passed as
it is (``GraphNode`` treats it as "not resolved", as under dask). Errors surface as under
dask: the node's own exception, ``RuntimeError`` wrapped in ``GraphRunError``. Installed by
``bot.rasa_ext.speedups``.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

logger = logging.getLogger(__name__)
_ORIGINAL_RUN = DaskGraphRunner.run

Step = Tuple[Text, Any, Tuple[Text, ...]]


def execution_plan(runner: DaskGraphRunner, targets: Tuple[Text, ...]) -> List[Step]:
    """(node name, node, names of what it needs) in dependency order, for ``targets``."""
    cache = runner.__dict__.setdefault("_companion_plans", {})
    plan = cache.get(targets)
    if plan is None:
        schema = runner._graph_schema.minimal_graph_schema(list(targets))
        plan, placed = [], set()

        def place(name: Text, path: Tuple[Text, ...] = ()) -> None:
            if name in placed or name not in schema.nodes:
                return
            if name in path:
                raise GraphRunError(f"Cycle in the graph at node '{name}'.")
            needs = tuple(schema.nodes[name].needs.values())
            for parent in needs:
                place(parent, path + (name,))
            placed.add(name)
            plan.append((name, runner._instantiated_nodes[name], needs))

        for name in schema.nodes:  # every node of the minimal schema, as dask computes them
            place(name)
        cache[targets] = plan
    return plan


def run(
    self: DaskGraphRunner,
    inputs: Optional[Dict[Text, Any]] = None,
    targets: Optional[List[Text]] = None,
) -> Dict[Text, Any]:
    """Same contract as ``DaskGraphRunner.run``: ``{target: output}``."""
    run_targets = tuple(targets if targets else self._graph_schema.target_names)
    plan = execution_plan(self, run_targets)
    values: Dict[Text, Any] = {}
    for input_name, input_value in (inputs or {}).items():
        if isinstance(input_value, str) and any(input_value == name for name, _, _ in plan):
            raise GraphRunError(
                f"Input value '{input_value}' clashes with a node name. Make sure "
                f"that none of the input names passed to the `run` method are the "
                f"same as node names in the graph schema."
            )
        values[input_name] = (input_name, input_value)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(f"Running graph with targets {list(run_targets)}.")
    try:
        for name, node, needs in plan:
            values[name] = node(*[values.get(parent, parent) for parent in needs])
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e
    return dict(values[target] for target in run_targets)


PATCHED = ("DaskGraphRunner.run",)


def install() -> None:
    """Replace ``DaskGraphRunner.run`` (idempotent)."""
    DaskGraphRunner.run = run


def uninstall() -> None:
    """Put Rasa's method back."""
    DaskGraphRunner.run = _ORIGINAL_RUN


def installed() -> bool:
    return DaskGraphRunner.run is run
