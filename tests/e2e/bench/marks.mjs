// In-page marks for the import and export timings, shared by bench.mjs and
// import-bench.mjs. Add with `context.addInitScript(importExportMarks)`: it runs
// in the page before its scripts, so it must not refer to anything outside it.
//   window.__exports: one run per click on 导出: click, blob (and bytes) when
//     the file's blob URL is made, frame, notice, painted after the frame
//     that follows the blob.
//   window.__importRun: the last change of #import-file: change, shown (rows in
//     the grid and the notice), painted after the next frame, compared (the
//     notice no longer says the file's stated figures are being compared).
export function importExportMarks() {
  // Export: click on 导出 -> blob URL created -> next painted frame. The
  // file is made by the worker: the run ends after the frame that follows
  // the blob, not the click.
  window.__exports = [];
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    const cur = window.__exportRun;
    if (cur && cur.blob === undefined) {
      cur.blob = performance.now();
      cur.bytes = blob.size;
      requestAnimationFrame(() => {
        cur.frame = performance.now();
        cur.notice = document.getElementById('notice')?.textContent ?? '';
        setTimeout(() => {
          cur.painted = performance.now();
          window.__exports.push(cur);
          if (window.__exportRun === cur) window.__exportRun = null;
        }, 0);
      });
    }
    return createObjectURL.call(this, blob);
  };
  document.addEventListener(
    'click',
    (e) => {
      if (e.target?.id !== 'btn-export') return;
      window.__exportRun = { click: performance.now() };
    },
    true,
  );

  // Import: change on the file input -> rows in the grid and the notice -> next painted frame.
  document.addEventListener(
    'change',
    (e) => {
      if (e.target?.id !== 'import-file') return;
      const run = (window.__importRun = { change: performance.now() });
      const done = () => {
        const notice = document.getElementById('notice')?.textContent ?? '';
        return document.getElementById('f-rows-0-this_year') && notice.includes('导入');
      };
      // The notice says 正在核对 until the file's stated figures are compared.
      const compared = () => !(document.getElementById('notice')?.textContent ?? '').includes('正在核对');
      const obs = new MutationObserver(() => {
        if (!run.shown && done()) {
          run.shown = performance.now();
          requestAnimationFrame(() => setTimeout(() => (run.painted = performance.now()), 0));
        }
        if (run.shown && run.compared === undefined && compared()) {
          run.compared = performance.now();
          obs.disconnect();
        }
      });
      obs.observe(document, { childList: true, subtree: true, characterData: true });
    },
    true,
  );
}
