//! Entry point of the wasm binary: the panic hook, the catalogs, then mount
//! the app on the page body.

/// The catalogs of every year (crates/budget-core/build.rs writes them,
/// web/catalogs.txt is their copy): fetched, not carried in the wasm.
/// index.html preloads it, so it arrives while the wasm compiles.
const CATALOGS_URL: &str = "catalogs.txt";

fn main() {
    // A panic logs to the console (console_error_panic_hook) and shows a banner in
    // plain DOM with a download of the last autosave: the Leptos tree may be dead.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        budget_form::storage::show_crash_banner();
    }));
    // Every check and the code picker read the catalogs: the form is shown
    // once they are installed, never with none.
    // (Leptos's own executor starts with the mount: the wasm-bindgen one here.)
    wasm_bindgen_futures::spawn_local(async {
        let installed = budget_form::web::fetch_text(CATALOGS_URL, "科目目录")
            .await
            .and_then(|text| budget_core::catalog::install(&text).map_err(|e| e.to_string()));
        match installed {
            Ok(()) => leptos::mount::mount_to_body(budget_form::App),
            Err(e) => budget_form::web::show_start_failure(&format!(
                "{e}，无法开始填报。请检查网络后刷新页面；本机保存的草稿不受影响。"
            )),
        }
    });
}
