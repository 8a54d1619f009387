"""The quiz's second opinion: what an answer means (an embedding) and which language it is in.

Words alone miss "trust each gradient too little and you barely budge". An embedding model places
an answer near the exemplar answers the quiz file gives per score level, and a clause near the
examples of each concept, whatever its words. The model is WordLlama's ``l2_supercat`` (static token
embeddings distilled from Llama 2, 256 dimensions): its wheel carries the weights (16 MB) and its
tokenizer, so it runs offline, deterministically, in about a millisecond per answer. It is loaded
from the installed package's own files — never from the network, which WordLlama's ``load`` would
try first for its tokenizer.

Language is py3langid's (a naive Bayes model over byte n-grams, 97 languages, bundled), asked only
about answers long enough to tell; it is trusted when it is confident and the answer has few English
function words, or when most letters are not Latin.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from grader.errors import GraderError

_LOCK = threading.Lock()
#: Words that glue an English sentence together; an answer with almost none of them is not English prose.
ENGLISH_FUNCTION_WORDS = frozenset(
    "a an the is are was were be been it its this that these those if then so because when which to "
    "of in on for with by as at from and or but not can will would could should may might do does "
    "we you they he she i our their there than too very also into how what why".split()
)


class _Model:
    def __init__(self) -> None:
        import wordllama
        from safetensors import safe_open
        from wordllama import WordLlama
        from wordllama.inference import WordLlamaInference

        root = Path(wordllama.__file__).parent
        tokenizer = WordLlama.load_tokenizer(root / "tokenizers" / "l2_supercat_tokenizer_config.json")
        with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), framework="np", device="cpu") as f:
            weights = f.get_tensor("embedding.weight")
        self.inference: Any = WordLlamaInference(weights, tokenizer)


@lru_cache(maxsize=1)
def _model() -> _Model:
    try:
        return _Model()
    except Exception as error:  # a broken install must say which package to reinstall
        raise GraderError(
            f"cannot load the quiz's embedding model (package wordllama): {error}; reinstall the grader"
        ) from error


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (empty texts get a zero row)."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    vectors = np.zeros((len(texts), 256), dtype=np.float32)
    filled = [index for index, text in enumerate(texts) if text.strip()]
    if filled:
        with _LOCK:  # the tokenizer is not documented as thread-safe; batches are cheap
            found = _model().inference.embed([texts[index] for index in filled], norm=True)
        vectors[filled] = np.asarray(found, dtype=np.float32)
    return vectors


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)


def language(text: str, words: Sequence[str]) -> str | None:
    """The ISO 639-1 code of an answer that is clearly *not* English, else None (English or unsure)."""
    if not text.isascii():  # ASCII letters are all Latin: the count below would be 0 (a hot path)
        letters = [char for char in text if char.isalpha()]
        if len(letters) >= 6 and sum(not ("a" <= char.lower() <= "z") for char in letters) / len(letters) > 0.5:
            code, _ = _identifier().classify(text)
            return str(code) if code != "en" else "xx"
    if len(words) < 5:
        return None
    function_share = sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words)
    if function_share >= 0.25:  # English prose: no verdict below can say otherwise, so don't load the model
        return None
    code, probability = _identifier().classify(text)
    confident = (
        (probability >= 0.95 and function_share < 0.25)
        or (probability >= 0.8 and function_share < 0.15)
        or (probability >= 0.6 and function_share == 0)
    )
    if code != "en" and confident:
        return str(code)
    return None
