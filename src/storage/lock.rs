//! One editing tab at a time, by a Web Lock (`navigator.locks`).
//!
//! The tab that edits holds the exclusive lock `LOCK_NAME`: its request's
//! callback returns a promise that stays pending while the tab edits. The
//! browser releases the lock when the tab closes, reloads or crashes, so a
//! tab that died never locks its own draft (the heartbeat in localStorage
//! this replaces made a reopened tab read-only for seconds after a crash).
//!
//! A tab that finds the lock held is read-only (its form inert, no autosave)
//! and queues a request: granted when the holder goes, it reads the latest
//! draft and edits. Meanwhile it shows what the holder saves (the `storage`
//! event of the draft's head). 在此标签页继续编辑 asks the holder to let go
//! (a `release` message on a BroadcastChannel): the holder saves what it has
//! not saved yet, releases the lock, becomes read-only and queues in turn.
//! A holder that does not answer within `STEAL_AFTER` (its page hangs) loses
//! the lock by `steal`.
//!
//! Without Web Locks (an old browser, or a page not served over HTTPS or
//! from localhost) every tab edits, as a single tab would.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};

use super::draft::{Draft, open_stored};
use super::{DRAFT_KEY, StorageUi, autosave, storage};
use crate::state::AppState;

/// Name of the editing lock (Web Locks are per origin).
const LOCK_NAME: &str = "budget-form.draft";
/// The BroadcastChannel the tabs talk on.
const CHANNEL: &str = "budget-form.draft";
/// The message that asks the holder to let go: `[RELEASE, the time it was
/// sent (ms since the epoch)]`.
const RELEASE: &str = "release";
/// A holder asked to let go within this long (ms) saves its unsaved change
/// first; one asked later (its page was stuck) may have lost the lock by
/// `steal` meanwhile, and must not write over the new holder's draft.
const FRESH_MS: f64 = 1000.0;
/// Key of the lock the previous program kept in localStorage.
const OLD_LOCK_KEY: &str = "budget-form.draft.lock";
/// A holder that has not let go this long after being asked loses the lock.
const STEAL_AFTER: Duration = Duration::from_millis(1500);

thread_local! {
    /// Resolves the promise that keeps the lock held (while this tab holds it).
    static HELD: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Cancels this tab's queued request (while one is queued).
    static QUEUED: RefCell<Option<web_sys::AbortController>> = const { RefCell::new(None) };
    /// The channel, kept open for the page's life.
    static CHANNEL_OPEN: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// How a request asks for the lock.
#[derive(Clone, Copy, PartialEq)]
enum Ask {
    /// Now, or not at all (`ifAvailable`).
    Now,
    /// When the holder lets go (queued).
    Queue,
    /// From the holder, at once (`steal`).
    Steal,
}

/// `navigator.locks` and its `request`, when the browser has them.
fn locks() -> Option<(JsValue, js_sys::Function)> {
    let window = web_sys::window()?;
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    Some((locks, request))
}

/// Take the lock (or find another tab's), and listen to the other tabs.
pub fn start_tab_lock(state: AppState, ui: StorageUi) {
    if let Ok(s) = storage() {
        s.remove_item(OLD_LOCK_KEY).ok();
    }
    if ui.no_save {
        // This tab never writes the draft: it takes no lock from a tab that can.
        return;
    }
    if locks().is_none() {
        ui.holds.set_value(true);
        return;
    }
    request(state, ui, Ask::Now);
    let Some(window) = web_sys::window() else {
        return;
    };
    // The holder's saves, shown in a read-only tab (the head is written last).
    let on_storage =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            if ui.other_tab.get_untracked() && ev.key().as_deref() == Some(DRAFT_KEY) {
                mirror_draft(state, false);
            }
        });
    window
        .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref())
        .ok();
    on_storage.forget();
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                // `[RELEASE, ms since the epoch when sent]`.
                let data = ev.data();
                let sent = data
                    .dyn_ref::<js_sys::Array>()
                    .filter(|m| m.get(0).as_string().as_deref() == Some(RELEASE))
                    .and_then(|m| m.get(1).as_f64());
                if let Some(sent) = sent {
                    let_go(state, ui, js_sys::Date::now() - sent < FRESH_MS);
                }
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        CHANNEL_OPEN.set(Some(channel));
    }
}

/// Ask for the lock.
fn request(state: AppState, ui: StorageUi, ask: Ask) {
    let Some((locks, request_fn)) = locks() else {
        return;
    };
    let options = js_sys::Object::new();
    let flag = match ask {
        Ask::Now => Some("ifAvailable"),
        Ask::Steal => Some("steal"),
        Ask::Queue => None,
    };
    if let Some(flag) = flag {
        js_sys::Reflect::set(&options, &flag.into(), &JsValue::TRUE).ok();
    }
    if ask == Ask::Queue {
        let Ok(abort) = web_sys::AbortController::new() else {
            return;
        };
        js_sys::Reflect::set(&options, &"signal".into(), &abort.signal()).ok();
        QUEUED.set(Some(abort));
    }
    let granted = Rc::new(Cell::new(false));
    let was_granted = granted.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            // Held by another tab (an `ifAvailable` request).
            ui.other_tab.set(true);
            request(state, ui, Ask::Queue);
            return JsValue::UNDEFINED;
        }
        if HELD.with_borrow(Option::is_some) {
            // Already ours (a queued request granted after a steal).
            return JsValue::UNDEFINED;
        }
        granted.set(true);
        if ask != Ask::Queue {
            cancel_queued();
        } else {
            QUEUED.set(None);
        }
        let held = js_sys::Promise::new(&mut |resolve, _| HELD.set(Some(resolve)));
        if ui.other_tab.get_untracked() {
            // What the tab that edited last saved.
            mirror_draft(state, true);
            ui.other_tab.set(false);
        }
        ui.holds.set_value(true);
        autosave::flush();
        held.into()
    });
    let Ok(done) = request_fn.call3(&locks, &LOCK_NAME.into(), &options, &callback) else {
        // The browser refuses Web Locks here (e.g. a sandboxed page): edit as
        // a single tab would, rather than never save.
        if ask == Ask::Now {
            ui.holds.set_value(true);
        }
        return;
    };
    let Ok(done) = done.dyn_into::<js_sys::Promise>() else {
        return;
    };
    // Rejected: a queued request cancelled (ignored), or the lock stolen from
    // this tab by another's takeover.
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(done).await.is_err() && was_granted.get() {
            HELD.set(None);
            become_read_only(state, ui);
        }
    });
}

fn cancel_queued() {
    if let Some(abort) = QUEUED.take() {
        abort.abort();
    }
}

/// This tab no longer holds the lock: read-only, and queued for it.
fn become_read_only(state: AppState, ui: StorageUi) {
    ui.holds.set_value(false);
    ui.other_tab.set(true);
    if QUEUED.with_borrow(Option::is_none) {
        request(state, ui, Ask::Queue);
    }
}

/// Another tab takes over: save (when asked in time: `fresh`), let go of
/// the lock, and become read-only.
fn let_go(state: AppState, ui: StorageUi, fresh: bool) {
    let Some(release) = HELD.take() else {
        return;
    };
    if fresh {
        autosave::flush();
    }
    release.call0(&JsValue::UNDEFINED).ok();
    become_read_only(state, ui);
}

/// In a read-only tab: show what the editing tab saved. The head is compared
/// with the one last shown first: reading a 10,000-row draft takes a while.
/// `force`: read it even when the head is the one last shown (the form may
/// have been changed here since, e.g. by 加载示例).
fn mirror_draft(state: AppState, force: bool) {
    thread_local! {
        static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
    }
    let Ok(s) = storage() else { return };
    let Ok(Some(stored)) = s.get_item(DRAFT_KEY) else {
        return;
    };
    if !force && SHOWN.with_borrow(|shown| *shown == stored) {
        return;
    }
    if let (Draft::Ok(inputs), _) = open_stored(&s, stored.clone()) {
        SHOWN.set(stored);
        if state.inputs.with_untracked(|now| *now != *inputs) {
            state.inputs.set(*inputs);
        }
    }
}

/// 在此标签页继续编辑: ask the holder to let go; this tab's queued request
/// is then granted (it reads the latest draft). A holder that does not answer
/// loses the lock by `steal`.
pub fn take_over(state: AppState, ui: StorageUi) {
    if locks().is_none() {
        mirror_draft(state, true);
        ui.other_tab.set(false);
        return;
    }
    let sent = CHANNEL_OPEN.with_borrow(|c| {
        c.as_ref().is_some_and(|c| {
            let message = js_sys::Array::of2(&RELEASE.into(), &js_sys::Date::now().into());
            c.post_message(&message).is_ok()
        })
    });
    let steal = move || {
        if ui.other_tab.get_untracked() {
            request(state, ui, Ask::Steal);
        }
    };
    if sent {
        set_timeout(steal, STEAL_AFTER);
    } else {
        steal();
    }
}
