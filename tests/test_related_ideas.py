"""Related ideas on invented related-work sections: one item per topic, topics named as the author names
them, the paper's own difference shown as a difference."""

from __future__ import annotations

from paperkit.extraction.entries import parse_references
from paperkit.notes.related import PLACEHOLDER, RelatedIdea, related_ideas
from paperkit.records import Reference

REFS = parse_references(
    [
        Reference(
            f"[{n}] A. Author{n} and B. Writer. A study of gadgets number {n}. Journal, 20{10 + n}.", f"[{n}]"
        )
        for n in range(1, 9)
    ]
)


def _numbers(idea: RelatedIdea) -> list[int]:
    return [w.number for w in idea.works]


def _by_topic(ideas: list[RelatedIdea]) -> dict[str, RelatedIdea]:
    return {i.topic: i for i in ideas}


def test_paragraphs_on_the_same_topic_become_one_item_without_repeated_works() -> None:
    section = (
        "GizmoNet [1] was proposed to sort parts on a moving belt using a learned scoring rule.\n\n"
        "GizmoNet was later extended to handle broken parts [2, 1] and noisy sensors [3].\n\n"
        "Belt scheduling [4] is a related problem studied with integer programming for many years."
    )
    ideas = related_ideas(section, REFS)
    assert [i.topic for i in ideas] == ["GizmoNet", "Belt scheduling"]
    assert _numbers(ideas[0]) == [1, 2, 3] and _numbers(ideas[1]) == [4]


def test_items_that_cite_nothing_and_state_no_difference_are_left_out() -> None:
    section = (
        "The mismatch between what a model sees in training and at test time has long been noticed.\n\n"
        "We give a brief overview of the two fields that our work draws on in what follows below.\n\n"
        "Sprocket models [5] are trained to predict each gear from the gears before it, one at a time."
    )
    ideas = related_ideas(section, REFS)
    assert [i.topic for i in ideas] == ["Sprocket models"]
    assert all(i.works or i.differs for i in ideas)


def test_a_paragraph_opening_on_the_paper_itself_is_its_difference_not_a_topic() -> None:
    section = (
        "Lever search [1] was introduced to plan the moves of a robot arm with a fixed budget of steps.\n\n"
        "In comparison to lever search [1], our method plans online and never needs a budget.\n\n"
        "Pulley graphs [2] are a model of the arm as a set of linked wheels, solved by message passing.\n\n"
        "To our knowledge, however, the Cranker is the first planner using no model of the arm at all."
    )
    ideas = related_ideas(section, REFS)
    topics = _by_topic(ideas)
    assert list(topics) == ["Lever search", "Pulley graphs"]
    assert topics["Lever search"].differs == [
        "In comparison to lever search [1], our method plans online and never needs a budget."
    ]
    assert topics["Pulley graphs"].differs[0].startswith("To our knowledge, however, the Cranker")
    # The stated difference never only repeats the topic.
    assert all(d.rstrip(".") != i.topic for i in ideas for d in i.differs)


def test_run_in_titles_and_numbered_subheadings_name_the_topics() -> None:
    section = (
        "3.1 WHEEL-BASED ROUTING\n\n"
        "Early routers [1, 2] send each wheel along the shortest free track of the depot floor.\n\n"
        "Later routers [3] share the track between wheels that arrive at the same moment.\n\n"
        "3.2 Learning to Dispatch\n\n"
        "Dispatch policies [4] are learned from logs of past shifts with a simple ranking loss.\n\n"
        "Spoke counting: Counting spokes [5] is the oldest way to tell two wheels apart in a depot."
    )
    topics = _by_topic(related_ideas(section, REFS))
    assert list(topics) == ["Wheel-based routing", "Learning to Dispatch", "Spoke counting"]
    assert _numbers(topics["Wheel-based routing"]) == [1, 2, 3]


def test_a_paragraph_cut_by_a_figure_is_joined_again() -> None:
    section = (
        "Another way to get small gadgets is to shrink a trained one. Known ways are pruning [1], hashing\n\n"
        "Gear Box\n\n"
        "[2] or rounding its weights [3]. Each of these trades accuracy for size.\n\n"
        "Tiny gadgets [4] are instead trained small from the start with a narrow design."
    )
    ideas = related_ideas(section, REFS)
    assert len(ideas) == 2 and _numbers(ideas[0]) == [1, 2, 3]


def test_topics_come_from_the_phrase_the_paragraph_is_about() -> None:
    section = (
        # A cited subject: the topic is what the work proposed.
        "Finally, [1] proposed a streaming parser for gear diagrams that revises its output as it reads.\n\n"
        # A generic head gives way to what it is of; a trailing adverb is not part of the topic.
        "The goal of reducing belt stops has also shaped the designs of [2] and [3], which queue parts.\n\n"
        # An alias in apposition is dropped.
        "Self-winding, sometimes called auto-winding, is a way of keeping a spring charged [4].\n\n"
        # The name a paragraph keeps repeating, with its expansion when the paragraph spells it out.
        "Other works pick parts with a cog ranking network (CRN) [5]. A CRN scores each part alone. "
        "Some variants train the CRN jointly with the picker [6].\n\n"
        # What the paper says it relates to.
        "Naturally, this paper also relates closely to the large body of recent work on gear tuning [7]."
    )
    topics = [i.topic for i in related_ideas(section, REFS)]
    assert topics == [
        "Streaming parser for gear diagrams",
        "Reducing belt stops",
        "Self-winding",
        "Cog ranking network (CRN)",
        "Gear tuning",
    ]


def test_topics_are_never_cut_and_the_placeholder_is_a_last_resort() -> None:
    section = (
        "Many of these ideas have been tried before in one form or another [1, 2].\n\n"
        "Some of them were even tried twice, though with little success at the time [3]."
    )
    ideas = related_ideas(section, REFS)
    assert [i.topic for i in ideas] == [PLACEHOLDER]  # one shared item, never shown twice
    assert _numbers(ideas[0]) == [1, 2, 3]
    assert not any(i.topic.endswith(("…", "...")) for i in ideas)


def test_a_signpost_is_not_how_the_paper_differs() -> None:
    section = (
        "Latent codes for demonstrations [1, 2] capture how whole trajectories vary from one expert to the "
        "next. In contrast, our codes stand for the steps inside a single demonstration. "
        "In Section 3, we discuss why the usual objective is unusable in our setting."
    )
    (idea,) = related_ideas(section, REFS)
    assert idea.differs == ["In contrast, our codes stand for the steps inside a single demonstration."]


def test_unnumbered_sub_headings_name_their_topics() -> None:
    # A LaTeX \subsection or \paragraph comes out of the text conversion as a line of its own.
    section = (
        "Sprocket Hash Tables\n\n"
        "Sprocket tables [1] spread keys over many peers so that lookups stay short.\n\n"
        "Gossip Lookups\n\n"
        "Gossip lookups [2] ask random peers and keep the nearest answers, trading time for robustness.\n\n"
        "SPRKbase 12.1 13.4\n\n"
    )
    ideas = related_ideas(section, REFS)
    assert [i.topic for i in ideas] == ["Sprocket Hash Tables", "Gossip Lookups"]
    assert [_numbers(i) for i in ideas] == [[1], [2]]


def test_a_sentence_likening_the_paper_to_others_is_not_how_it_differs() -> None:
    section = (
        "Gizmo sorting. GizmoNet [1] sorts parts on a belt with a learned score. Our method is similar in "
        "spirit to GizmoNet [1]. Unlike GizmoNet, our method needs no labelled parts."
    )
    (idea,) = related_ideas(section, REFS)
    assert idea.differs == ["Unlike GizmoNet, our method needs no labelled parts."]
