//! One keyed list (`<For>`) for every list keyed by a pair of indices: each
//! `<For>` with its own item, key and child types compiled the whole keyed
//! diff again (about 8 KB of wasm each); these share one copy. The same for
//! `<Show>`.

use std::sync::Arc;

use leptos::prelude::*;

/// The key of an item, which is also the item itself.
pub type Key = (usize, usize);

/// `<For each key=|k| *k children />`: the items of `each()` in order, each built
/// once by `children` and kept while its key stays in the list.
pub fn keyed_list(
    each: impl Fn() -> Vec<Key> + Send + Sync + 'static,
    children: impl Fn(Key) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    keyed(Arc::new(each), Arc::new(children))
}

#[inline(never)]
fn keyed(
    each: Arc<dyn Fn() -> Vec<Key> + Send + Sync>,
    children: Arc<dyn Fn(Key) -> AnyView + Send + Sync>,
) -> AnyView {
    view! { <For each=move || each() key=|k: &Key| *k children=move |k| children(k) /> }.into_any()
}

/// `<Show when>children</Show>`: `children` while `when()` holds, else nothing.
pub fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown(
        Arc::new(when),
        Arc::new(children),
        Arc::new(|| ().into_any()),
    )
}

/// `<Show when fallback>children</Show>`.
pub fn show_else(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + Sync + 'static,
    fallback: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shown(Arc::new(when), Arc::new(children), Arc::new(fallback))
}

/// What `<Show>` does (a memo of the condition; the branch is built anew when
/// it changes), compiled once instead of once per `<Show>`.
#[inline(never)]
fn shown(
    when: Arc<dyn Fn() -> bool + Send + Sync>,
    children: Arc<dyn Fn() -> AnyView + Send + Sync>,
    fallback: Arc<dyn Fn() -> AnyView + Send + Sync>,
) -> AnyView {
    let when = ArcMemo::new(move |_| when());
    (move || if when.get() { children() } else { fallback() }).into_any()
}
