"""spaCy integration: the body recogniser as a pipeline component, and a safe Thai tokenizer.

    >>> import spacy, aseandocs.bodies
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("aseandocs_bodies")
    >>> [(e.text, e.kb_id_) for e in nlp("The ASEAN Regional Forum met.").ents]
    [('ASEAN Regional Forum', 'ARF')]
    >>> doc = thai_nlp()("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ")
    >>> [e.kb_id_ for e in doc.ents]
    ['SOMTC']

The factory is registered by ``@Language.factory`` below (kept apart from the class, as spaCy's
EntityRuler does) and declared as the ``spacy_factories`` entry point of the package, so
``nlp.add_pipe("aseandocs_bodies")`` works in ``spacy.blank("th")`` and ``spacy.blank("en")``.
"""
# no ``from __future__ import annotations``: spaCy validates factory arguments from real annotations
import re
from pathlib import Path
from typing import Iterable, List, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..thai import normalize
from .matcher import find_bodies
from .registry import BodyRegistry

__all__ = ["BodyRecognizer", "ThaiTokenizer", "make_body_component", "thai_nlp"]

# Runs of white space and of everything else: "ศูนย์ ACE\n" -> "ศูนย์", " ", "ACE", "\n".
# Must not split inside a word ("1.0", "cm").
WHITESPACE_RUN_RE = re.compile(r"(?P<ws>\s+)|(?P<word>\S+)")


class ThaiTokenizer:
    """newmm (pythainlp) word tokenisation for spaCy that never makes a token of a single space.

    A space after a word becomes that token's ``whitespace_``; other white space (a line break,
    a second space) becomes one token, as spaCy's own tokenizers do, so ``doc.text == text``
    always holds, also for "", "  " and ",1.0 cm" (the crash of spacy-pythainlp issue #4)::

        >>> [t.text for t in ThaiTokenizer(Vocab())("ศูนย์พลังงานอาเซียน ASEAN Centre")]
        ['ศูนย์', 'พลังงาน', 'อาเซียน', 'ASEAN', 'Centre']
    """

    def __init__(self, vocab: Vocab, *, engine: str = "newmm") -> None:
        self.vocab = vocab
        self.engine = engine

    def _words(self, chunk: str) -> List[str]:
        if chunk.isascii():
            return [chunk]
        from pythainlp.tokenize import word_tokenize
        toks = [t for t in word_tokenize(chunk, engine=self.engine, keep_whitespace=False) if t]
        return toks if "".join(toks) == chunk else [chunk]

    def __call__(self, text: str) -> Doc:
        words: List[str] = []
        spaces: List[bool] = []
        for m in WHITESPACE_RUN_RE.finditer(text):
            if m.lastgroup == "word":
                for w in self._words(m.group()):
                    words.append(w)
                    spaces.append(False)
                continue
            ws = m.group()
            if words and not spaces[-1] and ws[0] == " ":
                spaces[-1] = True
                ws = ws[1:]
            if ws:
                words.append(ws)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for t in texts:
            yield self(t)

    # spaCy saves and loads the tokenizer with the pipeline; there is no state to keep
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "ThaiTokenizer":
        return self

    def to_disk(self, path: Union[str, Path], **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: Union[str, Path], **kwargs) -> "ThaiTokenizer":
        return self


class BodyRecognizer:
    """Sets ``doc.ents`` to the ASEAN bodies named in the doc: ``ent.label_`` and ``ent.kb_id_``.

    Mentions are found on the normalised text and mapped back to the doc's characters; spans
    that cut a token are expanded to whole tokens. Existing entities are kept where they do not
    overlap a body (``overwrite=True`` drops them).
    """

    def __init__(self, *, registry: Optional[BodyRegistry] = None, registry_path: Optional[str] = None,
                 label: str = "ORG", fuzzy: bool = True, overwrite: bool = False) -> None:
        self._registry = registry
        self.registry_path = registry_path
        self.label = label
        self.fuzzy = fuzzy
        self.overwrite = overwrite

    @property
    def registry(self) -> BodyRegistry:
        if self._registry is None:
            self._registry = BodyRegistry.load(self.registry_path)
        return self._registry

    def __call__(self, doc: Doc) -> Doc:
        n = normalize(doc.text)
        spans: List[Span] = []
        for m in find_bodies(n.text, self.registry, fuzzy=self.fuzzy):
            s, e = n.offsets.span_to_raw(m.span)
            sp = doc.char_span(s, e, label=self.label, kb_id=m.body, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        ours = filter_spans(spans)
        taken = {i for sp in ours for i in range(sp.start, sp.end)}
        kept = [] if self.overwrite else [
            sp for sp in doc.ents if not any(i in taken for i in range(sp.start, sp.end))]
        doc.ents = sorted(ours + kept, key=lambda sp: sp.start)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for d in docs:
            yield self(d)


@Language.factory("aseandocs_bodies",
                  default_config={"registry_path": None, "label": "ORG", "fuzzy": True,
                                  "overwrite_ents": False})
def make_body_component(nlp: Language, name: str, registry_path: Optional[str], label: str,
                        fuzzy: bool, overwrite_ents: bool) -> BodyRecognizer:
    """The "aseandocs_bodies" factory: ``nlp.add_pipe("aseandocs_bodies", config={"label": "ASEAN_BODY"})``."""
    return BodyRecognizer(registry_path=registry_path, label=label, fuzzy=fuzzy,
                          overwrite=overwrite_ents)


def thai_nlp(*, registry_path: Optional[str] = None, label: str = "ORG", fuzzy: bool = True) -> Language:
    """``spacy.blank("th")`` with ``ThaiTokenizer`` and the body component."""
    nlp = spacy.blank("th")
    nlp.tokenizer = ThaiTokenizer(nlp.vocab)
    nlp.add_pipe("aseandocs_bodies", config={"registry_path": registry_path, "label": label,
                                             "fuzzy": fuzzy})
    return nlp
