//! The FIT files of the demo history in `fixtures/athlete/`, of `fixtures/fit/` and of the batch
//! of bad inputs in `fixtures/hostile/`, and damaged variants, with their truth.
//!
//! Every demo file belongs to an athlete in Europe/Berlin (UTC+01:00 in February) and carries an
//! `activity` message whose `local_timestamp` is one hour ahead of its `timestamp`. The truth of
//! each file is in its function's documentation and in `fixtures/fit/README.md`; the tests of
//! runlift-fit assert it value by value.

use crate::messages::{self, Set, Summary, exercise, file_type, sport};
use crate::{DeveloperField, FitWriter, Value, fit_time};

/// One fixture file: where it goes under `fixtures/` and its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    /// The path under `fixtures/`, for example `athlete/2026-02-03-run-with-pause.fit`.
    pub path: &'static str,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// Every FIT fixture: the demo history in `athlete/`, the damaged and non-activity files under
/// `fit/`, then the FIT files of the bad-input batch under `hostile/`.
pub fn all() -> Vec<Fixture> {
    vec![
        Fixture {
            path: "athlete/2026-02-03-run-with-pause.fit",
            bytes: run_with_pause().finish(),
        },
        Fixture {
            path: "athlete/2026-02-05-strength.fit",
            bytes: strength_workout().finish(),
        },
        Fixture {
            path: "athlete/2026-02-07-run-then-strength.fit",
            bytes: run_then_strength().finish(),
        },
        Fixture {
            path: "athlete/2026-02-10-treadmill-run-compressed.fit",
            bytes: treadmill_run_compressed().finish(),
        },
        Fixture {
            path: "athlete/2026-02-12-strength.fit",
            bytes: strength_pull_day().finish(),
        },
        Fixture {
            path: "athlete/2026-02-14-long-run.fit",
            bytes: long_run().finish(),
        },
        Fixture {
            path: "fit/broken/wrong-crc.fit",
            bytes: run_with_pause().finish_with_wrong_crc(),
        },
        Fixture {
            path: "fit/broken/cut-mid-message.fit",
            bytes: cut_mid_message(),
        },
        Fixture {
            path: "fit/non-activity/settings.fit",
            bytes: settings_file(),
        },
        Fixture {
            path: "fit/suunto/ambit3-movescount-run.fit",
            bytes: suunto_ambit3_run().finish(),
        },
        Fixture {
            path: "fit/suunto/positions-only-run.fit",
            bytes: suunto_positions_only_run().finish(),
        },
        Fixture {
            path: "hostile/good-run.fit",
            bytes: hostile_run(fit_time(1_772_521_200), 3000, 10_000.0).finish(),
        },
        Fixture {
            path: "hostile/fit-epoch-1989.fit",
            // A watch that never got the time counts from FIT's epoch: 1989-12-31T00:00:00Z.
            bytes: hostile_run(0, 3000, 10_000.0).finish(),
        },
        Fixture {
            path: "hostile/fit-900-km-in-3-hours.fit",
            bytes: hostile_run(fit_time(1_772_611_200), 3 * HOUR, 900_000.0).finish(),
        },
        Fixture {
            path: "hostile/truncated.fit",
            // Cut inside the first definition message: the header promises far more.
            bytes: hostile_run(fit_time(1_772_521_200), 3000, 10_000.0).finish()[..20].to_vec(),
        },
    ]
}

/// A road run of the batch of bad inputs (`fixtures/hostile/`) without pauses: records every
/// 60 s at an even pace, one lap, one session, no activity message (so no UTC offset).
///
/// Truth: running/street; start at FIT time `start`; elapsed and timer `seconds`; `distance_m`;
/// ascent 20 m; average heart rate 150. `good-run.fit` starts 2026-03-03T07:00:00Z and runs
/// 10 km in 50 minutes; `fit-epoch-1989.fit` is the same run at FIT time 0
/// (1989-12-31T00:00:00Z); `fit-900-km-in-3-hours.fit` starts 2026-03-04T08:00:00Z and claims
/// 900 km in 3 hours.
pub fn hostile_run(start: u32, seconds: u32, distance_m: f64) -> FitWriter {
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    for t in (0..=seconds).step_by(60) {
        let distance = f64::from(t) * distance_m / f64::from(seconds);
        messages::record(
            &mut writer,
            start + t,
            Some((distance * 100.0).round() / 100.0),
            Some(150),
        );
    }
    let run = Summary {
        timestamp: start + seconds,
        start_time: start,
        elapsed_ms: seconds * 1000,
        timer_ms: seconds * 1000,
        distance_m: Some(distance_m),
        ascent_m: Some(20),
        avg_heart_rate: Some(150),
        sport: sport::RUNNING,
        sub_sport: sport::STREET,
        rpe_x10: None,
    };
    messages::lap(&mut writer, &run);
    messages::session(&mut writer, &run);
    writer
}

const HOUR: u32 = 3600;
/// Europe/Berlin in February.
const BERLIN_OFFSET: u32 = HOUR;

/// 2026-02-03 (Tuesday), 06:30 in Berlin: a road run with a two-minute pause.
///
/// Truth: running/street; start 2026-02-03T05:30:00Z, UTC offset +01:00; elapsed 1920 s,
/// timer 1800 s (paused from 600 s to 720 s); distance 5040.00 m; ascent 37 m; average heart
/// rate 148; RPE 4.0; 2 laps; 182 records (every 10 s while the timer runs).
pub fn run_with_pause() -> FitWriter {
    let start = fit_time(1_770_096_600);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    messages::sport(&mut writer, sport::RUNNING, sport::STREET, "Run");
    messages::timer_event(&mut writer, start, true);
    // 2.8 m/s while moving; the distance stands still during the pause.
    for t in (0..=600).step_by(10) {
        messages::record(
            &mut writer,
            start + t,
            Some(f64::from(t) * 2.8),
            Some(140 + (t / 10 % 17) as u8),
        );
    }
    messages::timer_event(&mut writer, start + 600, false);
    messages::timer_event(&mut writer, start + 720, true);
    for t in (720..=1920).step_by(10) {
        let moving = t - 120;
        messages::record(
            &mut writer,
            start + t,
            Some(f64::from(moving) * 2.8),
            Some(150 + (t / 10 % 9) as u8),
        );
    }
    messages::timer_event(&mut writer, start + 1920, false);
    let run = |timestamp, start_time, elapsed_ms, timer_ms, distance_m, ascent_m, avg_heart_rate, rpe_x10| {
        Summary {
            timestamp,
            start_time,
            elapsed_ms,
            timer_ms,
            distance_m: Some(distance_m),
            ascent_m: Some(ascent_m),
            avg_heart_rate: Some(avg_heart_rate),
            sport: sport::RUNNING,
            sub_sport: sport::STREET,
            rpe_x10,
        }
    };
    messages::lap(
        &mut writer,
        &run(start + 960, start, 960_000, 840_000, 2352.0, 15, 146, None),
    );
    messages::lap(
        &mut writer,
        &run(start + 1920, start + 960, 960_000, 960_000, 2688.0, 22, 150, None),
    );
    messages::session(
        &mut writer,
        &run(
            start + 1920,
            start,
            1_920_000,
            1_800_000,
            5040.0,
            37,
            148,
            Some(40),
        ),
    );
    messages::activity(
        &mut writer,
        start + 1920,
        start + 1920 + BERLIN_OFFSET,
        1,
        1_800_000,
    );
    writer
}

/// A block of sets of one exercise: `sets` active sets of `work_s` seconds, each followed by
/// `rest_s` seconds of rest (a rest set), except the last set of the workout.
#[derive(Debug, Clone, Copy)]
struct Block {
    category: u16,
    subtype: u16,
    sets: u16,
    reps: Option<u16>,
    weight_kg: Option<f64>,
    work_s: u32,
    rest_s: u32,
}

/// Writes the blocks' set messages from `start`; returns the end of the last set.
fn write_sets(writer: &mut FitWriter, start: u32, blocks: &[Block], first_index: u16) -> u32 {
    let mut t = start;
    let mut index = first_index;
    let last_block = blocks.len() - 1;
    for (b, block) in blocks.iter().enumerate() {
        for n in 0..block.sets {
            let set = Set {
                start_time: t,
                duration_ms: block.work_s * 1000,
                reps: block.reps,
                weight_kg: block.weight_kg,
                active: true,
                category: Some(block.category),
                subtype: Some(block.subtype),
                message_index: index,
            };
            messages::set(writer, &set);
            index += 1;
            t += block.work_s;
            if b == last_block && n + 1 == block.sets {
                break;
            }
            let rest = Set {
                start_time: t,
                duration_ms: block.rest_s * 1000,
                reps: None,
                weight_kg: None,
                active: false,
                category: None,
                subtype: None,
                message_index: index,
            };
            messages::set(writer, &rest);
            index += 1;
            t += block.rest_s;
        }
    }
    t
}

fn strength_summary(start: u32, end: u32, avg_heart_rate: u8, rpe_x10: Option<u8>) -> Summary {
    Summary {
        timestamp: end,
        start_time: start,
        elapsed_ms: (end - start) * 1000,
        timer_ms: (end - start) * 1000,
        distance_m: None,
        ascent_m: None,
        avg_heart_rate: Some(avg_heart_rate),
        sport: sport::TRAINING,
        sub_sport: sport::STRENGTH_TRAINING,
        rpe_x10,
    }
}

/// 2026-02-05 (Thursday), 18:00 in Berlin: strength training across the body.
///
/// Truth: training/strength_training; start 2026-02-05T17:00:00Z, UTC offset +01:00; elapsed
/// and timer 1245 s; no distance; average heart rate 112; RPE 7.0. 19 set messages, 10 of them
/// active with 59 reps: Barbell Back Squat 3 x 5 at 100 kg (lower body), Plank 2 x 60 s (core,
/// no reps), Barbell Bench Press 3 x 8 at 70 kg (upper body), "Strict Pull-Up" (an
/// `exercise_title`; category pull_up) 2 x 10 without weight (upper body).
pub fn strength_workout() -> FitWriter {
    let start = fit_time(1_770_310_800);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    messages::sport(&mut writer, sport::TRAINING, sport::STRENGTH_TRAINING, "Strength");
    messages::exercise_title(
        &mut writer,
        exercise::PULL_UP,
        exercise::PULL_UP_PULL_UP,
        "Strict Pull-Up",
        0,
    );
    messages::timer_event(&mut writer, start, true);
    let blocks = [
        Block {
            category: exercise::SQUAT,
            subtype: exercise::BARBELL_BACK_SQUAT,
            sets: 3,
            reps: Some(5),
            weight_kg: Some(100.0),
            work_s: 40,
            rest_s: 120,
        },
        Block {
            category: exercise::PLANK,
            subtype: exercise::PLANK_PLANK,
            sets: 2,
            reps: None,
            weight_kg: None,
            work_s: 60,
            rest_s: 60,
        },
        Block {
            category: exercise::BENCH_PRESS,
            subtype: exercise::BARBELL_BENCH_PRESS,
            sets: 3,
            reps: Some(8),
            weight_kg: Some(70.0),
            work_s: 35,
            rest_s: 90,
        },
        Block {
            category: exercise::PULL_UP,
            subtype: exercise::PULL_UP_PULL_UP,
            sets: 2,
            reps: Some(10),
            weight_kg: None,
            work_s: 30,
            rest_s: 90,
        },
    ];
    let end = write_sets(&mut writer, start, &blocks, 0);
    assert_eq!(end - start, 1245);
    messages::timer_event(&mut writer, end, false);
    messages::session(&mut writer, &strength_summary(start, end, 112, Some(70)));
    messages::activity(&mut writer, end, end + BERLIN_OFFSET, 1, 1_245_000);
    writer
}

/// 2026-02-07 (Saturday), 09:00 in Berlin: a multisport file, a trail run then strength.
///
/// Truth, session 1: running/trail; start 2026-02-07T08:00:00Z; elapsed 2400 s, timer
/// 2340 s; 6500.00 m; ascent 120 m; average heart rate 151; no RPE.
/// Session 2: training/strength_training; start 2026-02-07T08:42:00Z; elapsed and timer 755 s;
/// average heart rate 105; RPE 6.0; 15 set messages, 8 active with 94 reps: Dumbbell Lunge
/// 3 x 10 at 12 kg (lower body), Bicycle Crunch 2 x 20 (core), Barbell Shoulder Press 3 x 8 at
/// 40 kg (upper body). Both sessions have UTC offset +01:00.
pub fn run_then_strength() -> FitWriter {
    let start = fit_time(1_770_451_200);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    messages::sport(&mut writer, sport::RUNNING, sport::TRAIL, "Trail Run");
    messages::timer_event(&mut writer, start, true);
    for t in (0u32..=2400).step_by(20) {
        // A 60-second stop at 1200 s: 6500 m over 2340 s of timer time.
        let moving = if t <= 1200 {
            t
        } else {
            t.saturating_sub(60).max(1200)
        };
        let distance = f64::from(moving) * 6500.0 / 2340.0;
        messages::record(
            &mut writer,
            start + t,
            Some((distance * 100.0).round() / 100.0),
            Some(151),
        );
    }
    let run = Summary {
        timestamp: start + 2400,
        start_time: start,
        elapsed_ms: 2_400_000,
        timer_ms: 2_340_000,
        distance_m: Some(6500.0),
        ascent_m: Some(120),
        avg_heart_rate: Some(151),
        sport: sport::RUNNING,
        sub_sport: sport::TRAIL,
        rpe_x10: None,
    };
    messages::lap(&mut writer, &run);
    messages::session(&mut writer, &run);

    let strength_start = start + 2520;
    messages::sport(&mut writer, sport::TRAINING, sport::STRENGTH_TRAINING, "Strength");
    let blocks = [
        Block {
            category: exercise::LUNGE,
            subtype: 21, // dumbbell_lunge
            sets: 3,
            reps: Some(10),
            weight_kg: Some(12.0),
            work_s: 45,
            rest_s: 60,
        },
        Block {
            category: 6, // crunch
            subtype: 0,  // bicycle_crunch
            sets: 2,
            reps: Some(20),
            weight_kg: None,
            work_s: 40,
            rest_s: 45,
        },
        Block {
            category: exercise::SHOULDER_PRESS,
            subtype: 4, // barbell_shoulder_press
            sets: 3,
            reps: Some(8),
            weight_kg: Some(40.0),
            work_s: 30,
            rest_s: 90,
        },
    ];
    let end = write_sets(&mut writer, strength_start, &blocks, 0);
    assert_eq!(end - strength_start, 755);
    let strength = strength_summary(strength_start, end, 105, Some(60));
    messages::lap(&mut writer, &strength);
    messages::session(&mut writer, &strength);
    messages::activity(&mut writer, end, end + BERLIN_OFFSET, 2, 3_095_000);
    writer
}

/// 2026-02-10 (Tuesday), 06:45 in Berlin: a treadmill run written the way older and unusual
/// devices write: big-endian messages, records with compressed-timestamp headers, and a
/// developer field whose `developer_data_id` and `field_description` are missing.
///
/// Truth: running/treadmill; start 2026-02-10T05:45:00Z, UTC offset +01:00; elapsed and timer
/// 2700 s; 7200.00 m; no ascent; average heart rate 145; RPE 5.0; 541 records (every 5 s), the
/// last at 2026-02-10T06:30:00Z with 7200.00 m.
pub fn treadmill_run_compressed() -> FitWriter {
    let start = fit_time(1_770_702_300);
    let mut writer = FitWriter::big_endian();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    messages::timer_event(&mut writer, start, true);
    let distance_at = |t: u32| f64::from(t) * 7200.0 / 2700.0;
    for t in (0..=2700).step_by(5) {
        let heart_rate = Some(138 + (t / 5 % 15) as u8);
        let distance = Some((distance_at(t) * 100.0).round() / 100.0);
        if t % 300 == 0 {
            // A full timestamp every five minutes, with a 2-byte developer field (running power
            // from a foot pod app) that has no description anywhere in the file.
            writer.message_with_developer_fields(
                0,
                messages::global::RECORD,
                &messages::record_fields(Some(start + t), distance, heart_rate),
                &[DeveloperField {
                    number: 0,
                    developer_index: 0,
                    bytes: vec![0x01, 0x2C],
                }],
            );
        } else {
            let offset = ((start + t) & 0x1F) as u8;
            writer.compressed(
                1,
                offset,
                messages::global::RECORD,
                &messages::record_fields(None, distance, heart_rate),
            );
        }
    }
    let run = Summary {
        timestamp: start + 2700,
        start_time: start,
        elapsed_ms: 2_700_000,
        timer_ms: 2_700_000,
        distance_m: Some(7200.0),
        ascent_m: None,
        avg_heart_rate: Some(145),
        sport: sport::RUNNING,
        sub_sport: sport::TREADMILL,
        rpe_x10: Some(50),
    };
    messages::lap(&mut writer, &run);
    messages::session(&mut writer, &run);
    messages::activity(
        &mut writer,
        start + 2700,
        start + 2700 + BERLIN_OFFSET,
        1,
        2_700_000,
    );
    writer
}

/// 2026-02-12 (Thursday), 18:30 in Berlin: a pull day.
///
/// Truth: training/strength_training; start 2026-02-12T17:30:00Z, UTC offset +01:00; elapsed
/// and timer 1035 s; average heart rate 108; no RPE. 15 set messages, 8 active with 65 reps:
/// Barbell Deadlift 3 x 5 at 120 kg (lower body), Dumbbell Row 3 x 10 at 30 kg (upper body),
/// Barbell Rollout (category core) 2 x 10 (core).
pub fn strength_pull_day() -> FitWriter {
    let start = fit_time(1_770_917_400);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    let blocks = [
        Block {
            category: exercise::DEADLIFT,
            subtype: exercise::BARBELL_DEADLIFT,
            sets: 3,
            reps: Some(5),
            weight_kg: Some(120.0),
            work_s: 30,
            rest_s: 150,
        },
        Block {
            category: exercise::ROW,
            subtype: 2, // dumbbell_row
            sets: 3,
            reps: Some(10),
            weight_kg: Some(30.0),
            work_s: 40,
            rest_s: 75,
        },
        Block {
            category: exercise::CORE,
            subtype: 3, // barbell_rollout
            sets: 2,
            reps: Some(10),
            weight_kg: None,
            work_s: 45,
            rest_s: 60,
        },
    ];
    let end = write_sets(&mut writer, start, &blocks, 0);
    assert_eq!(end - start, 1035);
    messages::session(&mut writer, &strength_summary(start, end, 108, None));
    messages::activity(&mut writer, end, end + BERLIN_OFFSET, 1, 1_035_000);
    writer
}

/// 2026-02-14 (Saturday), 22:30 in Berlin: a long road run late in the evening.
///
/// Truth: running/street; start 2026-02-14T21:30:00Z, UTC offset +01:00 (local day
/// 2026-02-14); elapsed 5400 s, timer 5340 s; 15000.00 m; ascent 88 m; average heart rate 139;
/// RPE 6.0.
pub fn long_run() -> FitWriter {
    let start = fit_time(1_771_104_600);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    for t in (0..=5400).step_by(30) {
        let moving = if t <= 2700 { t } else { (t - 60).max(2700) };
        let distance = f64::from(moving) * 15000.0 / 5340.0;
        messages::record(
            &mut writer,
            start + t,
            Some((distance * 100.0).round() / 100.0),
            Some(139),
        );
    }
    let run = Summary {
        timestamp: start + 5400,
        start_time: start,
        elapsed_ms: 5_400_000,
        timer_ms: 5_340_000,
        distance_m: Some(15000.0),
        ascent_m: Some(88),
        avg_heart_rate: Some(139),
        sport: sport::RUNNING,
        sub_sport: sport::STREET,
        rpe_x10: Some(60),
    };
    messages::lap(&mut writer, &run);
    messages::session(&mut writer, &run);
    messages::activity(
        &mut writer,
        start + 5400,
        start + 5400 + BERLIN_OFFSET,
        1,
        5_340_000,
    );
    writer
}

/// [`run_with_pause`] cut off in the middle of the record written at 1500 s, before its laps
/// and session: what a watch that lost power leaves.
///
/// Truth: no session and no lap; 139 whole records, the first at 2026-02-03T05:30:00Z, the
/// last at 1490 s (2026-02-03T05:54:50Z) with 3836.00 m; the timer ran 1370 s of those 1490 s
/// (stopped from 600 s to 720 s).
pub fn cut_mid_message() -> Vec<u8> {
    let whole = run_with_pause();
    // Re-write the same messages up to the record at 1500 s, then keep half of that record.
    let start = fit_time(1_770_096_600);
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::ACTIVITY, start);
    messages::sport(&mut writer, sport::RUNNING, sport::STREET, "Run");
    messages::timer_event(&mut writer, start, true);
    for t in (0..=600).step_by(10) {
        messages::record(
            &mut writer,
            start + t,
            Some(f64::from(t) * 2.8),
            Some(140 + (t / 10 % 17) as u8),
        );
    }
    messages::timer_event(&mut writer, start + 600, false);
    messages::timer_event(&mut writer, start + 720, true);
    for t in (720..1500).step_by(10) {
        let moving = t - 120;
        messages::record(
            &mut writer,
            start + t,
            Some(f64::from(moving) * 2.8),
            Some(150 + (t / 10 % 9) as u8),
        );
    }
    let kept = writer.data().len() + 5; // header byte and 4 bytes of the next record
    assert!(whole.data().len() > kept);
    // The header still declares the whole file's size, as a file cut in transfer does.
    let mut file = crate::header(whole.data().len());
    file.extend_from_slice(&whole.data()[..kept]);
    file
}

/// A device settings file: `file_id` of type settings and one `user_profile` message.
pub fn settings_file() -> Vec<u8> {
    let mut writer = FitWriter::new();
    messages::file_id(&mut writer, file_type::SETTINGS, fit_time(1_770_000_000));
    writer.message(
        1,
        3, // user_profile
        &[(1, Value::Enum(1)), (4, Value::U8(70)), (5, Value::U8(180))],
    );
    writer.finish()
}

/// FIT's manufacturer number of Suunto.
const SUUNTO: u16 = 23;
/// Helsinki in January: UTC+02:00.
const HELSINKI_OFFSET: u32 = 2 * HOUR;
/// Semicircles of 60.17 degrees north, 24.94 degrees east (Helsinki).
const HELSINKI: (i32, i32) = (717_866_000, 297_546_000);

/// 2026-01-18 (Sunday), 09:00 in Helsinki: a run of a Suunto Ambit3 as Movescount exports it.
/// Its session has no `total_distance` field, and its elapsed and timer time stop at the end of
/// the last of its 5 manual laps (each 2540.00 m in 762 s) while the records (every 10 s, with
/// positions northwards and a cumulative distance at 10/3 m/s) go on for 300 s more.
///
/// Truth: running/generic; start 2026-01-18T07:00:00Z, UTC offset +02:00; session elapsed and
/// timer 3810 s; laps 12700.00 m; records 412, the last at 4110 s with 13700.00 m. runlift
/// reads 12700.00 m (from the laps), elapsed 4110 s (from the records), moving 3810 s.
pub fn suunto_ambit3_run() -> FitWriter {
    let start = fit_time(1_768_719_600);
    let mut writer = FitWriter::new();
    // Product 33: an Ambit3 Peak.
    messages::file_id_of(&mut writer, file_type::ACTIVITY, SUUNTO, 33, start);
    messages::timer_event(&mut writer, start, true);
    for t in (0..=4110).step_by(10) {
        let distance = f64::from(t) * 10.0 / 3.0;
        let north = i32::try_from(t).expect("a short run") * 357;
        messages::positioned_record(
            &mut writer,
            start + t,
            (HELSINKI.0 + north, HELSINKI.1),
            Some((distance * 100.0).round() / 100.0),
            150 + (t / 10 % 11) as u8,
        );
    }
    messages::timer_event(&mut writer, start + 4110, false);
    for lap in 0..5 {
        messages::lap(
            &mut writer,
            &Summary {
                timestamp: start + 762 * (lap + 1),
                start_time: start + 762 * lap,
                elapsed_ms: 762_000,
                timer_ms: 762_000,
                distance_m: Some(2540.0),
                ascent_m: Some(12),
                avg_heart_rate: Some(155),
                sport: sport::RUNNING,
                sub_sport: sport::GENERIC,
                rpe_x10: None,
            },
        );
    }
    messages::session_without_distance(
        &mut writer,
        &Summary {
            timestamp: start + 3810,
            start_time: start,
            elapsed_ms: 3_810_000,
            timer_ms: 3_810_000,
            distance_m: None,
            ascent_m: Some(60),
            avg_heart_rate: Some(155),
            sport: sport::RUNNING,
            sub_sport: sport::GENERIC,
            rpe_x10: None,
        },
    );
    messages::activity(
        &mut writer,
        start + 3810,
        start + 3810 + HELSINKI_OFFSET,
        1,
        3_810_000,
    );
    writer
}

/// 2026-01-21 (Wednesday), 18:30 in Helsinki: a Suunto run whose session and single lap have
/// no distance and whose records have positions but no distance field: the distance can only
/// come from the positions.
///
/// Truth: running/generic; start 2026-01-21T16:30:00Z, UTC offset +02:00; elapsed and timer
/// 1800 s; 361 records every 5 s, each 1600 semicircles north of the one before along one
/// meridian: 360 steps of 1600 x pi / 2^31 radians of the mean Earth radius (6 371 008.8 m),
/// 5368.47 m.
pub fn suunto_positions_only_run() -> FitWriter {
    let start = fit_time(1_769_013_000);
    let mut writer = FitWriter::new();
    messages::file_id_of(&mut writer, file_type::ACTIVITY, SUUNTO, 33, start);
    for step in 0..=360u32 {
        let north = i32::try_from(step).expect("361 records") * 1600;
        messages::positioned_record(
            &mut writer,
            start + step * 5,
            (HELSINKI.0 + north, HELSINKI.1),
            None,
            148,
        );
    }
    let run = Summary {
        timestamp: start + 1800,
        start_time: start,
        elapsed_ms: 1_800_000,
        timer_ms: 1_800_000,
        distance_m: None,
        ascent_m: None,
        avg_heart_rate: Some(148),
        sport: sport::RUNNING,
        sub_sport: sport::GENERIC,
        rpe_x10: None,
    };
    messages::lap(&mut writer, &run);
    messages::session_without_distance(&mut writer, &run);
    messages::activity(
        &mut writer,
        start + 1800,
        start + 1800 + HELSINKI_OFFSET,
        1,
        1_800_000,
    );
    writer
}
