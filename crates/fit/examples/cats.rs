fn main() {
    for c in 0u16..=65534 {
        let value = i64::from(c);
        if !fitparser::profile::FieldDataType::ExerciseCategory.is_named_variant(value) {
            continue;
        }
        let name = fitparser::profile::field_types::ExerciseCategory::from(c).to_string();
        let readable: String = name
            .split('_')
            .map(|w| {
                let mut ch = w.chars();
                ch.next()
                    .map(|f| f.to_uppercase().chain(ch).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let k = runlift_model::classify_exercise(&readable).map(|e| (e.key, e.muscle_groups));
        println!("{c:5} {name:22} {readable:22} {k:?}");
    }
}
