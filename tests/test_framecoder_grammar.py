"""Grammar the German frame coder reads rather than words: a present plural is its own
infinitive ("leben" is no form of "loben"), "würde" + infinitive is a condition and not the
future, an indirect question asserts nothing, and a verb of occurrence takes its source
("Kritik kam aus der Opposition"). Sentences written for this test. Needs the German syntax
model (skipped otherwise)."""

from __future__ import annotations

from framecoding import frame_coded, needs_parser

from newsevents.events.verblemmas import recovered_lemma

pytestmark = needs_parser("de")


def test_present_plural_keeps_its_vowel() -> None:
    known = frozenset({"loben", "werfen"})
    assert recovered_lemma("leben", "leben", "VVFIN", known) is None
    # a past form with a cut lemma still finds its strong verb
    assert recovered_lemma("warfen", "warf", "VVFIN", known) == "werfen"


def test_living_is_no_praise() -> None:
    _, events = frame_coded("Derzeit leben 1200 Flüchtlinge in der Stadt.")
    assert not events


def test_wuerde_is_a_condition_not_a_promise() -> None:
    _, events = frame_coded("Für den Kandidaten würde sich Frankreich stark einsetzen.")
    assert [e.type for e in events] == ["SUPPORT"]
    assert events[0].status == "hypothetical"


def test_wuerde_not_support_is_a_refusal() -> None:
    _, events = frame_coded(
        "Der Präsident hatte erklärt, dass er die Kandidatur des Ministers nicht "
        "unterstützen würde."
    )
    assert "REJECT" in [e.type for e in events]


def test_indirect_question_asserts_no_event() -> None:
    _, events = frame_coded(
        "Der Angeklagte habe den Ermittlern erklärt, wie man eine Kaserne angreift."
    )
    assert "ASSAULT" not in [e.type for e in events]


def test_source_of_what_occurred_is_its_actor() -> None:
    article, events = frame_coded("Scharfe Kritik kam am Montag von der Gewerkschaft.")
    found = [e for e in events if e.type == "ACCUSE"]
    assert found
    assert any("Gewerkschaft" in article.actors[a].name for a in found[0].actors)


def test_killed_in_an_attack_are_its_recipients() -> None:
    article, events = frame_coded(
        "Bei einem Anschlag auf einen Markt sind am Sonntag zwölf Zivilisten ums Leben gekommen."
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks
    assert not attacks[0].actors
    assert any(article.actors[r].sector == "CVL" for r in attacks[0].recipients)


def test_first_person_goes_on_with_the_speaker() -> None:
    article, events = frame_coded(
        "Der Außenminister Karl Moser kam am Montag aus Rom zurück. Die Gespräche seien gut "
        "gewesen, sagte Moser. Wir sind zu einer Einigung gelangt."
    )
    agreed = [e for e in events if e.type == "AGREE"]
    assert agreed
    assert any("Moser" in article.actors[a].name for a in agreed[0].actors)


def test_impersonal_es_reaches_nothing() -> None:
    # the parties are the noun's own phrase, never the impersonal "es"
    article, events = frame_coded(
        "Am Abend kam es zu einer Einigung zwischen der Regierung und den Rebellen."
    )
    assert [e.type for e in events] == ["AGREE"]
    names = {article.actors[a].name for a in events[0].actors + events[0].recipients}
    assert names == {"Regierung", "Rebell"}


def test_later_count_of_victims_is_detail() -> None:
    _, events = frame_coded(
        "Bewaffnete haben am Montag ein Dorf im Norden überfallen. Nach Angaben der Behörden "
        "wurden zwölf Menschen verletzt."
    )
    assert [e.type for e in events].count("ASSAULT") == 1


def test_count_naming_the_attack_is_coded() -> None:
    _, events = frame_coded(
        "Bewaffnete haben am Montag ein Dorf im Norden überfallen. Bei einem zweiten Angriff "
        "auf eine Schule wurden zwölf Menschen getötet."
    )
    assert [e.type for e in events].count("ASSAULT") == 2


def test_reporter_is_no_attacker() -> None:
    article, events = frame_coded(
        "Zwölf Menschen seien bei Zusammenstößen verletzt worden, berichtete die Agentur."
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks
    assert all("Agentur" not in article.actors[a].name for e in attacks for a in e.actors)


def test_owner_of_the_thing_refused_is_the_recipient() -> None:
    article, events = frame_coded(
        "Der frühere Minister Vuk Jeremic will Generalsekretär werden. Der Präsident ließ "
        "wissen, dass er die Kandidatur von Jeremic nicht unterstützen würde."
    )
    refusals = [e for e in events if e.type == "REJECT"]
    assert refusals
    assert any("Jeremic" in article.actors[r].name for r in refusals[0].recipients)


def test_pronoun_under_a_verb_of_saying_is_its_subject() -> None:
    article, events = frame_coded(
        "Die Oppositionschefin Anna Berger kritisierte das Budget. Der Kanzler erklärte, er "
        "werde die Gewerkschaft nicht unterstützen."
    )
    refusals = [e for e in events if e.type == "REJECT"]
    assert refusals
    assert all("Berger" not in article.actors[a].name for a in refusals[0].actors)
    assert any(article.actors[a].name == "Kanzler" for a in refusals[0].actors)


def test_attack_named_in_a_phrase_gives_its_source() -> None:
    article, events = frame_coded(
        "Drei Soldaten wurden am Montag bei Raketenbeschuss aus Syrien verletzt."
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks
    assert {article.actors[a].country for a in attacks[0].actors} == {"SYR"}


def test_es_gab_tells_an_occurrence_by_its_agent() -> None:
    article, events = frame_coded(
        "Im Norden des Landes habe es erneut Angriffe durch Soldaten der Armee gegeben, "
        "klagte die UNO."
    )
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations
    recipients = {article.actors[r].name for r in accusations[0].recipients}
    assert recipients & {"Soldat", "Armee"}


def test_capitalised_noun_read_as_verb_heads_no_clause() -> None:
    # "Angriffe" inside the sentence is the noun, not the Konjunktiv of "angreifen"
    article, events = frame_coded(
        "Die UNO kritisierte, es habe in der Stadt Angriffe durch die Armee gegeben."
    )
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations
    assert {article.actors[r].name for r in accusations[0].recipients} == {"Armee"}


def test_dead_in_a_brawl_are_its_recipients() -> None:
    _, events = frame_coded(
        "Zwei Männer sind bei einer Massenschlägerei in der Innenstadt ums Leben gekommen."
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and attacks[0].recipients and not attacks[0].actors


def test_perfect_with_its_participle_far_below() -> None:
    article, events = frame_coded(
        "Bei Einsätzen gegen Rebellen haben türkische Sicherheitskräfte im Südosten binnen "
        "zwei Tagen 23 mutmaßliche Kämpfer getötet."
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks
    assert {article.actors[a].country for a in attacks[0].actors} == {"TUR"}


def test_nominalised_adjective_with_strong_ending_is_a_party() -> None:
    _, events = frame_coded("Ein Verdächtiger wurde am Montag in Graz festgenommen.")
    arrests = [e for e in events if e.type == "COERCE"]
    assert arrests and arrests[0].recipients


def test_a_name_after_a_colleague_is_a_person() -> None:
    article, events = frame_coded(
        "In Kairo traf der Außenminister mit seinem ägyptischen Kollegen Sameh Shukri zusammen."
    )
    meetings = [e for e in events if e.type == "CONSULT"]
    assert meetings
    assert any("Shukri" in article.actors[r].name for r in meetings[0].recipients)


def test_persons_named_by_age_and_smugglers_are_parties() -> None:
    _, shot = frame_coded("Die Polizei schoss auf den 21-Jährigen.")
    assert [e for e in shot if e.type == "ASSAULT" and e.recipients]
    _, held = frame_coded("Sechs Schlepper wurden am Montag in Messina festgenommen.")
    assert [e for e in held if e.type == "COERCE" and e.recipients]
