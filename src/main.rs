//! Entry point of the wasm binary: mount the app on the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(budget_form::App);
}
