//! placeholder
pub fn warm() -> polars::prelude::PolarsResult<polars::prelude::DataFrame> {
    use polars::prelude::*;
    let df = df!("a" => [1i64, 2], "b" => [1.0f64, 2.0])?;
    df.lazy().group_by([col("a")]).agg([col("b").sum(), len()]).sort(["a"], Default::default()).collect()
}
