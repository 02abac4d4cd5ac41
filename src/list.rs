//! One keyed list (`<For>`) for every list keyed by a pair of indices: each
//! `<For>` with its own item, key and child types compiled the whole keyed
//! diff again (about 8 KB of wasm each); these share one copy.

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
