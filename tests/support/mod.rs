//! What the browser component tests share: the document, letting the reactive
//! system and the DOM settle, and mounting a view over a fresh state.
// Each test file is its own crate and uses a part of this module.
#![allow(dead_code)]

use budget_core::Inputs;
use budget_form::state::AppState;
use leptos::mount::UnmountHandle;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Let effects and the DOM settle: a few reactive ticks and one macrotask.
pub async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mount `view` over a state of `inputs` in a fresh container; returns the
/// state and the container.
pub async fn mount<V: IntoView + 'static>(
    inputs: Inputs,
    view: impl FnOnce() -> V + 'static,
) -> (AppState, web_sys::HtmlElement) {
    let (state, container, handle) = mount_kept(inputs, view).await;
    handle.forget();
    (state, container)
}

/// Like `mount`, and the mount's handle too: dropping it unmounts the view.
pub async fn mount_kept<V: IntoView + 'static>(
    inputs: Inputs,
    view: impl FnOnce() -> V + 'static,
) -> (AppState, web_sys::HtmlElement, UnmountHandle<V::State>) {
    let container: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let state = AppState::new(inputs);
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_context(state);
        view()
    });
    settle().await;
    (state, container, handle)
}

/// The input `#id` inside `container`.
pub fn input(container: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlInputElement {
    container
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("no #{id}"))
        .dyn_into()
        .unwrap()
}
