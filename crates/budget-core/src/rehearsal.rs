//! A rehearsal of a clerk's import on a small synthetic file, which the web app
//! runs once, in idle moments after it starts.
//!
//! Why: a browser first runs wasm code compiled by its baseline compiler and
//! optimizes a function only after it has done enough work; a call already
//! running stays in baseline code. A clerk's first import of a large file ran
//! the scan, the decoder and the comparison in baseline code from start to
//! end: opening a 10,000-row file took 121 ms the first time and 32–34 ms the
//! next three times in the same page (Chromium). Rehearsing the same path
//! on a 1,000-row file gets those functions optimized before the clerk has
//! even chosen a file.
//!
//! Each step is one part of the import ([`Rehearsal::step`]): generate,
//! export, open, compare, live checks. The page runs them in separate idle
//! moments, so a click or a keystroke never waits for more than one. The steps
//! check what they do: a synthetic form must export, open again as the same
//! inputs, and show no difference from its stated figures.

use crate::file::{self, Opening};
use crate::{Inputs, Totals, check_live, synthetic};

/// Rows of the rehearsal's synthetic form. The first `open_for_editing` of a
/// 10,000-row file, chosen 300 ms after the first paint (release build, three
/// fresh pages each), took 110–120 ms with no rehearsal, 57–80 ms after one
/// of 500 rows, 48–69 ms after 1,000 rows, 41–51 ms after 2,000 rows. The
/// longest step, the export, took 93–198 ms at 1,000 rows in a traced fresh
/// load: once, in an idle moment.
pub const ROWS: usize = 1_000;

/// The export time written into the rehearsal's file (any fixed time: the file
/// is never shown nor saved).
const AT: &str = "2000-01-01T00:00:00Z";

/// Where the rehearsal is: the next step.
#[derive(Debug)]
enum Stage {
    /// Generate the form.
    Generate,
    /// Export it.
    Export { form: Box<Inputs> },
    /// Open the file as the import does.
    Open { form: Box<Inputs>, text: String },
    /// Compare the figures the file states with the recomputation (what the
    /// import runs after its rows are painted).
    Compare {
        form: Box<Inputs>,
        opening: Box<Opening>,
    },
    /// Totals and live checks (what every edit runs).
    Live { form: Box<Inputs> },
    /// None: done.
    Done,
}

/// The rehearsal, one step at a time.
#[derive(Debug)]
pub struct Rehearsal {
    stage: Stage,
    rows: usize,
}

impl Default for Rehearsal {
    fn default() -> Self {
        Rehearsal::new(ROWS)
    }
}

impl Rehearsal {
    /// A rehearsal on a synthetic form of `rows` budget rows.
    pub fn new(rows: usize) -> Self {
        Rehearsal {
            stage: Stage::Generate,
            rows,
        }
    }

    /// Run the next step: `Ok(true)` while steps are left, `Ok(false)` once
    /// done. An `Err` says which step went wrong (a bug: the synthetic form is
    /// valid by construction); the rehearsal is then over.
    pub fn step(&mut self) -> Result<bool, String> {
        let stage = std::mem::replace(&mut self.stage, Stage::Done);
        self.stage = match stage {
            Stage::Generate => {
                let generated = synthetic::generate(self.rows, 7);
                // The inputs as a file holds them (amounts written out).
                let form = file::normalized(&generated).map_err(|e| format!("generate: {e}"))?;
                Stage::Export {
                    form: Box::new(form),
                }
            }
            Stage::Export { form } => {
                let text = file::export(&form, AT).map_err(|e| format!("export: {e}"))?;
                Stage::Open { form, text }
            }
            Stage::Open { form, text } => {
                let opening =
                    file::open_for_editing(text.into_bytes()).map_err(|e| format!("open: {e}"))?;
                if opening.inputs != *form {
                    return Err("open: the inputs read back differ from the form".to_string());
                }
                Stage::Compare {
                    form,
                    opening: Box::new(opening),
                }
            }
            Stage::Compare { form, opening } => {
                let imp = opening
                    .pending
                    .findings(&opening.inputs)
                    .map_err(|e| format!("compare: {e}"))?;
                if !imp.is_empty() {
                    return Err(format!("compare: {} stated figures differ", imp.len()));
                }
                Stage::Live { form }
            }
            Stage::Live { form } => {
                let totals = Totals::compute(&form);
                std::hint::black_box(check_live(&form, &totals));
                Stage::Done
            }
            Stage::Done => Stage::Done,
        };
        Ok(!matches!(self.stage, Stage::Done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rehearsal_runs_its_five_steps_and_then_is_done() {
        let mut r = Rehearsal::new(50);
        assert_eq!(r.step(), Ok(true), "generate");
        assert_eq!(r.step(), Ok(true), "export");
        assert_eq!(r.step(), Ok(true), "open");
        assert_eq!(r.step(), Ok(true), "compare");
        assert_eq!(r.step(), Ok(false), "live checks");
        assert_eq!(r.step(), Ok(false), "done stays done");
    }

    #[test]
    fn the_default_rehearsal_completes() {
        let mut r = Rehearsal::default();
        let mut steps = 0;
        while r.step().expect("the synthetic form rehearses") {
            steps += 1;
        }
        assert_eq!(steps, 4);
    }
}
