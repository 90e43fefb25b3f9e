"""Article numbers as drafts write them (第一条 … 第一百零五条) and the split of a pasted draft into articles.

A draft is pasted as text: every article starts on a line of its own with “第…条”; a chapter heading
(“第二章 申请与受理”) is kept with the article that follows it. The numbers must run 1, 2, 3 … so that a
comment on “第五条” means the same article to everyone."""

import re

DIGITS = "零一二三四五六七八九"
ARTICLE_START = re.compile(r"^\s*第\s*([零〇一二两三四五六七八九十百\d]+)\s*条[\s　]*")
CHAPTER_LINE = re.compile(r"^\s*第\s*[零〇一二两三四五六七八九十百\d]+\s*[章节]")


def chinese_number(number: int) -> str:
    """1–999 in Chinese numerals as article numbers are written: 十, 十二, 二十, 一百零五, 一百一十."""
    if not 0 < number < 1000:
        return str(number)
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    text = ""
    if hundreds:
        text = DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return text + "零" + DIGITS[ones]
    if tens:
        text += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        text += DIGITS[ones]
    return text


def parse_number(text: str) -> int | None:
    """“十二” → 12, “一百零五” → 105, “12” → 12; None when it is not a number below 1000."""
    text = text.strip().replace("〇", "零").replace("两", "二")
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS.index(char)
        elif char in "十百":
            unit = 10 if char == "十" else 100
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    total += digit or 0
    return total if 0 < total < 1000 else None


def article_label(number: int) -> str:
    return f"第{chinese_number(number)}条"


class DraftTextError(ValueError):
    """The pasted draft cannot be split into articles; the message says where, in Chinese."""


def split_articles(text: str) -> list[dict]:
    """[{number, chapter, text}, …] from a pasted draft. The preamble before the first article (a title,
    say) is not an article and is dropped; blank lines inside an article are kept as paragraph breaks."""
    articles, chapter = [], ""
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        start = ARTICLE_START.match(line)
        if start:
            number = parse_number(start.group(1))
            expected = len(articles) + 1
            if number != expected and not articles:
                raise DraftTextError(f"草案正文应从“第一条”开始，实际为“{line.strip()[:20]}”。")
            if number != expected:
                raise DraftTextError(f"条文序号应连续：{article_label(len(articles))}之后应为“{article_label(expected)}”，"
                                     f"实际为“{line.strip()[:20]}”。")
            articles.append({"number": number, "chapter": chapter, "lines": [line[start.end():].strip()]})
            chapter = ""
        elif CHAPTER_LINE.match(line):
            chapter = line.strip()
        elif articles:
            articles[-1]["lines"].append(line.strip())
    if not articles:
        raise DraftTextError("未识别出条文：草案正文的每一条应另起一行，以“第一条”“第二条”……开头。")
    result = []
    for article in articles:
        body = re.sub(r"\n{3,}", "\n\n", "\n".join(article["lines"]).strip())
        if not body:
            raise DraftTextError(f"{article_label(article['number'])}没有内容。")
        result.append({"number": article["number"], "chapter": article["chapter"], "text": body})
    return result


def join_articles(articles) -> str:
    """The articles back as the text an editor pastes and edits (the inverse of split_articles)."""
    parts = []
    for article in articles:
        if article.chapter:
            parts.append(article.chapter)
        parts.append(f"{article_label(article.number)}　{article.text}")
    return "\n".join(parts)
