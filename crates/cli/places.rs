//! Where runlift keeps things when the command line does not say: the one place that asks the
//! platform, through `etcetera`'s base strategy (the XDG folders on Linux and macOS, the known
//! folders on Windows).
//!
//! | | Linux, macOS | Windows |
//! |---|---|---|
//! | activity store | `$XDG_DATA_HOME/runlift`, else `~/.local/share/runlift` | `%APPDATA%\runlift\store` |
//! | user config file | `$XDG_CONFIG_HOME/runlift/config.toml`, else `~/.config/runlift/config.toml` | `%APPDATA%\runlift\config.toml` |
//!
//! A relative `XDG_*` value is ignored, as the XDG specification says.

use std::path::PathBuf;

use etcetera::BaseStrategy;

fn base() -> Option<impl BaseStrategy> {
    etcetera::choose_base_strategy().ok()
}

/// The activity store's default folder, or `None` when the platform names no home folder.
pub fn default_store() -> Option<PathBuf> {
    let runlift = base()?.data_dir().join("runlift");
    // On Windows the data and config folders are one (%APPDATA%): the store gets a folder of
    // its own beside the config file.
    Some(if cfg!(windows) {
        runlift.join("store")
    } else {
        runlift
    })
}

/// The user's config file, or `None` when the platform names no home folder.
pub fn user_config_file() -> Option<PathBuf> {
    Some(base()?.config_dir().join("runlift").join("config.toml"))
}
