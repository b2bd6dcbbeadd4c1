"""The safety rule catalogue: every crisis and urgent rule, by category, one file each.

``CRISIS_RULES`` are tried in ``ORDER`` (the order of the original detector: among equally ranked
findings in the same sentence the earlier rule decides, so the order is part of the behaviour).
``URGENT_RULES`` are matched by the procedure in :mod:`bot.safety.urgent`. :func:`catalogue` lists
every rule with what a clinician reviews (id, category, rationale, exclusions, sources, review
record, examples), e.g. for a printable review sheet.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from bot.safety.rules import (
    crisis_goodbye,
    crisis_goodbye_messages,
    crisis_ideation_burden,
    crisis_ideation_explicit,
    crisis_ideation_no_reason,
    crisis_ideation_wish,
    crisis_method_means,
    crisis_method_medicine,
    crisis_method_overdose_count,
    crisis_plan,
    crisis_plan_calm,
    crisis_plan_decided,
    crisis_plan_overdose_taken,
    crisis_plan_stockpile,
    crisis_self_harm,
    urgent_bleeding,
    urgent_breathing,
    urgent_chest,
    urgent_confusion,
    urgent_fainting,
    urgent_fever,
    urgent_fracture,
    urgent_hypercalcaemia,
    urgent_spinal,
)
from bot.safety.rules.base import Rule

CRISIS_MODULES = (
    crisis_ideation_explicit,
    crisis_ideation_wish,
    crisis_ideation_no_reason,
    crisis_ideation_burden,
    crisis_self_harm,
    crisis_method_medicine,
    crisis_method_means,
    crisis_method_overdose_count,
    crisis_plan,
    crisis_plan_decided,
    crisis_plan_calm,
    crisis_plan_overdose_taken,
    crisis_plan_stockpile,
    crisis_goodbye,
    crisis_goodbye_messages,
)
URGENT_MODULES = (
    urgent_fever,
    urgent_spinal,
    urgent_hypercalcaemia,
    urgent_confusion,
    urgent_bleeding,
    urgent_breathing,
    urgent_chest,
    urgent_fracture,
    urgent_fainting,
)

# Evaluation order of the crisis rules (see the module docstring).
ORDER: Tuple[str, ...] = (
    "crisis.ideation.desire_for_death",
    "crisis.ideation.suicide_word",
    "crisis.ideation.assisted_dying",
    "crisis.ideation.kms",
    "crisis.ideation.kill_myself",
    "crisis.ideation.kill_me_plea",
    "crisis.ideation.wish_someone_kill_me",
    "crisis.ideation.take_me_let_me_die",
    "crisis.ideation.off_myself",
    "crisis.ideation.end_my_life",
    "crisis.ideation.end_it",
    "crisis.ideation.end_it_all",
    "crisis.ideation.want_to_die",
    "crisis.ideation.rather_be_dead",
    "crisis.ideation.wish_dead",
    "crisis.ideation.want_to_disappear",
    "crisis.ideation.better_off_dead",
    "crisis.ideation.family_better_without_me",
    "crisis.ideation.better_if_i_was_gone",
    "crisis.ideation.nobody_would_miss_me",
    "crisis.ideation.not_want_to_live",
    "crisis.ideation.cannot_go_on",
    "crisis.ideation.no_point_of_living",
    "crisis.ideation.what_is_the_point",
    "crisis.ideation.life_not_worth_living",
    "crisis.ideation.tired_of_living",
    "crisis.ideation.want_it_over",
    "crisis.ideation.hope_not_to_wake",
    "crisis.ideation.sleep_and_never_wake",
    "crisis.ideation.would_not_mind_dying",
    "crisis.ideation.not_being_here",
    "crisis.goodbye.wont_be_here",
    "crisis.ideation.dark_thoughts",
    "crisis.ideation.death_as_relief",
    "crisis.ideation.indirect_wishes",
    "crisis.goodbye.saying_goodbyes",
    "crisis.plan.found_with_means",
    "crisis.method.take_them_all",
    "crisis.ideation.ready_to_go",
    "crisis.method.will_take_them_all",
    "crisis.plan.pills_laid_out",
    "crisis.method.lethal_amount",
    "crisis.ideation.why_carry_on",
    "crisis.ideation.thoughts_of_method",
    "crisis.goodbye.note_explaining_why",
    "crisis.method.die_faster",
    "crisis.ideation.part_of_me_wants",
    "crisis.ideation.want_it_to_stop",
    "crisis.ideation.no_future_wanted",
    "crisis.plan.doing_it_tonight",
    "crisis.method.if_i_took_all",
    "crisis.self_harm.cutting_again",
    "crisis.self_harm.what_i_might_do",
    "crisis.goodbye.tell_them_i_love_them",
    "crisis.plan.medication_at_hand",
    "crisis.goodbye.note_or_farewell",
    "crisis.ideation.sad_still_alive",
    "crisis.ideation.hurry_death",
    "crisis.plan.knows_how",
    "crisis.ideation.easier_when_gone",
    "crisis.ideation.no_point_in_living",
    "crisis.method.method_place",
    "crisis.plan.deliberate_overdose",
    "crisis.ideation.if_not_wake_fine",
    "crisis.ideation.death_i_want_it",
    "crisis.method.dose_stops_breathing",
    "crisis.method.blade_with_intent",
    "crisis.plan.ending_it_soon",
    "crisis.plan.not_staying_for_what_comes",
    "crisis.plan.chosen_day",
    "crisis.plan.has_what_is_needed",
    "crisis.goodbye.do_not_call_if_found",
    "crisis.method.finish_myself_off",
    "crisis.method.until_i_do_not_wake",
    "crisis.method.most_before_it_kills",
    "crisis.method.enough_to_end_everything",
    "crisis.plan.lose_my_nerve",
    "crisis.ideation.wish_treatment_kills_me",
    "crisis.self_harm.do_something_to_myself",
    "crisis.self_harm.self_harm_word",
    "crisis.self_harm.hurt_myself",
    "crisis.self_harm.cut_body_part",
    "crisis.self_harm.urge_or_relapse",
    "crisis.method.lethal_dose",
    "crisis.method.how_many_to_kill",
    "crisis.method.how_many_would_it_take",
    "crisis.method.whole_supply",
    "crisis.method.easiest_way_to_die",
    "crisis.method.how_to_kill_myself",
    "crisis.method.jump_from_height",
    "crisis.method.step_in_front",
    "crisis.method.named_means",
    "crisis.method.can_you_die_from",
    "crisis.plan.stockpiling",
    "crisis.plan.stash_enough",
    "crisis.plan.has_a_plan",
    "crisis.goodbye.this_is_goodbye",
    "crisis.goodbye.last_message",
    "crisis.goodbye.letters_to_family",
    "crisis.goodbye.giving_things_away",
    "crisis.method.staged_accident",
    "crisis.method.look_like_accident",
    "crisis.ideation.worth_more_dead",
    "crisis.plan.calm_because_plan",
    "crisis.ideation.burden_remove_myself",
    "crisis.ideation.stop_being_a_burden",
    "crisis.ideation.choose_my_time",
    "crisis.ideation.pact_or_follow",
    "crisis.method.fall_lethality",
    "crisis.plan.quantity_saved",
    "crisis.plan.have_enough",
    "crisis.plan.drink_next_to_pills",
    "crisis.plan.last_day",
    "crisis.goodbye.gone_by_tomorrow",
    "crisis.ideation.why_still_alive",
    "crisis.method.overdose_count_enough",
    "crisis.method.count_enough_to_die",
    # warning-sign rules (2026-12): appended, so a rule already deciding a message keeps deciding it
    "crisis.plan.overdose_taken",
    "crisis.plan.withholding_doses",
    "crisis.plan.building_a_supply",
    "crisis.plan.so_they_can_end_it",
    "crisis.plan.resolve_to_act",
    "crisis.goodbye.message_then_unreachable",
    "crisis.goodbye.settling_affairs",
    "crisis.goodbye.treasured_item_given",
    "crisis.ideation.preoccupied_with_means",
    "crisis.ideation.not_coming_back",
    "crisis.ideation.absence_as_kindness",
    # unnamed-method, medicine-combination and last-appointment rules (2026-12): appended likewise
    "crisis.method.unnamed_method",
    "crisis.method.dangerous_combination",
    "crisis.goodbye.last_appointment",
    # session 14 (2026-12-07): appended likewise
    "crisis.goodbye.if_you_read_this",
    "crisis.method.compare_means",
    "crisis.plan.take_all_when_alone",
    "crisis.method.where_to_jump",
    "crisis.plan.chosen_night",
    # session 15 (2026-12-07): appended likewise
    "crisis.goodbye.not_their_fault",
    "crisis.plan.nobody_stopping_me",
    "crisis.plan.going_earlier_on_purpose",
    "crisis.ideation.does_not_want_to_live",
    "crisis.goodbye.not_after_a_day",
    "crisis.goodbye.last_time_acts",
    "crisis.plan.not_coming_home_decided",
    "crisis.ideation.stop_being_here",
    "crisis.plan.timed_around_family",
    # session 17 (2026-12-07): appended likewise
    "crisis.method.hold_my_weight",
    "crisis.goodbye.thank_them_for_me",
    "crisis.plan.buying_around_limits",
    "crisis.plan.make_sure_not_survive",
    "crisis.method.can_it_kill_with_access",
    # session 18 (2026-12-08): appended likewise
    "crisis.self_harm.head_banging",
    "crisis.method.thinking_of_going_in",
    "crisis.method.how_high_a_drop",
    "crisis.plan.when_the_house_is_asleep",
    "crisis.plan.plan_and_means",
    "crisis.method.swallow_everything",
    "crisis.goodbye.sorry_for_what_i_am_about_to_do",
    "crisis.method.handling_a_gun",
    "crisis.plan.found_trying_to_take_them_all",
)

_BY_ID = {rule.id: rule for module in CRISIS_MODULES for rule in module.RULES}
CRISIS_RULES: Tuple[Rule, ...] = tuple(_BY_ID[rule_id] for rule_id in ORDER)
URGENT_RULES: Tuple[Rule, ...] = tuple(rule for module in URGENT_MODULES for rule in module.RULES)


def all_rules() -> Tuple[Rule, ...]:
    return CRISIS_RULES + URGENT_RULES


def _module_of(rule: Rule) -> str:
    for module in CRISIS_MODULES + URGENT_MODULES:
        if rule in module.RULES:
            return module.__name__.replace(".", "/") + ".py"
    return ""


def catalogue() -> List[Dict[str, Any]]:
    """Every rule as plain data (crisis rules in evaluation order, then urgent rules)."""
    out = []
    for rule in all_rules():
        review = rule.review
        out.append(
            {
                "id": rule.id,
                "kind": rule.kind,
                "category": rule.category,
                "file": _module_of(rule),
                "rationale": rule.rationale,
                "pattern": rule.pattern.pattern,
                "exclusions": [{"kind": kind, "detail": detail} for kind, detail in rule.exclusions()],
                "sources": [{"title": s.title, "url": s.url} for s in rule.sources],
                "review": {
                    "status": review.status,
                    "reviewer": review.reviewer,
                    "date": review.date,
                    "version": review.version,
                    "note": review.note,
                    "current": review.status == "reviewed" and review.version == rule.revision,
                },
                "revision": rule.revision,
                "examples": {"fires_on": list(rule.fires_on), "does_not_fire_on": list(rule.does_not_fire_on)},
            }
        )
    return out
