"""Bare titles that stand for a person: an article that writes الرئيس التركي رجب طيب اردوغان
once may later write الرئيس التركي alone for the same man; rows then name the person."""
from __future__ import annotations

from ..records import Article
from .actorinfo import ActorInfo
from .chunks import Group, Sentence, chain, is_title
from .text import fold


def titled_persons(article: Article, mentions: list[dict], info: ActorInfo) -> dict[tuple[str, str], str]:
    """(title word, state) → person, from appositions like رئيس تركيا رجب طيب اردوغان: a title,
    a state mention, and right after it a person of that state."""
    out: dict[tuple[str, str], str] = {}
    for in_title, text in ((True, article.title or ""), (False, article.body)):
        rows = sorted((m for m in mentions if bool(m.get("in_title")) == in_title and m.get("form") != "implied"),
                      key=lambda m: (m["start"], -m["end"]))
        for a, b in zip(rows, rows[1:]):
            person = b["actor_id"]
            if info.types.get(person) != "person" or a["actor_id"] not in chain(person, info.parents)[1:]:
                continue
            if text[a["end"]:b["start"]].strip(" ()"):
                continue
            before = text[:a["start"]].split()
            key = title_key(fold(before[-1]), fold(before[-2]) if len(before) > 1 else "") if before else None
            if key:
                out.setdefault((key, a["actor_id"]), person)
    return out


def person_for_title(sent: Sentence, g: Group, actor: str | None, info: ActorInfo) -> str | None:
    """The person a bare title of a state stands for (الرئيس التركي → ERDOGAN), when the article
    introduced that person with that title; else None."""
    titled = sent.titled
    if not titled or not actor or info.types.get(actor) == "person":
        return None
    toks = sent.tokens
    for m in g.mentions:
        k = next((n for n in range(g.first, g.last + 1) if toks[n].start >= m.start), None)
        if k is None or k == 0:
            continue
        key = title_key(toks[k - 1].key, toks[k - 2].key if k >= 2 else "")
        if key and (key, m.actor_id) in titled and info.lift(m.actor_id) == actor:
            return titled[(key, m.actor_id)]
    return None


def title_key(key: str, before: str = "") -> str | None:
    """The word just before a state's name when it is a title (الرئيس التركي → رئيس) or the
    genitive of one (رئيس الوزراء التركي → وزراء), without clitics and article; else None."""
    if not (is_title(key) or before and is_title(before)):
        return None
    k = key[1:] if key[:1] in "وفبل" and not key.startswith("ال") and len(key) > 4 else key
    return k[2:] if k.startswith("ال") else k
