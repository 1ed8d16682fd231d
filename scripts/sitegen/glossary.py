"""The glossary as a reference: its order and its letter index.

Takes the glossary terms and a source language (zh or en); gives the terms in
reading order, grouped under their initial letters. Chinese pages (Simplified
and Traditional) sort by the pinyin's toneless syllables, however the field
spaces and capitalises them, and group under pinyin initials; English pages sort by the English rendering without a leading
article or quotation mark, so 'the "Two Upholds"' files under U, not T.
Anything that does not start with a letter A-Z (the 12345 hotline) groups
under '#', first. `term_anchor` gives each entry's id from the same syllables.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import schema

OTHER = "#"
_LEADING = re.compile(r"""^(?:["'“”‘’«»《》「」『』(（\s]+|(?:the|a|an)\s+)+""", re.I)


def folded(text: str) -> str:
    """Lower case, tone marks and other accents removed: 'Liǎng Gè' -> 'liang ge'."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


# Every syllable of Standard Chinese in pinyin without tones (ü written u, as `folded` leaves it).
SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen
ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci
cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du
duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong
gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang
hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken
keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie
lin ling liu lo long lou lu luan lue lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming
miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nue
nun nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie
qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san
sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui
shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan
tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan
zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan
zui zun zuo
""".split())
_TONES = {"\u0304", "\u0301", "\u030c", "\u0300"}  # macron, acute, caron, grave (NFD)


def _split_run(letters: str, toned: list[bool]) -> list[str]:
    """One run of letters (no spaces or apostrophes) -> its syllables.

    Of the ways to cut the run into syllables of the inventory, each with at most one tone
    mark, the one the orthography means: a syllable that starts with a, o or e inside a run
    would have been written after an apostrophe (Xī'ān), so the fewest such cuts win, then
    the fewest syllables. A run that cannot be cut (N, 5G) stays one piece.
    """
    n = len(letters)
    best: list = [None] * (n + 1)  # best[i]: (vowel starts, syllables, cut) for letters[i:]
    best[n] = (0, 0, [])
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + 6) + 1):
            if letters[i:j] in SYLLABLES and sum(toned[i:j]) <= 1 and best[j] is not None:
                rest = best[j]
                cost = (rest[0] + (i > 0 and letters[i] in "aoe"), rest[1] + 1, [letters[i:j]] + rest[2])
                if best[i] is None or cost[:2] < best[i][:2]:
                    best[i] = cost
    return best[0][2] if best[0] is not None else [letters]


def syllables(pinyin: str) -> list[str]:
    """Pinyin, written syllable by syllable or by words, capitalised or not -> its toneless syllables.

    'zhù láo Zhōnghuá mínzú' and 'zhù láo zhōng huá mín zú' both give
    ['zhu', 'lao', 'zhong', 'hua', 'min', 'zu']; digits and letters that are not pinyin (N, 5G)
    come out as pieces of their own.
    """
    out: list[str] = []
    for run in re.findall(r"(?:[^\W\d_]|[\u0300-\u036f])+|\d+", unicodedata.normalize("NFD", pinyin.casefold())):
        if run.isdigit():
            out.append(run)
            continue
        letters, toned = "", []
        for c in run:
            if unicodedata.combining(c):
                if c in _TONES and toned:
                    toned[-1] = True
            else:
                letters += c
                toned.append(False)
        out += _split_run(letters, toned)
    return out


def term_anchor(term: schema.Term) -> str:
    """The id of a term's entry on the glossary page: term- and its toneless syllables (term-zhu-lao-...).

    Published links point at these ids, so they depend on the syllables only, not on how the pinyin
    field spaces or capitalises them.
    """
    return "term-" + "-".join(re.sub(r"[^a-z0-9]", "", s) for s in syllables(term.pinyin))


def sort_key(term: schema.Term, lang: str) -> str:
    """What a term is filed under: its toneless pinyin syllables (zh) or its English without 'the' and
    quotes (en)."""
    if lang == "zh":
        return " ".join(syllables(term.pinyin))
    return _LEADING.sub("", folded(term.en))


def anchor(letter: str) -> str:
    """The id of a letter's group on the glossary page: letter-a ... letter-z, letter-other."""
    return "letter-other" if letter == OTHER else f"letter-{letter.lower()}"


def initial(term: schema.Term, lang: str) -> str:
    first = sort_key(term, lang)[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


@dataclass(frozen=True)
class Letter:
    letter: str
    terms: tuple[schema.Term, ...]


def letters(terms: list[schema.Term], lang: str) -> list[Letter]:
    """The terms sorted and grouped under their initials ('#' first, then A-Z)."""
    ordered = sorted(terms, key=lambda t: (initial(t, lang) != OTHER, sort_key(t, lang), t.term))
    groups: dict[str, list[schema.Term]] = {}
    for term in ordered:
        groups.setdefault(initial(term, lang), []).append(term)
    return [Letter(letter, tuple(group)) for letter, group in groups.items()]
