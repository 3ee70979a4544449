"""Shortcodes and Liquid tags become Markdown, labels or nothing; code stays as written."""

from __future__ import annotations

from reader.core.render.pipeline import render_post
from reader.core.render.site_markup import TOKEN_RE, clean_markup
from tests.conftest import FIXTURES


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


def test_code_toggle_becomes_a_toml_block_with_a_note_of_the_other_formats() -> None:
    text, labels = clean_markup(
        "{{< code-toggle file=hugo >}}\n[params]\n  x = '/**}'\n{{< /code-toggle >}}\n"
    )
    assert "~~~toml\n[params]\n  x = '/**}'\n~~~" in text
    assert _labels(text, labels) == ["hugo.toml — Hugo also shows this as YAML and JSON"]


def test_a_self_closing_code_toggle_does_not_swallow_what_follows() -> None:
    text, labels = clean_markup("{{< code-toggle config=build />}}\n\nprose\n\n{{< x >}}")
    assert "prose" in text and "~~~" not in text
    assert _labels(text, labels)[0] == "[code-toggle: build]"


def test_code_in_a_list_item_keeps_the_item_indentation() -> None:
    text, _ = clean_markup("1. Step\n\n   {{< highlight sh >}}\n   make\n   {{< /highlight >}}\n")
    assert "   ~~~sh\n   make\n   ~~~" in text


def test_admonitions_and_details_become_boxes_with_their_titles() -> None:
    text, _ = clean_markup(
        '{{% notice warning "Mind the gap" %}}\nBody *md*\n{{% /notice %}}\n'
        '{{< details summary="More" >}}\nx\n{{< /details >}}\n{{< note >}}\ny\n{{< /note >}}'
    )
    assert '<div class="reader-box reader-box-warning">' in text and ">Mind the gap</p>" in text
    assert '<div class="reader-box reader-box-details">' in text and ">More</p>" in text
    assert '<div class="reader-box reader-box-note">' in text and ">Note</p>" in text
    assert text.count("</div>") == 3 and "Body *md*" in text


def test_unknown_paired_shortcodes_keep_their_body_with_a_label_and_unpaired_ones_a_label() -> None:
    text, labels = clean_markup("{{< tabs >}}\n*body*\n{{< /tabs >}}\n\n{{< note >}} alone")
    assert _labels(text, labels) == ["[tabs]", "[note]"]
    assert "*body*" in text and "<div" not in text


def test_escaped_shortcodes_read_literally_in_code_too() -> None:
    text, labels = clean_markup("`{{</* a */>}}`\n\n```\n{{%/* b */%}}\n```\n")
    assert "`{{< a >}}`" in text and "{{% b %}}" in text and labels == []


def test_template_actions_and_comments_are_dropped_liquid_values_labelled() -> None:
    text, labels = clean_markup("{{ if .x }}a{{ end }}{{/* c */}}{{- .Title -}} {{ page.title }}")
    assert text.startswith("a ") and _labels(text, labels) == ["[page.title]"]


def test_post_url_and_link_lead_to_the_post_inside_the_library() -> None:
    root = FIXTURES / "render-examples"
    text, _ = clean_markup(
        "[a]({% post_url 2020-01-02-target %}) [b]({% link _posts/2020-01-02-target.md %}) "
        "[c]({% post_url no-such-post %}) [d]({% link ../../etc/passwd %})",
        post_dir=root,
        library_root=root,
    )
    assert text.count("(_posts/2020-01-02-target.md)") == 2
    assert "(no-such-post)" in text and "etc/passwd" in text and ".." in text  # left as written


def test_kramdown_markdown_attribute_opens_the_element_to_markdown() -> None:
    text, _ = clean_markup('<aside markdown="1" class="q">\n*x*\n<p markdown="1">y</p>\n</aside>')
    assert text == '<aside class="q">\n\n\n*x*\n<p>\n\ny\n\n</p>\n\n\n</aside>'


def test_inside_markdown_1_a_lone_span_tag_line_and_its_text_are_one_paragraph() -> None:
    # kramdown's pull quote: an avatar on its own line, then the quote's Markdown
    body = (
        '<aside markdown="1">\n  <img src="a.png" alt="avatar">\n  \\[freenode\\] *helped*\n'
        '<div>\nraw\n</div>\n</aside>\n<img src="b.png">\n\\[outside\\]\n'
    )
    html = render_post(body, post_dir=FIXTURES, library_root=FIXTURES).body_html
    assert "a.png not found]</span>   [freenode] <em>helped</em></p>" in html
    assert "<div>\nraw\n</div>" in html  # block tags are not joined
    assert "\\[outside\\]" in html  # outside markdown="1" CommonMark rules stay


def test_unclosed_openers_are_left_alone() -> None:
    body = "{% raw %} {{< highlight go >}} {% comment %} {{</* " * 200
    text, labels = clean_markup(body)
    assert "~~~" not in text and "{{</*" in text
    assert _labels(text, labels) == ["[highlight: go]"] * 200
