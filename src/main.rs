//! Entry point of the wasm binary: the panic hook, then mount the app on the page body.

fn main() {
    // A panic logs to the console (console_error_panic_hook) and shows a banner in
    // plain DOM with a download of the last autosave: the Leptos tree may be dead.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        budget_form::storage::show_crash_banner();
    }));
    leptos::mount::mount_to_body(budget_form::App);
}
