//! The report on 10 years of history (about 4,000 activities and 100,000 sets): analysis and
//! every renderer, cold (first call in the process, polars' thread pool included) and warm
//! (median of repeated calls), with the analysis split into digest (Rust), polars and checks
//! (Rust), and the peak memory of the process.
//!
//! `cargo bench -p runlift-report --bench report`; `-- --html FILE` also writes the HTML page of
//! the last 26 weeks (the screenshot in docs/ is of such a page).

#[path = "../tests/support/history.rs"]
mod history;

use std::time::{Duration, Instant};

use runlift_analysis::{AnalysisOptions, Timings, analyse_timed};
use runlift_report::{
    TableOptions, balance_csv, balance_html, balance_json, balance_markdown, balance_table,
};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let html_out = args
        .iter()
        .position(|a| a == "--html")
        .and_then(|i| args.get(i + 1).cloned());

    let started = Instant::now();
    let activities = history::ten_years();
    let generated = started.elapsed();
    let sets: usize = activities.iter().map(|a| a.sets.len()).sum();
    println!(
        "history: {} activities, {} sets (generated in {})",
        activities.len(),
        sets,
        ms(generated).trim()
    );
    // As of the end of the history's last week, so that the figures do not drift with the
    // day the benchmark runs.
    let options = AnalysisOptions {
        as_of: "2026-01-05T00:00:00Z".parse().expect("a valid moment"),
        ..AnalysisOptions::default()
    };

    // Cold: the first analysis in the process, as in one `runlift report` run.
    let started = Instant::now();
    let (report, cold) = analyse_timed(&activities, &options).expect("the analysis runs");
    let cold_total = started.elapsed();
    let started = Instant::now();
    let table = balance_table(&report, &TableOptions::default());
    let cold_table = started.elapsed();
    println!(
        "weeks: {}, warnings: {}, table: {} lines",
        report.weeks.len(),
        report.warnings.len(),
        table.lines().count()
    );
    println!("\ncold (first call in the process):");
    print_analysis(cold_total, cold);
    println!("  render table     {}", ms(cold_table));
    println!("  analyse + table  {}", ms(cold_total + cold_table));

    // Warm: medians of repeated runs.
    const RUNS: usize = 15;
    let mut total = Vec::new();
    let mut parts = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let (_, timings) = analyse_timed(&activities, &options).expect("the analysis runs");
        total.push(started.elapsed());
        parts.push(timings);
    }
    let warm = Timings {
        digest: median(parts.iter().map(|t| t.digest).collect()),
        polars: median(parts.iter().map(|t| t.polars).collect()),
        checks: median(parts.iter().map(|t| t.checks).collect()),
    };
    println!("\nwarm (median of {RUNS}):");
    print_analysis(median(total.clone()), warm);
    let renderers: [(&str, &dyn Fn() -> String); 5] = [
        ("table", &|| balance_table(&report, &TableOptions::default())),
        ("json", &|| balance_json(&report, None)),
        ("csv", &|| balance_csv(&report)),
        ("markdown", &|| balance_markdown(&report)),
        ("html", &|| balance_html(&report, None)),
    ];
    for (name, render) in renderers {
        let mut samples = Vec::new();
        let mut size = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            size = render().len();
            samples.push(started.elapsed());
        }
        println!("  render {name:<9} {} ({} KiB)", ms(median(samples)), size / 1024);
    }
    if let Some(rss) = peak_rss_mib() {
        println!("\npeak RSS: {rss:.1} MiB");
    }

    if let Some(path) = html_out {
        let recent = AnalysisOptions {
            weeks: Some(26),
            ..options.clone()
        };
        let (report, _) = analyse_timed(&activities, &recent).expect("the analysis runs");
        std::fs::write(&path, balance_html(&report, None)).expect("the HTML page can be written");
        println!("wrote {path}");
    }
}

fn print_analysis(total: Duration, timings: Timings) {
    println!("  analyse          {}", ms(total));
    println!("    digest (Rust)  {}", ms(timings.digest));
    println!("    polars         {}", ms(timings.polars));
    println!("    checks (Rust)  {}", ms(timings.checks));
}
