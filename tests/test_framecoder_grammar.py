"""Grammar the German frame coder reads rather than words: a present plural is its own
infinitive ("leben" is no form of "loben"), "würde" + infinitive is a condition and not the
future, an indirect question asserts nothing, and a verb of occurrence takes its source
("Kritik kam aus der Opposition"). Sentences written for this test. Needs the German syntax
model (skipped otherwise)."""

from __future__ import annotations

from framecoding import first_event, frame_coded, names, needs_parser

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
    article, event = first_event("Scharfe Kritik kam am Montag von der Gewerkschaft.", "ACCUSE")
    assert any("Gewerkschaft" in name for name in names(article, event.actors))


def test_killed_in_an_attack_are_its_recipients() -> None:
    article, attack = first_event(
        "Bei einem Anschlag auf einen Markt sind am Sonntag zwölf Zivilisten ums Leben gekommen.",
        "ASSAULT",
    )
    assert not attack.actors
    assert any(article.actors[r].sector == "CVL" for r in attack.recipients)


def test_first_person_goes_on_with_the_speaker() -> None:
    article, agreement = first_event(
        "Der Außenminister Karl Moser kam am Montag aus Rom zurück. Die Gespräche seien gut "
        "gewesen, sagte Moser. Wir sind zu einer Einigung gelangt.",
        "AGREE",
    )
    assert any("Moser" in name for name in names(article, agreement.actors))


def test_impersonal_es_reaches_nothing() -> None:
    # the parties are the noun's own phrase, never the impersonal "es"
    article, events = frame_coded(
        "Am Abend kam es zu einer Einigung zwischen der Regierung und den Rebellen."
    )
    assert [e.type for e in events] == ["AGREE"]
    assert names(article, events[0].actors + events[0].recipients) == {"Regierung", "Rebell"}


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
    article, attack = first_event(
        "Zwölf Menschen seien bei Zusammenstößen verletzt worden, berichtete die Agentur.",
        "ASSAULT",
    )
    assert all("Agentur" not in name for name in names(article, attack.actors))


def test_owner_of_the_thing_refused_is_the_recipient() -> None:
    article, refusal = first_event(
        "Der frühere Minister Vuk Jeremic will Generalsekretär werden. Der Präsident ließ "
        "wissen, dass er die Kandidatur von Jeremic nicht unterstützen würde.",
        "REJECT",
    )
    assert any("Jeremic" in name for name in names(article, refusal.recipients))


def test_pronoun_under_a_verb_of_saying_is_its_subject() -> None:
    article, refusal = first_event(
        "Die Oppositionschefin Anna Berger kritisierte das Budget. Der Kanzler erklärte, er "
        "werde die Gewerkschaft nicht unterstützen.",
        "REJECT",
    )
    assert "Kanzler" in names(article, refusal.actors)
    assert all("Berger" not in name for name in names(article, refusal.actors))


def test_attack_named_in_a_phrase_gives_its_source() -> None:
    article, attack = first_event(
        "Drei Soldaten wurden am Montag bei Raketenbeschuss aus Syrien verletzt.", "ASSAULT"
    )
    assert {article.actors[a].country for a in attack.actors} == {"SYR"}


def test_es_gab_tells_an_occurrence_by_its_agent() -> None:
    article, accusation = first_event(
        "Im Norden des Landes habe es erneut Angriffe durch Soldaten der Armee gegeben, "
        "klagte die UNO.",
        "ACCUSE",
    )
    recipients = names(article, accusation.recipients)
    assert recipients & {"Soldat", "Armee"}


def test_capitalised_noun_read_as_verb_heads_no_clause() -> None:
    # "Angriffe" inside the sentence is the noun, not the Konjunktiv of "angreifen"
    article, accusation = first_event(
        "Die UNO kritisierte, es habe in der Stadt Angriffe durch die Armee gegeben.", "ACCUSE"
    )
    assert names(article, accusation.recipients) == {"Armee"}


def test_dead_in_a_brawl_are_its_recipients() -> None:
    _, attack = first_event(
        "Zwei Männer sind bei einer Massenschlägerei in der Innenstadt ums Leben gekommen.",
        "ASSAULT",
    )
    assert attack.recipients and not attack.actors


def test_perfect_with_its_participle_far_below() -> None:
    article, attack = first_event(
        "Bei Einsätzen gegen Rebellen haben türkische Sicherheitskräfte im Südosten binnen "
        "zwei Tagen 23 mutmaßliche Kämpfer getötet.",
        "ASSAULT",
    )
    assert {article.actors[a].country for a in attack.actors} == {"TUR"}


def test_nominalised_adjective_with_strong_ending_is_a_party() -> None:
    _, arrest = first_event("Ein Verdächtiger wurde am Montag in Graz festgenommen.", "COERCE")
    assert arrest.recipients


def test_a_name_after_a_colleague_is_a_person() -> None:
    article, meeting = first_event(
        "In Kairo traf der Außenminister mit seinem ägyptischen Kollegen Sameh Shukri zusammen.",
        "CONSULT",
    )
    assert any("Shukri" in name for name in names(article, meeting.recipients))


def test_persons_named_by_age_and_smugglers_are_parties() -> None:
    _, shot = frame_coded("Die Polizei schoss auf den 21-Jährigen.")
    assert [e for e in shot if e.type == "ASSAULT" and e.recipients]
    _, held = frame_coded("Sechs Schlepper wurden am Montag in Messina festgenommen.")
    assert [e for e in held if e.type == "COERCE" and e.recipients]


def test_perfect_with_the_subject_after_the_auxiliary() -> None:
    # "entsandt" can be finite too; after "haben" in the same clause it is the participle
    article, deployment = first_event(
        "Im Rahmen der Aufrüstung in Osteuropa haben die US-Streitkräfte zwei "
        "F-22-Kampfflugzeuge nach Polen und Estland entsandt.",
        "MOBILIZE",
    )
    assert {article.actors[a].country for a in deployment.actors} == {"USA"}


def test_an_abduction_after_a_killing_is_no_detail_of_it() -> None:
    # only a count of the dead or injured is a detail of the attack reported before
    article, events = frame_coded(
        "Der Journalist Paul Kasongo lebt heute in Kampala. Sein Vater sei ermordet worden, "
        "sagt er. Er selbst sei zweimal verschleppt worden."
    )
    abductions = [e for e in events if e.rule == "frame: verb 'verschleppen'"]
    assert abductions
    assert "Paul Kasongo" in names(article, abductions[0].recipients)


def test_companies_and_associations_are_parties() -> None:
    article, refusal = first_event(
        "Ursprünglich haben sich die Versicherungen geweigert, die Kosten zu bezahlen.", "REJECT"
    )
    assert {article.actors[a].sector for a in refusal.actors} == {"BUS"}
