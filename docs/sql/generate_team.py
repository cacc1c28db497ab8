#!/usr/bin/env python3
"""Generates a team for the scale figures of docs/performance.md ("A team of 1,000 athletes").

usage: generate_team.py OUT ATHLETES YEARS

Writes OUT/athlete-NNNN/training.csv for each athlete: YEARS years of weeks ending on Sunday
2026-02-15, in runlift's own CSV (docs/formats/runlift-csv.md). Each athlete trains in a
pattern of their own, drawn from a seeded generator (the same files every time): three to
five runs a week (one long), none to three strength sessions of 6 to 12 sets (squats, plank,
bench press, rows; one set in five a warm-up), the odd ride, a break of a few weeks now and
then, and an athlete in twenty whose data stops some months before the end.
"""
import datetime
import pathlib
import random
import sys

out, athletes, years = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
end = datetime.date(2026, 2, 15)
weeks = years * 52
first_monday = end - datetime.timedelta(days=7 * weeks - 1)
exercises = [("Back Squat", 80, 5), ("Plank", None, None), ("Bench Press", 60, 8), ("Barbell Row", 50, 10)]

for number in range(athletes):
    rng = random.Random(number)
    folder = out / f"athlete-{number:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    runs_a_week = rng.randint(3, 5)
    strength_a_week = rng.randint(0, 3)
    pace_s_per_km = rng.uniform(270, 390)
    stops_weeks_before_end = rng.randint(8, 30) if rng.random() < 0.05 else 0
    rows = ["date,sport,name,duration,distance_km,rpe,exercise,set_type,reps,weight_kg,set_seconds"]
    pause = 0
    for week in range(weeks - stops_weeks_before_end):
        monday = first_monday + datetime.timedelta(days=7 * week)
        if pause:
            pause -= 1
            continue
        if rng.random() < 0.01:
            pause = rng.randint(1, 4)
        run_days = sorted(rng.sample(range(7), runs_a_week))
        for i, day in enumerate(run_days):
            km = rng.uniform(5, 10) if i < len(run_days) - 1 else rng.uniform(14, 24)
            seconds = int(km * pace_s_per_km)
            start = datetime.datetime.combine(monday + datetime.timedelta(days=day), datetime.time(6, rng.randint(0, 59)))
            rpe = rng.choice(["", "", "4", "6", "8"])
            rows.append(f"{start:%Y-%m-%d %H:%M},running,Run,{seconds},{km:.2f},{rpe},,,,,")
        for day in sorted(rng.sample(range(7), strength_a_week)):
            start = datetime.datetime.combine(monday + datetime.timedelta(days=day), datetime.time(18, 0))
            when = f"{start:%Y-%m-%d %H:%M}"
            rows.append(f"{when},strength,Gym,{rng.randint(35, 70) * 60},,,,,,,")
            for s in range(rng.randint(6, 12)):
                name, kg, reps = exercises[s % len(exercises)]
                kind = "warmup" if s % 5 == 0 else ""
                if kg is None:
                    rows.append(f"{when},strength,Gym,,,,{name},{kind},,,60")
                else:
                    rows.append(f"{when},strength,Gym,,,,{name},{kind},{reps},{kg + rng.randint(-10, 10)},")
        if rng.random() < 0.1:
            start = datetime.datetime.combine(monday + datetime.timedelta(days=5), datetime.time(10, 0))
            rows.append(f"{start:%Y-%m-%d %H:%M},cycling,Ride,{rng.randint(45, 150) * 60},{rng.uniform(20, 60):.1f},,,,,,")
    (folder / "training.csv").write_text("\n".join(rows) + "\n")
