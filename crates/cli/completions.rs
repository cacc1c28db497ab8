//! `runlift completions SHELL` and `runlift man`: generated from the same clap definitions as
//! the parser, so they can never describe options the binary does not have.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> anyhow::Result<String> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "runlift", &mut script);
    Ok(String::from_utf8(script)?)
}

/// The manual page, in roff: the top-level page, with every subcommand's options in it.
pub fn man() -> anyhow::Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    for sub in Cli::command().get_subcommands() {
        // The subcommands' own options, each under its heading, so that one page says it all.
        let name = format!("runlift-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("runlift {}", sub.get_name()));
        let man = clap_mangen::Man::new(sub);
        man.render_name_section(&mut page)?;
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
    }
    Ok(String::from_utf8(page)?)
}
