//! Where the sessions go: an exhaustive search over the planned days (at most 7, so at most
//! a few tens of thousands of layouts). The recovery rules are hard constraints, so every
//! layout returned keeps them; alternation and preferences are costs, the cheapest layout wins
//! and the first found wins a tie, so the result is deterministic.

use runlift_analysis::StackedPolicy;

use crate::RunType;

/// What one day holds in a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Slot {
    pub run: Option<RunType>,
    /// Index into the week's strength sessions.
    pub strength: Option<usize>,
}

/// The search's input.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// Per planned day: whether the athlete can train.
    pub available: Vec<bool>,
    /// Per planned day: a run the athlete fixed there.
    pub fixed_runs: Vec<Option<RunType>>,
    /// Per planned day: a strength session (index) the athlete fixed there.
    pub fixed_strength: Vec<Option<usize>>,
    /// Runs still to place, by type.
    pub long: u32,
    pub hard: u32,
    pub easy: u32,
    /// Strength sessions still to place (indices, most needed first).
    pub strength: Vec<usize>,
    /// Per strength session: whether it is heavy legs.
    pub heavy: Vec<bool>,
    pub policy: StackedPolicy,
    /// The most training days in a row allowed (`training_days_in_a_row` - 1).
    pub max_in_a_row: u32,
    /// Training days in a row that end on the day before the first planned day.
    pub prev_streak: u32,
    /// Heavy legs on the day before the first planned day.
    pub prev_heavy: bool,
    /// A run on the day before the first planned day (taken as long or hard, to be safe).
    pub prev_run: bool,
    /// Whether the planned days must hold a rest day (the week has none yet).
    pub need_rest: bool,
    /// The day (index) the long run should go on, and whether the athlete asked for it.
    pub long_day: Option<usize>,
    pub long_day_asked: bool,
    /// Per planned day: the most training days in a row allowed up to it, more than
    /// `max_in_a_row` where the athlete's fixed sessions alone make a longer streak
    /// ([`Problem::excuse_fixed`]); empty: `max_in_a_row` everywhere.
    pub streak_allowed: Vec<u32>,
    /// A rule left out of the check (to find which rule a relaxation is for).
    pub ignore: Option<Rule>,
}

/// The recovery rules a layout must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    /// No heavy legs on the day before a long or hard run (and, two-days-apart, not on its day
    /// or the day after).
    Stacked,
    /// At most `max_in_a_row` training days in a row.
    Streak,
    /// A rest day in the week.
    Rest,
}

impl Rule {
    pub fn text(self) -> &'static str {
        match self {
            Rule::Stacked => "heavy legs on the day before a long or hard run",
            Rule::Streak => "training days in a row",
            Rule::Rest => "a rest day in the week",
        }
    }
}

/// A rule the athlete's fixed sessions (with the recorded days before the week) break on
/// their own: the planned days involved, and whether the days before the week are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FixedBreak {
    pub rule: Rule,
    pub days: Vec<usize>,
    pub history: bool,
}

fn masks(candidates: u32, k: u32) -> impl Iterator<Item = u32> {
    (0..=candidates).filter(move |&m| m & !candidates == 0 && m.count_ones() == k)
}

fn bits(mask: u32) -> impl Iterator<Item = usize> {
    (0..32).filter(move |&i| mask & (1 << i) != 0)
}

impl Problem {
    fn days(&self) -> usize {
        self.available.len()
    }

    /// Whether `layout` keeps every recovery rule; the first rule it breaks otherwise.
    pub fn broken_rule(&self, layout: &[Slot]) -> Option<&'static str> {
        self.broken(layout).map(Rule::text)
    }

    /// The first rule `layout` breaks. A pair of sessions both fixed by the athlete (or
    /// recorded before the week) is excused, and so is a streak no longer than the fixed
    /// sessions alone make.
    pub fn broken(&self, layout: &[Slot]) -> Option<Rule> {
        let key = |i: usize| {
            layout
                .get(i)
                .and_then(|s| s.run)
                .is_some_and(|r| r != RunType::Easy)
        };
        let fixed_key = |i: usize| {
            self.fixed_runs
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|r| r != RunType::Easy)
        };
        let heavy = |i: usize| layout[i].strength.is_some_and(|s| self.heavy[s]);
        let two_apart = self.policy == StackedPolicy::TwoDaysApart;
        if self.ignore != Some(Rule::Stacked) {
            for i in 0..layout.len() {
                if heavy(i) {
                    let fixed_heavy = self.fixed_strength[i].is_some();
                    let excused = |j: usize| fixed_heavy && fixed_key(j);
                    if key(i + 1) && !excused(i + 1) {
                        return Some(Rule::Stacked);
                    }
                    if two_apart && key(i) && !excused(i) {
                        return Some(Rule::Stacked);
                    }
                    if two_apart {
                        let after = if i == 0 {
                            self.prev_run && !fixed_heavy
                        } else {
                            key(i - 1) && !excused(i - 1)
                        };
                        if after {
                            return Some(Rule::Stacked);
                        }
                    }
                }
            }
            if self.prev_heavy && key(0) && !fixed_key(0) {
                return Some(Rule::Stacked);
            }
        }
        let mut streak = self.prev_streak;
        let mut rested = false;
        for (i, slot) in layout.iter().enumerate() {
            if slot.run.is_some() || slot.strength.is_some() {
                streak += 1;
                let allowed = self.streak_allowed.get(i).copied().unwrap_or(self.max_in_a_row);
                if streak > allowed && self.ignore != Some(Rule::Streak) {
                    return Some(Rule::Streak);
                }
            } else {
                streak = 0;
                rested = true;
            }
        }
        if self.need_rest && !rested && self.ignore != Some(Rule::Rest) {
            return Some(Rule::Rest);
        }
        None
    }

    /// The layout of the fixed sessions alone.
    fn fixed_layout(&self) -> Vec<Slot> {
        (0..self.days())
            .map(|i| Slot {
                run: self.fixed_runs[i],
                strength: self.fixed_strength[i],
            })
            .collect()
    }

    /// Checks the fixed sessions alone (with the recorded days before the week): the rules
    /// they break are excused from then on (the pair, the streak, the rest day) and returned.
    pub fn excuse_fixed(&mut self) -> Vec<FixedBreak> {
        let layout = self.fixed_layout();
        let mut breaks = Vec::new();
        let key = |i: usize| layout[i].run.is_some_and(|r| r != RunType::Easy);
        let heavy = |i: usize| layout[i].strength.is_some_and(|s| self.heavy[s]);
        let two_apart = self.policy == StackedPolicy::TwoDaysApart;
        let n = layout.len();
        let mut pair = |days: Vec<usize>, history: bool| {
            breaks.push(FixedBreak {
                rule: Rule::Stacked,
                days,
                history,
            })
        };
        if self.prev_heavy && n > 0 && key(0) {
            pair(vec![0], true);
        }
        for i in 0..n {
            if !heavy(i) {
                continue;
            }
            if two_apart && i == 0 && self.prev_run {
                pair(vec![0], true);
            }
            if two_apart && i > 0 && key(i - 1) {
                pair(vec![i - 1, i], false);
            }
            if two_apart && key(i) {
                pair(vec![i], false);
            }
            if i + 1 < n && key(i + 1) {
                pair(vec![i, i + 1], false);
            }
        }
        let mut streak = self.prev_streak;
        let mut allowed = Vec::with_capacity(n);
        let mut long: Option<FixedBreak> = None;
        for (i, slot) in layout.iter().enumerate() {
            if slot.run.is_some() || slot.strength.is_some() {
                streak += 1;
                if streak > self.max_in_a_row {
                    let b = long.get_or_insert_with(|| FixedBreak {
                        rule: Rule::Streak,
                        days: Vec::new(),
                        history: false,
                    });
                    if b.days.is_empty() {
                        let first = (i + 1).saturating_sub(streak as usize);
                        b.history = (streak as usize) > i + 1;
                        b.days.extend(first..=i);
                    } else {
                        b.days.push(i);
                    }
                }
            } else {
                streak = 0;
                if let Some(b) = long.take() {
                    breaks.push(b);
                }
            }
            allowed.push(streak.max(self.max_in_a_row));
        }
        if let Some(b) = long.take() {
            breaks.push(b);
        }
        self.streak_allowed = allowed;
        if self.need_rest && n > 0 && layout.iter().all(|s| s.run.is_some() || s.strength.is_some()) {
            self.need_rest = false;
            breaks.push(FixedBreak {
                rule: Rule::Rest,
                days: (0..n).collect(),
                history: false,
            });
        }
        breaks
    }

    /// The most days the week can hold training on: only the available days; those less the
    /// rest day; those less the streak rule too. Fixed days are always training days.
    pub fn training_days(&self) -> (u32, u32, u32) {
        let n = self.days();
        let available = bits_of(&self.available);
        let fixed = self.fixed_layout();
        let fixed_mask = bits_of(
            &fixed
                .iter()
                .map(|s| s.run.is_some() || s.strength.is_some())
                .collect::<Vec<_>>(),
        );
        let mut best = (0, 0, 0);
        for mask in 0..(1u32 << n) {
            if mask & !available != 0 || mask & fixed_mask != fixed_mask {
                continue;
            }
            let count = mask.count_ones();
            best.0 = best.0.max(count);
            let rested = mask.count_ones() < n as u32;
            if self.need_rest && !rested {
                continue;
            }
            best.1 = best.1.max(count);
            let mut streak = self.prev_streak;
            let mut ok = true;
            for i in 0..n {
                if mask & (1 << i) != 0 {
                    streak += 1;
                    if streak > self.streak_allowed.get(i).copied().unwrap_or(self.max_in_a_row) {
                        ok = false;
                        break;
                    }
                } else {
                    streak = 0;
                }
            }
            if ok {
                best.2 = best.2.max(count);
            }
        }
        best
    }

    /// The cost of a layout that keeps the rules: shared days, same-kind days in a row, a long
    /// run off its day, hard and long runs next to each other.
    fn cost(&self, layout: &[Slot]) -> u32 {
        let mut cost = 0;
        for (i, slot) in layout.iter().enumerate() {
            if slot.run.is_some() && slot.strength.is_some() {
                cost += 10;
            }
            if let Some(next) = layout.get(i + 1) {
                if slot.strength.is_some() && next.strength.is_some() {
                    cost += 4;
                }
                if slot.run.is_some() && next.run.is_some() {
                    cost += 2;
                }
                let key = |s: &Slot| s.run.is_some_and(|r| r != RunType::Easy);
                if key(slot) && key(next) {
                    cost += 5;
                }
                let trained = |s: &Slot| s.run.is_some() || s.strength.is_some();
                if trained(slot) && trained(next) {
                    cost += 1;
                }
            }
            if i == 0 && self.prev_run && slot.run.is_some_and(|r| r != RunType::Easy) {
                cost += 5;
            }
            if slot.run == Some(RunType::Long) && self.long_day.is_some_and(|d| d != i) {
                cost += if self.long_day_asked { 20 } else { 3 };
            }
        }
        cost
    }

    /// The cheapest layout that keeps every rule, if there is one.
    pub fn solve(&self) -> Option<Vec<Slot>> {
        let n = self.days();
        let all = (1u32 << n) - 1;
        let available = bits_of(&self.available);
        let fixed_run_mask = bits_of(&self.fixed_runs.iter().map(Option::is_some).collect::<Vec<_>>());
        let fixed_str_mask = bits_of(
            &self
                .fixed_strength
                .iter()
                .map(Option::is_some)
                .collect::<Vec<_>>(),
        );
        let run_candidates = available & !fixed_run_mask & all;
        let str_candidates = available & !fixed_str_mask & all;
        let runs = self.long + self.hard + self.easy;
        let heavy_sessions: Vec<usize> = self.strength.iter().copied().filter(|&s| self.heavy[s]).collect();
        let light_sessions: Vec<usize> = self
            .strength
            .iter()
            .copied()
            .filter(|&s| !self.heavy[s])
            .collect();
        let mut best: Option<(u32, Vec<Slot>)> = None;
        let mut base = vec![Slot::default(); n];
        for (i, slot) in base.iter_mut().enumerate() {
            slot.run = self.fixed_runs[i];
            slot.strength = self.fixed_strength[i];
        }
        for run_mask in masks(run_candidates, runs) {
            for long_mask in masks(run_mask, self.long) {
                for hard_mask in masks(run_mask & !long_mask, self.hard) {
                    let mut with_runs = base.clone();
                    for i in bits(run_mask) {
                        with_runs[i].run = Some(if long_mask & (1 << i) != 0 {
                            RunType::Long
                        } else if hard_mask & (1 << i) != 0 {
                            RunType::Hard
                        } else {
                            RunType::Easy
                        });
                    }
                    for str_mask in masks(str_candidates, self.strength.len() as u32) {
                        for heavy_mask in masks(str_mask, heavy_sessions.len() as u32) {
                            let mut layout = with_runs.clone();
                            for (i, &s) in bits(heavy_mask).zip(&heavy_sessions) {
                                layout[i].strength = Some(s);
                            }
                            for (i, &s) in bits(str_mask & !heavy_mask).zip(&light_sessions) {
                                layout[i].strength = Some(s);
                            }
                            if self.broken(&layout).is_some() {
                                continue;
                            }
                            let cost = self.cost(&layout);
                            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                                best = Some((cost, layout));
                            }
                        }
                    }
                }
            }
        }
        best.map(|(_, layout)| layout)
    }
}

fn bits_of(flags: &[bool]) -> u32 {
    flags
        .iter()
        .enumerate()
        .filter(|(_, f)| **f)
        .fold(0, |m, (i, _)| m | (1 << i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> Problem {
        Problem {
            available: vec![true; 7],
            fixed_runs: vec![None; 7],
            fixed_strength: vec![None; 7],
            long: 1,
            hard: 1,
            easy: 2,
            strength: vec![0, 1],
            heavy: vec![true, false],
            policy: StackedPolicy::HardDaysHard,
            max_in_a_row: 6,
            prev_streak: 0,
            prev_heavy: false,
            prev_run: false,
            need_rest: true,
            long_day: Some(6),
            long_day_asked: false,
            streak_allowed: Vec::new(),
            ignore: None,
        }
    }

    #[test]
    fn four_runs_and_two_lifts_alternate_with_a_rest_day_and_no_stacked_legs() {
        let p = problem();
        let layout = p.solve().unwrap();
        assert_eq!(p.broken_rule(&layout), None);
        assert_eq!(layout[6].run, Some(RunType::Long));
        assert!(layout.iter().any(|s| s.run.is_none() && s.strength.is_none()));
        assert!(layout.iter().all(|s| s.run.is_none() || s.strength.is_none()));
    }

    #[test]
    fn heavy_legs_the_day_before_a_hard_run_break_the_rule() {
        let p = problem();
        let mut layout = vec![Slot::default(); 7];
        layout[1].strength = Some(0);
        layout[2].run = Some(RunType::Hard);
        assert_eq!(
            p.broken_rule(&layout),
            Some("heavy legs on the day before a long or hard run")
        );
        // After it, on its day, is what hard-days-hard advises.
        layout[1].strength = None;
        layout[2].strength = Some(0);
        assert_eq!(p.broken_rule(&layout), None);
    }

    #[test]
    fn seven_training_days_have_no_layout() {
        let mut p = problem();
        p.easy = 6;
        p.hard = 0;
        assert_eq!(p.solve(), None);
    }

    #[test]
    fn fixed_heavy_legs_before_a_fixed_long_run_are_excused_alone() {
        let mut p = problem();
        p.strength = vec![1];
        p.fixed_strength[5] = Some(0);
        p.fixed_runs[6] = Some(RunType::Long);
        p.long = 0;
        let breaks = p.excuse_fixed();
        assert_eq!(
            breaks,
            [FixedBreak {
                rule: Rule::Stacked,
                days: vec![5, 6],
                history: false
            }]
        );
        let layout = p.solve().unwrap();
        assert_eq!(p.broken(&layout), None);
        // A heavy session the athlete did not fix is still not excused there.
        let mut other = layout.clone();
        other[5].strength = None;
        other[4].strength = Some(0);
        other[5].run = Some(RunType::Hard);
        assert_eq!(p.broken(&other), Some(Rule::Stacked));
    }

    #[test]
    fn two_days_in_a_row_leave_five_training_days_of_seven() {
        let mut p = problem();
        p.max_in_a_row = 2;
        assert_eq!(p.training_days(), (7, 6, 5));
        p.prev_streak = 2;
        assert_eq!(p.training_days(), (7, 6, 4));
    }
}
