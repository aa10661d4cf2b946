"""Which jurisdiction a page is about: from the source config, else its address, language and wording."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Words (folded: lower case, simplified Chinese) that name a jurisdiction. Latin words match whole words.
WORDS: dict[str, tuple[str, ...]] = {
    "EU": ("eu", "european", "europe", "european union", "european commission", "brussels", "ue", "europäische",
           "européenne", "europea", "europeo", "europeia", "欧盟", "欧洲", "欧州", "유럽", "union européenne"),
    "US": ("united states", "u.s.", "america", "american", "federal", "white house", "congress", "美国", "미국",
           "米国"),
    "US-CO": ("colorado",),
    "US-CA": ("california", "加州"),
    "US-TX": ("texas", "德州"),
    "US-UT": ("utah",),
    "US-VA": ("virginia",),
    "US-NY": ("new york",),
    "CN": ("china", "chinese", "中国", "国家互联网信息办公室", "网信办", "国务院", "중국"),
    "KR": ("korea", "korean", "한국", "대한민국", "국회", "韩国", "韓国"),
    "JP": ("japan", "japanese", "日本", "内閣", "政府"),
    "BR": ("brazil", "brasil", "brazilian", "senado", "câmara", "camara", "巴西"),
    "GB": ("uk", "united kingdom", "britain", "british", "英国"),
    "SG": ("singapore", "新加坡"),
    "MY": ("malaysia",),
    "IN": ("india", "indian", "印度"),
    "INT": ("united nations", "oecd", "g7", "g20", "council of europe", "unesco", "联合国"),
    # places with no tracked instrument: their names keep a generic phrase ("Vietnam's AI law") from another's act
    "VN": ("vietnam", "viet nam", "vietnamese", "越南", "베트남", "ベトナム"),
    "TW": ("taiwan", "taiwanese", "台湾", "대만"),
    "HK": ("hong kong", "香港"),
    "KZ": ("kazakhstan",),
    "PE": ("peru", "peruvian"),
    "CL": ("chile", "chilean"),
    "CO": ("colombia", "colombian"),
    "MX": ("mexico", "mexican"),
    "AR": ("argentina", "argentine"),
    "SV": ("el salvador", "salvadoran"),
    "CA": ("canada", "canadian", "加拿大"),
    "AU": ("australia", "australian", "澳大利亚"),
    "NZ": ("new zealand",),
    "TH": ("thailand", "thai"),
    "ID": ("indonesia", "indonesian"),
    "PH": ("philippines", "philippine"),
    "AE": ("united arab emirates", "uae", "emirati"),
    "SA": ("saudi arabia", "saudi"),
    "IL": ("israel", "israeli"),
    "CH": ("switzerland", "swiss"),
    "TR": ("türkiye", "turkish"),
    "ZA": ("south africa",),
    "NG": ("nigeria", "nigerian"),
    "KE": ("kenya", "kenyan"),
}

_LATIN = {code: [w for w in words if w.isascii()] for code, words in WORDS.items()}
_OTHER = {code: [w for w in words if not w.isascii()] for code, words in WORDS.items()}
_LATIN_RE = {
    code: re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")
    for code, words in _LATIN.items()
    if words
}

_DOMAINS = (
    (r"(^|\.)europa\.eu$|eur-lex", "EU"),
    (r"(^|\.)colorado\.gov$|leg\.colorado", "US-CO"),
    (r"(^|\.)ca\.gov$|leginfo\.legislature\.ca", "US-CA"),
    (r"(^|\.)texas\.gov$", "US-TX"),
    (r"(^|\.)utah\.gov$", "US-UT"),
    (r"(^|\.)virginia\.gov$", "US-VA"),
    (r"(^|\.)ny\.gov$|nysenate\.gov", "US-NY"),
    (r"\.gov$|\.mil$", "US"),
    (r"\.cn$", "CN"),
    (r"\.kr$", "KR"),
    (r"\.jp$", "JP"),
    (r"\.br$", "BR"),
    (r"\.uk$", "GB"),
    (r"\.sg$", "SG"),
    (r"\.de$", "DE"),
    (r"\.fr$", "FR"),
    (r"\.it$", "IT"),
    (r"\.es$", "ES"),
    (r"(^|\.)(coe\.int|un\.org|oecd\.org|unesco\.org)$", "INT"),
)


def jurisdiction_words_present(folded: str) -> set[str]:
    found = {code for code, rx in _LATIN_RE.items() if rx.search(folded)}
    found.update(code for code, words in _OTHER.items() if any(w in folded for w in words))
    return found


def from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    for rx, code in _DOMAINS:
        if re.search(rx, host):
            return code
    return None


def from_language(language: str | None, folded: str) -> str | None:
    lang = (language or "").split("-")[0].lower()
    if lang == "ko" or (not lang and re.search(r"[\uac00-\ud7a3]{4}", folded)):
        return "KR"
    if lang == "ja" or (not lang and re.search(r"[\u3040-\u30ff]{3}", folded)):
        return "JP"
    if lang == "zh" or (not lang and re.search(r"[\u4e00-\u9fff]{6}", folded)):
        return "CN"
    if lang == "pt":
        return "BR"
    return None


def resolve_jurisdiction(url: str | None, language: str | None, folded: str) -> str | None:
    """Best guess of a page's jurisdiction when the source config does not give one."""
    code = from_url(url) or from_language(language, folded)
    if code:
        return code
    counts = {c: len(rx.findall(folded)) for c, rx in _LATIN_RE.items()}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] >= 2 else None
