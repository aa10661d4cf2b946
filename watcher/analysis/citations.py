"""Dates that name a text or stamp a page rather than set a date: an act cited with its date, an Official Journal
reference, a byline or a wire dateline. Their role follows from how they are written, before any cue word counts."""

from __future__ import annotations

import re

_I = re.I

# EUR-Lex's reference line of the act itself ("OJ L, 2025/454, 10.3.2025"); another act's cited in passing
_OJ_LINE = re.compile(r"(?:^|\n)[ \t]*OJ\s+[LC]\b[^\n()]{0,24},\s*$")
_OJ_CITED = re.compile(r"\(\s*OJ\s+[LC]\b[^\n()]{0,24},\s*$")
# an act cited by number and date: "Portaria nº 4.617, de 6 de abril de 2021", "Decreto nº 10.463, de 14 de agosto de
# 2020", "Ley 11/2022, de 28 de junio", "Executive Order 14179 of January 23, 2025"
_CITATION = re.compile(r"(?:\bn[º°o]\.?|\bnúmero|\bno\.|\bnr\.|order)\s*[\d.]+(?:/\d+)?,?\s+(?:de|of|du|del|vom)\s*$", _I)
# an EU act named with its date: "Regulation (EU) 2024/1689 of the European Parliament and of the Council of 13 June 2024"
_EU_CITATION = re.compile(
    r"(?:regulation|directive|decision|règlement|décision|verordnung|richtlinie|beschluss|regolamento|direttiva|decisione"
    r"|reglamento|directiva|decisión|regulamento|diretiva|decisão)\s*\((?:eu|ec|ue|ce|eg)(?:,\s*euratom)?\)\s*(?:n[°o.º]\s*)?"
    r"\d+/\d+(?:/\w+)?[^.;\n\d]{0,90}?\b(?:of|du|vom|del|de|do)\s*$", _I)
# an act named by its date: "Le règlement sur l'IA (RIA ou AI Act) du 13 juin 2024", "the Law of 23 September 2025"
_ACT_OF = re.compile(r"\b(?:act|law|regulation|règlement|loi|gesetz|verordnung|legge|regolamento|ley|reglamento|lei|regulamento)"
                     r"(?:\s+(?:sur|on|über|sull|sobre)\s+[^()\n.;]{1,30}?)?(?:\s*\([^()\n]{1,30}\))?\)?,?\s+"
                     r"(?:du|of|vom|del|de|do)\s*$", _I)
# the act's own title line, where its date is the day it was made
_TITLE_LINE = re.compile(r"\s*(?:portaria|decreto|lei|resolu[çc][ãa]o|instru[çc][ãa]o normativa|medida provis[óo]ria|ley|real decreto"
                         r"|orden|executive order)\b", _I)
# "By A. Writer  Jan. 1, 2026": a byline's date stamps the article
_BYLINE = re.compile(r"\s*(?i:by|von|par|por|di|da)\s+[A-ZÀ-Ý][\w.'-]*(?:\s+[A-ZÀ-Ý][\w.'-]*){0,3}[\s,|·—-]*$")
# a wire story's dateline: "PARIS, 12 février 2025 (WAM) --", "WASHINGTON, March 3 (Reuters) -"
_DATELINE_CITY = re.compile(r"(?:^|\n)[ \t]*[A-ZÀ-Ý][\wÀ-ÿ.'&-]+(?:\s[A-ZÀ-Ý][\wÀ-ÿ.'&-]+){0,3}(?:,\s*[A-Za-zÀ-ÿ .]{2,20})?,\s*$")
_DATELINE_AGENCY = re.compile(r"\s*(?:\([\w .&/-]{2,30}\))?\s*(?:--|[-–—])\s")


def cited_role(text: str, start: int, before: str, after: str) -> str | None:
    """The role of a date at `start` that cites an act or stamps the page, or None when it does neither."""
    if _OJ_LINE.search(before[-60:]):
        return "published"
    if _OJ_CITED.search(before[-60:]):
        return "other"
    if _EU_CITATION.search(before[-140:]):
        return "adopted"  # an EU act's date is the day it was signed
    if _CITATION.search(before[-40:]) or _ACT_OF.search(before[-80:]):
        # "Portaria MCTI nº 4.617, de 6 de abril de 2021": the date names an act; in the act's own title it is its date
        return "adopted" if _TITLE_LINE.match(text, text.rfind("\n", 0, start) + 1) else "other"
    if _BYLINE.match(before.rsplit("\n", 1)[-1]) and len(after.strip()) <= 40:
        return "published"
    if _DATELINE_CITY.search(text, max(0, start - 60), start) and _DATELINE_AGENCY.match(after):
        return "published"
    return None
