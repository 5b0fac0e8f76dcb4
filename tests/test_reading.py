"""The reading aids of the note: roles, one breath, contributions, key terms, background, related ideas."""

from __future__ import annotations

from paperkit.extraction.entries import parse_references
from paperkit.notes.background import background, related_ideas
from paperkit.notes.cited_entry import who
from paperkit.notes.contributions import contributions
from paperkit.notes.roles import in_one_breath, sort_roles
from paperkit.notes.terms import find_terms, title_head
from paperkit.records import Reference, Section, Sections

ABSTRACT = (
    "Deep networks are hard to train. Existing fixes are slow. We propose the Widget, a layer that "
    "rescales activations. The Widget is simple to add to any network. Experiments show it improves "
    "accuracy by 3% on two benchmarks."
)
REFS = parse_references(
    [
        Reference(
            "[1] Y. Bengio, P. Simard, and P. Frasconi. Learning long-term dependencies is hard. "
            "IEEE Trans. Neural Networks, 1994.",
            "[1]",
        ),
        Reference("[2] S. Hochreiter and J. Schmidhuber. Long short-term memory. Neural Comp., 1997.", "[2]"),
        Reference(
            "[3] H. Daumé III, J. Langford, D. Marcu. Search-based structured prediction. "
            "arXiv:0907.0786, 2009.",
            "[3]",
        ),
    ]
)


def test_roles_follow_the_idea_sentence() -> None:
    roles = sort_roles(ABSTRACT)
    assert roles.problem[0] == "Deep networks are hard to train."
    assert roles.breath == ["We propose the Widget, a layer that rescales activations."]
    assert all("We propose" not in s for s in roles.idea)  # the idea in one breath is not repeated
    assert roles.result == ["Experiments show it improves accuracy by 3% on two benchmarks."]
    assert all(len(getattr(roles, r)) <= 3 for r in ("problem", "idea", "result"))


def test_one_breath_is_the_idea_sentence() -> None:
    assert in_one_breath(ABSTRACT, sort_roles(ABSTRACT))[0].startswith("We propose the Widget")


def test_contributions_are_read_from_a_list() -> None:
    intro = (
        "Widgets matter. Our contributions are as follows: • We define the Widget layer. "
        "• We prove it keeps the signal. • We test it on two benchmarks. Section 2 reviews related work."
    )
    assert [c.text for c in contributions(intro)] == [
        "We define the Widget layer.",
        "We prove it keeps the signal.",
        "We test it on two benchmarks.",
    ]
    assert contributions("There are no contributions listed here, just prose.") == []


def test_key_terms_acronyms_and_named_phrases() -> None:
    terms = find_terms(
        "Long Short-Term Memory (LSTM) networks model long term dependencies. We introduce a method, "
        "which we call scheduled sampling, and a technique called batch normalization is used."
    )
    found = {t.term: t.expansion for t in terms}
    assert found == {
        "LSTM": "Long Short-Term Memory",
        "scheduled sampling": None,
        "batch normalization": None,
    }


def test_who_names_authors_briefly() -> None:
    assert who(["Y. Bengio"]) == "Bengio"
    assert who(["Bengio, Y.", "LeCun, Y."]) == "Bengio and LeCun"
    assert who(["Hal Daumé III", "John Langford", "Daniel Marcu"]) == "Daumé et al."


def test_background_groups_works_under_the_sentence_citing_them_and_folds_what_it_does_not_lean_on() -> None:
    intro = "RNNs are hard to train [1]. Gated units help [2, 3]. Gates are common [3]."
    items = background(intro, REFS)
    supports = ["RNNs are hard to train [1].", "Gated units help [2, 3].", "Gated units help [2, 3]."]
    assert [i.supports for i in items] == supports
    # [3] is cited twice: the introduction leans on it; [1] and [2] once, unnamed: folded, kept.
    assert [([e.number for e in i.works], i.folded) for i in items] == [
        ([1], True),
        ([2], True),
        ([3], False),
    ]
    assert items[2].works[0].fetch_command == "paperkit fetch 0907.0786"
    assert items[0].works[0].who == "Bengio et al." and items[0].works[0].year == "1994"


def test_related_ideas_per_paragraph_and_how_the_paper_differs() -> None:
    related = (
        "Gating. Recurrent nets with gates were proposed to keep gradients alive over long spans [2].\n\n"
        "Imitation learning also faces a mismatch between training and test states [3]. The states might be "
        "different from those seen in training. Unlike this line of work, our method needs no expert."
    )
    ideas = related_ideas(related, REFS)
    assert ideas[0].topic == "Gating"
    assert [e.number for e in ideas[0].works] == [2] and ideas[0].differs == []
    assert [e.number for e in ideas[1].works] == [3]
    # Only sentences where the paper speaks of itself count as setting it apart.
    assert ideas[1].differs == ["Unlike this line of work, our method needs no expert."]


def test_contributions_keep_sub_items_nested_and_the_last_item() -> None:
    intro = (
        "Widgets matter. Our contributions are: (1) We define the Widget, with (a) a forward rule and "
        "(b) a backward rule. (2) We prove it keeps the signal. (3) We test it on two benchmarks.\n\n"
        "The rest of the paper is organised as follows."
    )
    found = contributions(intro)
    assert [c.text for c in found] == [
        "We define the Widget, with",
        "We prove it keeps the signal.",
        "We test it on two benchmarks.",
    ]
    assert found[0].items == ["a forward rule and", "a backward rule."]


def test_contributions_keep_a_first_second_finally_sequence_together() -> None:
    intro = (
        "Our contributions are threefold. First, we define the Widget layer. Second, we prove that it "
        "keeps the signal. Finally, we test it on two benchmarks. Widgets are old."
    )
    texts = [c.text for c in contributions(intro)]
    assert texts[0].startswith("First") and texts[-1].startswith("Finally") and len(texts) == 3


def test_code_links_and_pages() -> None:
    from paperkit.extraction.pages import locate_in_pages
    from paperkit.notes.links import code_links, sentence_pages

    pages = [
        "Title\nCode: http://www.github.com/someone/widget.\n",
        "Old work helps. We propose the Widget, a layer that rescales.\n\nA second paragraph on gadgets.",
        "The widget is\nnot a gadget and never was one.",
    ]
    intro = Section(
        "1 Introduction",
        "Old work helps. We propose the Widget, a layer that rescales.\n\n"
        "A second paragraph on gadgets.\n\nThe widget is not a gadget and never was one.",
    )
    sections = Sections("T", "", [], intro, None, [])
    locate_in_pages(sections, pages)  # a route that knows no pages: found once, in the PDF's text
    assert intro.paragraph_pages == [2, 2, 3]
    assert code_links("See github.com/someone/widget.git for code.", sections.code) == [
        "https://github.com/someone/widget"
    ]
    found = sentence_pages(
        ["We propose the Widget, a layer that rescales.", "Not in the paper at all, no.",
         "The widget is not a gadget and never was one."],
        sections,
        "",
    )  # fmt: skip
    assert found == {
        "We propose the Widget, a layer that rescales.": 2,
        "The widget is not a gadget and never was one.": 3,
    }


def test_key_terms_merge_names_and_acronyms_and_skip_authors() -> None:
    terms = find_terms(
        "We introduce a model called WIDGET, which stands for Wide Input Deep Gated Encoder Transformer. "
        "Unlike earlier models (Smith et al., 2019), WIDGET uses Gated Rescaling on every layer. "
        "With Gated Rescaling the signal of the WIDGET stays stable."
    )
    names = [t.term for t in terms]
    assert names.count("WIDGET") == 1 and "Smith" not in names
    widget = next(t for t in terms if t.term == "WIDGET")
    assert widget.expansion == "Wide Input Deep Gated Encoder Transformer"
    assert "Gated Rescaling" in names


def test_key_terms_skip_cited_authors_possessive_endings_and_adverbial_phrases() -> None:
    refs = parse_references(
        [Reference("[3] Q. Zhaoxu. Seeding rules for categorical clustering. J. Cl., 2001.", "[3]")]
    )
    text = (
        "Seeding the modal clustering step matters, as Zhaoxu [3] observed for categorical records. "
        "The seeding we give follows Zhaoxu [3] but draws each seed by a stable-matching rule. "
        "A planet’s orbital tilt arises naturally in the stable-matching view of the modal clustering step. "
        "We measure the orbital tilt of each record and the orbital tilt of each seed."
    )
    names = [t.term for t in find_terms(text, references=refs, introduction=text)]
    assert "Zhaoxu" not in names
    assert not any(n.startswith("s ") for n in names)
    assert not any("naturally" in n for n in names)
    assert "orbital tilt" in names


def test_key_terms_come_from_prose_not_from_algorithm_boxes() -> None:
    text = (
        "We seed the modal clustering step with a stable-matching rule. "
        "The modal clustering step then runs to convergence on the categorical records. "
        "Input: a dataset X, a number k Output: k seeds for j = 1, . . . , m do Zqdens ← 0 end while "
        "|S| < k do Zqdens ← Zqdens + 1 end"
    )
    names = [t.term for t in find_terms(text)]
    assert "modal clustering step" in names
    assert not any("Zqdens" in n for n in names)


def test_the_name_a_title_leads_with_is_a_key_term_where_the_text_says_it() -> None:
    assert title_head("Gated Rescaling: Faster Training of Deep Networks") == "Gated Rescaling"
    assert title_head("Shadow Sampling for Sequence Models with Recurrent Networks") == "Shadow Sampling"
    assert title_head("Distilling the Knowledge in a Large Network") is None  # an action, not a name
    assert title_head("Attention Is All You Need") is None
    text = (
        "We introduce gated rescaling, which divides each layer's output by a learned running scale. "
        "Networks with it train twice as fast on three image tasks."
    )
    terms = find_terms(text, title="Gated Rescaling: Faster Training of Deep Networks")
    assert terms and terms[0].term.lower() == "gated rescaling"


def test_background_shows_works_cited_where_the_paper_states_its_aim_or_named_in_the_text() -> None:
    intro = (
        "Recurrent nets are common [1]. Long Short-Term Memory [2] keeps gradients alive. "
        "We train them with a search-based loss [3]."
    )
    shown = {e.number for i in background(intro, REFS) if not i.folded for e in i.works}
    assert shown == {2}  # named right before its marker
    focus = ["We train them with a search-based loss [3]."]
    shown = {e.number for i in background(intro, REFS, focus=focus) if not i.folded for e in i.works}
    assert shown == {2, 3}  # cited in the sentence stating the idea


def test_background_shows_at_most_a_screenful_and_folds_the_rest() -> None:
    refs = parse_references(
        [Reference(f"[{i}] A. Author{i}. Work number {i}. J., 2001.", f"[{i}]") for i in range(1, 21)]
    )
    intro = " ".join(f"Part {i} matters [{i}], as said again [{i}]." for i in range(1, 21))
    items = background(intro, refs, shown=5)
    assert sum(len(i.works) for i in items if not i.folded) == 5
    assert sum(len(i.works) for i in items) == 20  # folded, not dropped


def test_key_terms_are_never_bare_adjectives_or_fragments_of_a_longer_name() -> None:
    text = (
        "We study the Kelvo semigroup on rough domains. The Kelvo semigroup decays fast, and the Kelvo "
        "semigroup is differentiable. Our estimate is differentiable and scalable. A differentiable bound "
        "holds for every Kelvo semigroup we meet."
    )
    names = [t.term.lower() for t in find_terms(text)]
    assert "kelvo semigroup" in names
    assert "kelvo" not in names  # a fragment of the name the text always prints
    assert not {"differentiable", "scalable"} & set(names)


def test_one_sentence_serves_at_most_two_terms_and_pairs_stand_together() -> None:
    text = (
        "The Quorl Filter (QF) and the Brantic Gate (BG) and the Mosk Pool (MP) form the model. "
        "The Mosk Pool keeps a running scale of each layer."
    )
    terms = find_terms(text)
    by_sentence: dict[str, int] = {}
    for t in terms:
        by_sentence[t.sentence] = by_sentence.get(t.sentence, 0) + 1
    assert {t.term for t in terms} == {"QF", "BG", "MP"}
    assert max(by_sentence.values()) <= 2
    assert next(t for t in terms if t.term == "MP").sentence.startswith("The Mosk Pool keeps")
    sentences = [t.sentence for t in terms]
    assert sentences.index(sentences[-1]) >= len(sentences) - 2  # sharers side by side


def test_the_titles_noun_phrases_are_key_terms_as_the_text_prints_them() -> None:
    text = (
        "Sparse lattice folding speeds up the training of wide networks. We show that sparse lattice "
        "folding keeps accuracy on three image tasks while halving the time per step."
    )
    terms = find_terms(text, title="SPARSE LATTICE FOLDING FOR WIDE NETWORKS")
    names = [t.term for t in terms]
    assert "sparse lattice folding" in [n.lower() for n in names]
    assert not any(n.isupper() for n in names)  # as the text prints it, not shouted as the title


def test_named_methods_said_once_and_terms_in_quotation_marks_are_key_terms() -> None:
    text = (
        "Sorting parts on a belt is slow. We start from GizRank, an earlier sorting rule. We add a random "
        "“jitter pass” that shakes the belt. Perhaps a “good enough” sorter already exists. "
        "The combined sorter halves the time per part on three belts."
    )
    names = [t.term for t in find_terms(text)]
    assert {"GizRank", "jitter pass"} <= set(names)  # a name spelt as one; a term set in quotes
    assert "good enough" not in names  # everyday words in quotation marks are no term


def test_a_title_names_no_action_after_to_but_keeps_x_to_x() -> None:
    from paperkit.notes.term_words import title_phrases

    assert title_phrases("Gadget Sorting by Jointly Learning to Rank and Sort") == [
        "Gadget Sorting",
        "Jointly Learning",
    ]
    assert title_phrases("Convolutional Frame to Frame Tracking") == ["Convolutional Frame to Frame Tracking"]
    text = "Frame to frame tracking follows each part. We show that frame to frame tracking is fast."
    assert "frame to frame tracking" in [
        t.term.lower() for t in find_terms(text, title="Convolutional Frame to Frame Tracking")
    ]


def test_a_key_term_is_quoted_from_a_sentence_that_stands_on_its_own() -> None:
    text = (
        "Parts jam on fast belts. These jams stall the gizmo sorter for minutes. "
        "The gizmo sorter reads each part's label before it moves it."
    )
    terms = {t.term: t.sentence for t in find_terms(text)}
    assert terms["gizmo sorter"].startswith("The gizmo sorter reads")


def test_pages_are_read_only_until_the_parts_are_placed() -> None:
    from paperkit.extraction.pages import locate_in_pages

    intro = Section(
        "1 Introduction", "Widgets rescale every layer of the net.\n\nGadgets never rescale a layer."
    )
    sections = Sections("T", "", [], intro, None, [])
    read: list[int] = []

    def pages():  # type: ignore[no-untyped-def]
        for n in range(1, 200):
            read.append(n)
            yield (
                "Widgets rescale every layer of the net."
                if n == 2
                else "Gadgets never rescale a layer."
                if n == 3
                else "filler text"
            )

    locate_in_pages(sections, pages())
    assert intro.paragraph_pages == [2, 3] and len(read) == 3  # all placed: no further page is read
    lost = Section(
        "1 Introduction", "Widgets rescale every layer of the net.\n\nA paragraph the PDF never prints."
    )
    read.clear()
    locate_in_pages(Sections("T", "", [], lost, None, []), pages())
    assert lost.paragraph_pages == [2, 2] and len(read) <= 10  # past the part: the long tail is not read
