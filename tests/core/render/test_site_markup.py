"""Shortcodes and Liquid tags become Markdown, labels or nothing; code stays as written."""

from __future__ import annotations

from reader.core.render.site_markup import TOKEN_RE, clean_markup


def _labels(text: str, labels: list[tuple[str, bool]]) -> list[str]:
    return [labels[int(m.group(1))][0] for m in TOKEN_RE.finditer(text)]


def test_single_shortcode_becomes_a_label() -> None:
    text, labels = clean_markup('{{< youtube id="abc" >}} and {{% tweet 123 %}}')
    assert _labels(text, labels) == ["[youtube: abc]", "[tweet: 123]"]
    assert "{{" not in text


def test_paired_highlight_becomes_fenced_code() -> None:
    text, _ = clean_markup('{{< highlight go "linenos=table" >}}\nx := 1\n{{< /highlight >}}')
    assert "~~~go\nx := 1\n~~~" in text


def test_liquid_highlight_raw_comment_and_control_flow() -> None:
    body = (
        "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n"
        "{% raw %}{{ kept }}{% endraw %} {% comment %}gone{% endcomment %}"
        "{% if a %}shown{% endif %}"
    )
    text, labels = clean_markup(body)
    assert "~~~ruby\nputs 1\n~~~" in text
    assert "{{ kept }}" in text and "gone" not in text and "shown" in text
    assert labels == []


def test_figure_ref_and_site_urls_become_markdown() -> None:
    text, _ = clean_markup(
        '{{< figure src="a b.png" caption="Cap" >}} [x]({{< relref "p.md" >}}) '
        "![i]({{ site.baseurl }}/i.png) ![j]({{ '/j.png' | relative_url }})"
    )
    assert "![Cap](<a b.png>)" in text and "*Cap*" in text
    assert "[x](p.md)" in text and "![i](/i.png)" in text and "![j](/j.png)" in text


def test_code_is_left_exactly_as_written() -> None:
    body = "`{{< inline >}}`\n\n```\n{{< fenced >}}\n{% tag %}\n```\n"
    text, labels = clean_markup(body)
    assert text == body and labels == []


def test_unclosed_fence_protects_the_rest() -> None:
    body = "```\n{{< x >}}\n"
    assert clean_markup(body)[0] == body


def test_more_marker_and_escaped_shortcodes() -> None:
    text, labels = clean_markup("a<!--more-->b {{</* x */>}}")
    assert text.startswith("ab ")
    assert labels == [("{{< x >}}", False)]


def test_private_use_token_characters_in_input_cannot_forge_labels() -> None:
    text, labels = clean_markup("\ue0000\ue001")
    assert TOKEN_RE.search(text) is None and labels == []
