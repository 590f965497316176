"""The shipped content: it loads, and it holds every talk and person of the seed."""
from __future__ import annotations

from eventprint.model import Kind, Role

SEED_TALKS = 22  # 9 on day 1 (1 keynote, 6 project talks, 2 talks), 13 on day 2 (2 keynotes, 11 talks)
SEED_PEOPLE = 28  # every speaker, chair and host named in the seed


def test_symposium_has_every_talk_and_person(symposium):
    assert len(symposium.talks) == SEED_TALKS
    assert len(symposium.people_with_roles) == SEED_PEOPLE == len(symposium.people)
    kinds = [it.kind for it in symposium.talks]
    assert kinds.count(Kind.KEYNOTE) == 3
    assert kinds.count(Kind.PROJECT_TALK) == 6
    assert [d.date.isoformat() for d in symposium.days] == ["2024-09-16", "2024-09-17"]


def test_two_speaker_talks_keep_both(symposium):
    two = {it.id: [p.id for p in it.speakers] for it in symposium.talks if len(it.speakers) == 2}
    assert two == {"clothing-pressure": ["serhat", "deshmukh"],
                   "nonverbal-communication": ["schmitt", "erguen"],
                   "genai-research-cloud": ["piscitelli", "wagner"]}


def test_tbc_title_is_a_state_not_a_string(symposium):
    tbc = [it for it in symposium.talks if not it.title.confirmed]
    assert [it.id for it in tbc] == ["markus-kratz-keynote"]
    assert tbc[0].title.text is None
    assert tbc[0].title.display == "Title to be confirmed"


def test_roles_follow_from_the_programme(symposium):
    assert symposium.person("black").roles == (Role.CHAIR, Role.HOST)
    assert symposium.person("hirsch").roles == (Role.CHAIR, Role.HOST)
    assert symposium.person("kuchenbecker").roles == (Role.SPEAKER,)
    assert symposium.person("mohler-tesch").roles == (Role.HOST,)
