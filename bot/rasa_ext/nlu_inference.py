"""Cheaper per-message NLU inference: the same numbers from DIET with less Python around them.

Profiled in-process on knowledge questions (bench/RESULTS.md, 2026-11-27 session 5), three
costs of every parse were pure overhead:

* Joining sparse features. ``Features._combine_sparse_features`` calls ``scipy.sparse.hstack``,
  which goes through ``bmat`` and builds and validates several intermediate COO matrices;
  five joins per message (word and char n-grams, regex, lexical features, sentence and
  sequence) cost ~3 ms. Joining two COO matrices side by side is concatenating their
  row, column (shifted) and data arrays, which is what ``hstack_coo`` does; the result is the
  same COO matrix (same shape, dtype, entries and entry order).
* Calling DIET's TensorFlow function. ``tf.function.__call__`` canonicalises and checks the
  whole input structure against the signature on every call (~2-3 ms). The signature is
  fixed (``RasaModel._dynamic_signature``), so the concrete function is taken once and called
  with the flattened inputs, converted to the signature's dtypes.
* ``Domain.is_empty`` (asked on every parse) serialises the whole domain and an empty one
  to compare them. A loaded domain does not change, so the answer is kept on the instance.

Installed by ``bot.rasa_ext.speedups``. tests/test_rasa_speedups.py checks each against
Rasa's own code path: identical matrices, identical model outputs, identical parses.
"""

from __future__ import annotations

from typing import Any, Dict, Text, Tuple, Union

import numpy as np
import scipy.sparse
import tensorflow as tf
from rasa.shared.constants import DIAGNOSTIC_DATA
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.training_data.features import Features
from rasa.utils.tensorflow.models import RasaModel, tf_utils
from scipy.sparse._sputils import get_index_dtype, upcast

_ORIGINAL_COMBINE_SPARSE = Features._combine_sparse_features
_ORIGINAL_RASA_PREDICT = RasaModel._rasa_predict
_ORIGINAL_IS_EMPTY = Domain.is_empty


def hstack_coo(left: scipy.sparse.spmatrix, right: scipy.sparse.spmatrix) -> scipy.sparse.spmatrix:
    """``scipy.sparse.hstack([left, right])`` for two matrices with the same number of rows.

    Two CSR (or two CSC) matrices keep scipy's own fast path and format; anything else is
    joined as COO the way ``bmat`` does it: left's entries, then right's with shifted
    columns, with scipy's dtype and index-dtype rules.
    """
    if (left.format, right.format) in {("csr", "csr"), ("csc", "csc")}:
        return scipy.sparse.hstack([left, right])
    left, right = left.tocoo(), right.tocoo()
    shape = (left.shape[0], left.shape[1] + right.shape[1])
    dtype = upcast(left.dtype, right.dtype)
    index_dtype = get_index_dtype(maxval=max(shape))
    row = np.concatenate((left.row, right.row)).astype(index_dtype, copy=False)
    col = np.concatenate(
        (left.col.astype(index_dtype, copy=False), right.col.astype(index_dtype, copy=False) + left.shape[1])
    )
    data = np.concatenate((left.data, right.data)).astype(dtype, copy=False)
    return scipy.sparse.coo_matrix((data, (row, col)), shape=shape, dtype=dtype)


def _combine_sparse_features(self: Features, additional_features: Features) -> None:
    if self.features.shape[0] != additional_features.features.shape[0]:
        raise ValueError(
            f"Cannot combine sparse features as sequence dimensions do not "
            f"match: {self.features.shape[0]} != "
            f"{additional_features.features.shape[0]}."
        )
    self.features = hstack_coo(self.features, additional_features.features)
    self._cached_fingerprint = None


def _rasa_predict(self: RasaModel, batch_in: Tuple[np.ndarray, ...]) -> Dict[Text, Union[np.ndarray, Dict[Text, Any]]]:
    """``RasaModel._rasa_predict`` through the concrete function of the fixed signature."""
    if self._run_eagerly or self._tf_predict_step is None or not self.prepared_for_prediction:
        # eager mode, or the first call: Rasa prepares the model and builds the tf.function
        return _ORIGINAL_RASA_PREDICT(self, batch_in)
    self._training = False
    cached = self.__dict__.get("_companion_concrete")
    if cached is None or cached[0] is not self._tf_predict_step:
        concrete = self._tf_predict_step.get_concrete_function()
        specs = tf.nest.flatten(concrete.structured_input_signature[0][0], expand_composites=True)
        cached = (self._tf_predict_step, concrete, [spec.dtype for spec in specs])
        self.__dict__["_companion_concrete"] = cached
    _, concrete, dtypes = cached
    values = tf.nest.flatten(batch_in)
    if len(values) != len(dtypes):  # not the structure the signature was built for
        return _ORIGINAL_RASA_PREDICT(self, batch_in)
    tensors = [tf.convert_to_tensor(value, dtype=dtype) for value, dtype in zip(values, dtypes)]
    outputs = tf_utils.sync_to_numpy_or_python_type(concrete._call_flat(tensors, concrete.captured_inputs))
    if DIAGNOSTIC_DATA in outputs:
        outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
    return outputs


def _is_empty(self: Domain) -> bool:
    cached = self.__dict__.get("_companion_is_empty")
    if cached is None:
        cached = self.__dict__["_companion_is_empty"] = _ORIGINAL_IS_EMPTY(self)
    return cached


PATCHED = ("Features._combine_sparse_features", "RasaModel._rasa_predict", "Domain.is_empty")


def install() -> None:
    """Replace the three Rasa internals (idempotent)."""
    Features._combine_sparse_features = _combine_sparse_features
    RasaModel._rasa_predict = _rasa_predict
    Domain.is_empty = _is_empty


def uninstall() -> None:
    """Put Rasa's own code back (for side-by-side tests and benchmarks)."""
    Features._combine_sparse_features = _ORIGINAL_COMBINE_SPARSE
    RasaModel._rasa_predict = _ORIGINAL_RASA_PREDICT
    Domain.is_empty = _ORIGINAL_IS_EMPTY


def installed() -> bool:
    return Features._combine_sparse_features is _combine_sparse_features
