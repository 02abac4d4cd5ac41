//! Copy, cut and paste of the grid: the selection as TSV (and an HTML table)
//! to the clipboard, a pasted block through `tsv` into one undo step.

use leptos::prelude::*;
use web_sys::ClipboardEvent;

use super::controller::{Ctl, Mode, set_changed};
use super::tsv;

impl Ctl {
    /// The `copy` event: the selection, unless a cell is being edited (the
    /// text box then copies its own text).
    pub(super) fn on_copy(&self, ev: &ClipboardEvent) {
        if self.mode.get_untracked() == Mode::Nav {
            self.copy(ev);
        }
    }

    /// The `cut` event (Ctrl+X): copy the selection, then clear it (one undo
    /// step).
    pub(super) fn on_cut(&self, ev: &ClipboardEvent) {
        if self.mode.get_untracked() == Mode::Nav {
            self.copy(ev);
            self.clear();
        }
    }

    /// Ctrl+C: the selection as TSV and as an HTML table.
    fn copy(&self, ev: &ClipboardEvent) {
        let sel = self.selection();
        let (t, l, b, r) = sel;
        let m = self.model();
        let block = self.state.inputs.with_untracked(|i| m.block(i, sel));
        if let Some(dt) = ev.clipboard_data() {
            dt.set_data("text/plain", &tsv::write(&block)).ok();
            dt.set_data("text/html", &tsv::write_html(&block)).ok();
            ev.prevent_default();
            self.status
                .set(format!("已复制 {} 行 × {} 列", b + 1 - t, r + 1 - l));
        }
    }

    /// Ctrl+V: a TSV block into the selection (see `edit::paste`); one plain
    /// value pasted while editing goes into the text box.
    pub(super) fn on_paste(&self, ev: &ClipboardEvent) {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let mode = self.mode.get_untracked();
        let mut block = tsv::parse(&text);
        // One plain value (Excel copies a cell as `v\r\n`) pasted while
        // editing goes into the text box as usual (a text box drops the line
        // end). A quoted cell (one with a line break: `"a\nb"\r\n`) goes
        // through the grid's paste, which unquotes it.
        let plain = !text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .unwrap_or(&text)
            .contains(['\t', '\n', '\r', '"']);
        if mode != Mode::Nav && plain {
            return;
        }
        ev.prevent_default();
        self.commit();
        let (t, l, b, r) = self.selection();
        // A block into a selection it divides fills it, as in Excel: one
        // copied cell fills every selected cell.
        let m = self.model();
        // (A block with its header goes in once, as whole rows.)
        if !m.headed(&block)
            && let Some(tiled) = tsv::tile(&block, b + 1 - t, r + 1 - l)
        {
            block = tiled;
        }
        let (plan, report) = self
            .state
            .inputs
            .with_untracked(|i| m.paste(i, &block, (t, l)));
        self.run("粘贴", plan);
        self.status.set(report.line());
        if let Some(first) = report.refused.first() {
            // The clerk checks what was not recognised: start there.
            self.anchor.set(first.at);
            self.active.set(first.at);
            set_changed(self.all, false);
            self.reveal(first.at);
        } else if report.cells > 0 {
            self.anchor.set((t, l));
            self.active.set(report.end);
            set_changed(self.all, false);
            self.reveal((t, l));
        }
    }
}
