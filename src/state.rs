//! The app state: one `Inputs` signal (the only mutable data) and memos over the core.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use budget_core::catalog::{Bureau, Choice, InForce};
use budget_core::model::{NarrativeInputs, OverallPerformance, SanGong, UnitHeader};
use budget_core::{Finding, Inputs, Severity, Totals};
use leptos::prelude::*;

/// The sections of the page (tabs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 单位信息
    Unit,
    /// 预算明细
    Rows,
    /// 基本支出经济分类
    Economic,
    /// 三公经费
    SanGong,
    /// 政府采购
    Procurement,
    /// 整体绩效目标
    Overall,
    /// 项目绩效目标
    Projects,
    /// 说明文字
    Narrative,
    /// 表1–表10 and the project forms
    Tables,
    /// 情况说明
    Report,
    /// 图表 (charts of the derived figures)
    Charts,
}

impl Tab {
    /// Every tab, in page order.
    pub const ALL: [Tab; 11] = [
        Tab::Unit,
        Tab::Rows,
        Tab::Economic,
        Tab::SanGong,
        Tab::Procurement,
        Tab::Overall,
        Tab::Projects,
        Tab::Narrative,
        Tab::Tables,
        Tab::Report,
        Tab::Charts,
    ];
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Unit => "单位信息",
            Tab::Rows => "预算明细",
            Tab::Economic => "基本支出经济分类",
            Tab::SanGong => "三公经费",
            Tab::Procurement => "政府采购",
            Tab::Overall => "整体绩效目标",
            Tab::Projects => "项目绩效目标",
            Tab::Narrative => "说明文字",
            Tab::Tables => "公开表格（表1–表10）",
            Tab::Report => "情况说明",
            Tab::Charts => "图表",
        }
    }
    /// Stable DOM id suffix.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Unit => "unit",
            Tab::Rows => "rows",
            Tab::Economic => "economic",
            Tab::SanGong => "sangong",
            Tab::Procurement => "procurement",
            Tab::Overall => "overall",
            Tab::Projects => "projects",
            Tab::Narrative => "narrative",
            Tab::Tables => "tables",
            Tab::Report => "report",
            Tab::Charts => "charts",
        }
    }
}

/// A message shown above the form (import/export results).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// True for a problem, false for a success.
    pub is_error: bool,
    /// Headline.
    pub title: String,
    /// Detail lines (e.g. problems with their JSON paths).
    pub lines: Vec<NoticeLine>,
}

/// One line of a notice; `path` (an input path) makes it a link to the cell.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeLine {
    /// Text.
    pub text: String,
    /// Input path to jump to.
    pub path: Option<String>,
}

/// What the checks say about one input path.
#[derive(Debug, Clone, PartialEq)]
pub struct CellFinding {
    /// The worst severity among the findings naming the path.
    pub severity: Severity,
    /// `CHECK message` of each finding, one per line (the cell's hover text).
    pub text: String,
}

/// Everything the components share; `Copy`, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The inputs: the only data a clerk changes.
    pub inputs: RwSignal<Inputs>,
    /// The live input slices over `inputs` (see `input_slice`).
    slices: StoredValue<Slices, LocalStorage>,
    /// Sections of the inputs their form fields read (see `slice`): an edit
    /// elsewhere (a budget row) costs a clone and a compare, and none of the
    /// section's fields is even visited.
    pub unit: ReadSignal<UnitHeader>,
    /// 三公经费 inputs.
    pub sangong: ReadSignal<SanGong>,
    /// 整体绩效目标 inputs.
    pub overall: ReadSignal<OverallPerformance>,
    /// 说明文字 inputs.
    pub narrative: ReadSignal<NarrativeInputs>,
    /// Headline totals (one cheap pass over the inputs), for every edit.
    pub totals: Memo<Totals>,
    /// Findings of the core checks.
    pub findings: Memo<Vec<Finding>>,
    /// Tables shown, printed and exported in 万元 (舍位平衡) instead of 元.
    pub wan_tables: RwSignal<bool>,
    /// Worst severity and the messages per input path named by a finding, as of
    /// the last run of the checks (not reactive: fields read it through
    /// `flag_cells`).
    flagged: StoredValue<BTreeMap<String, CellFinding>>,
    /// One signal per path a field asked about (`finding`), set only when that
    /// path's finding changes: a new finding re-renders the cells it names,
    /// not the thousand other fields of the form.
    flag_cells: StoredValue<HashMap<String, ArcRwSignal<Option<CellFinding>>>>,
    /// Counts the changes of `inputs` (not reactive): whether they changed
    /// between two moments, e.g. an import and the comparison of its stated
    /// figures after the rows are painted.
    revision: StoredValue<u64>,
    /// The one undo history of the form (grids and fields alike).
    pub undo: crate::undo::Undo,
    /// The visible section.
    pub tab: RwSignal<Tab>,
    /// Import/export message.
    pub notice: RwSignal<Option<Notice>>,
    /// Storage problem banner.
    pub storage_banner: RwSignal<Option<String>>,
    /// "已保存 HH:MM:SS" once a save succeeded.
    pub saved_at: RwSignal<Option<String>>,
    /// The bureau catalogs loaded in this browser, by fiscal year
    /// (`storage::catalogs`): a form of such a year is derived and checked
    /// against it instead of the built-in catalog.
    pub catalogs: RwSignal<Vec<(i32, &'static Bureau)>>,
}

impl AppState {
    /// Build the state over `initial` inputs.
    pub fn new(initial: Inputs) -> Self {
        let inputs = RwSignal::new(initial);
        let slices = StoredValue::new_local(Slices::default());
        let revision = StoredValue::new(0u64);
        // The one subscriber of `inputs` that serves every `input_slice` (and
        // counts the changes).
        let refresh_slices = ImmediateEffect::new(move || {
            inputs.track();
            revision.update_value(|r| *r += 1);
            let Some(slices) =
                slices.try_with_value(|s| s.live.iter().flatten().cloned().collect::<Vec<_>>())
            else {
                return;
            };
            // Compute every slice with the inputs borrowed, then publish the
            // changed ones (their subscribers may read the inputs again).
            let changed: Vec<Box<dyn FnOnce()>> =
                inputs.with(|i| slices.iter().filter_map(|f| f(i)).collect());
            for publish in changed {
                publish();
            }
        });
        let unit = input_slice(slices, inputs, |i| i.unit.clone());
        let sangong = input_slice(slices, inputs, |i| i.sangong.clone());
        let overall = input_slice(slices, inputs, |i| i.overall_performance.clone());
        let narrative = input_slice(slices, inputs, |i| i.narrative.clone());
        let totals = Memo::new(move |_| inputs.with(budget_core::Totals::compute));
        let catalogs = RwSignal::new(Vec::new());
        // The checks need the totals and 表6 only (`check_live`), not every table.
        let findings = Memo::new(move |_| {
            catalogs.with(|c| {
                inputs.with(|i| totals.with(|t| budget_core::check_live_in(i, t, in_force(c, i))))
            })
        });
        let flagged = StoredValue::new(BTreeMap::<String, CellFinding>::new());
        let flag_cells: StoredValue<HashMap<String, ArcRwSignal<Option<CellFinding>>>> =
            StoredValue::new(HashMap::new());
        // After each run of the checks: the new worst severity and messages per
        // path, and a signal set for each path whose finding changed.
        let follow_findings = ImmediateEffect::new(move || {
            let now = findings.with(|fs| {
                let mut map: BTreeMap<String, CellFinding> = BTreeMap::new();
                for f in fs {
                    for loc in &f.locations {
                        let text = format!("{} {}", f.check, f.message);
                        map.entry(loc.clone())
                            .and_modify(|c| {
                                c.severity = c.severity.min(f.severity);
                                c.text.push('\n');
                                c.text.push_str(&text);
                            })
                            .or_insert(CellFinding {
                                severity: f.severity,
                                text,
                            });
                    }
                }
                map
            });
            // The paths whose finding changed, against the stored map, which
            // then takes the new one (no copy of the whole map per edit).
            let changed = flagged.try_with_value(|before| {
                let came_or_changed = now
                    .iter()
                    .filter(|(k, v)| before.get(*k) != Some(*v))
                    .map(|(k, v)| (k.clone(), Some(v.clone())));
                let went = before
                    .keys()
                    .filter(|k| !now.contains_key(*k))
                    .map(|k| (k.clone(), None));
                came_or_changed.chain(went).collect::<Vec<_>>()
            });
            let Some(changed) = changed else { return };
            flagged.set_value(now);
            flag_cells.with_value(|cells| {
                for (path, finding) in changed {
                    if let Some(cell) = cells.get(&path) {
                        cell.set(finding);
                    }
                }
            });
        });
        // Kept with the state (not only with the current owner, which a test
        // that builds the state outside a component does not have).
        StoredValue::new_local((refresh_slices, follow_findings));
        AppState {
            inputs,
            slices,
            unit,
            sangong,
            overall,
            narrative,
            totals,
            findings,
            wan_tables: RwSignal::new(false),
            flagged,
            flag_cells,
            revision,
            undo: crate::undo::Undo::new(inputs),
            tab: RwSignal::new(Tab::Rows),
            notice: RwSignal::new(None),
            storage_banner: RwSignal::new(None),
            saved_at: RwSignal::new(None),
            catalogs,
        }
    }

    /// The state provided by `App`.
    pub fn get() -> Self {
        expect_context::<AppState>()
    }

    /// The catalogs the form is checked against now (tracked: its year and
    /// the loaded bureau catalogs).
    pub fn in_force(&self) -> InForce {
        self.catalogs.with(|c| {
            self.unit
                .with(|u| Choice::ByYear(c).for_year(u.fiscal_year))
        })
    }

    /// Severity of the finding naming `path`, if any (tracked).
    pub fn flag(&self, path: &str) -> Option<Severity> {
        self.finding(path)
            .and_then(|cell| cell.with(|f| f.as_ref().map(|f| f.severity)))
    }

    /// The findings naming `path` as a signal that changes only when they do:
    /// read it in a view and the view follows that one path.
    pub fn finding(&self, path: &str) -> Option<ArcRwSignal<Option<CellFinding>>> {
        let flagged = self.flagged;
        self.flag_cells.try_update_value(|cells| {
            if let Some(cell) = cells.get(path) {
                return cell.clone();
            }
            let now = flagged.with_value(|m| m.get(path).cloned());
            cells
                .entry(path.to_string())
                .or_insert_with(|| ArcRwSignal::new(now))
                .clone()
        })
    }

    /// A read-only signal of `f(inputs)` that notifies only when its value
    /// changes (see `input_slice`); dropped with the calling component.
    pub fn input_slice<T>(&self, f: impl Fn(&Inputs) -> T + 'static) -> ReadSignal<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        input_slice(self.slices, self.inputs, f)
    }

    /// Like `input_slice`, for a value that also depends on `key` (the row a
    /// recycled grid row shows): recomputed when the inputs change (through
    /// the registry, reading the key untracked) or when the key does.
    pub fn input_slice_keyed<K, T>(
        &self,
        key: ReadSignal<K>,
        f: impl Fn(&Inputs, K) -> T + 'static,
    ) -> ReadSignal<T>
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let inputs = self.inputs;
        let signal = RwSignal::new(inputs.with_untracked(|i| f(i, key.get_untracked())));
        let f = StoredValue::new_local(f);
        let compute = move |i: &Inputs, k: K| f.try_with_value(|f| f(i, k));
        register(self.slices, signal, move |i| {
            key.try_get_untracked().and_then(|k| compute(i, k))
        });
        ImmediateEffect::new_scoped(move || {
            let k = key.get();
            if let Some(value) = inputs.with_untracked(|i| compute(i, k))
                && signal.try_with_untracked(|old| *old != value) == Some(true)
            {
                signal.set(value);
            }
        });
        signal.read_only()
    }

    /// Number of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        self.findings.with(|fs| {
            let errors = fs.iter().filter(|f| f.is_error()).count();
            (errors, fs.len() - errors)
        })
    }

    /// The number of changes of the inputs so far (see `revision`).
    pub fn revision(&self) -> u64 {
        self.revision.get_value()
    }

    /// True when nothing has been entered.
    pub fn is_empty(&self) -> bool {
        self.inputs.with(|i| *i == Inputs::default())
    }
}

/// A read-only signal that follows `f` and notifies only when its value changes.
///
/// A `Memo` also notifies only on change, but on every upstream change Leptos
/// still visits each of its subscribers (scheduling them to ask the memo whether
/// it changed). With thousands of form fields downstream of the inputs (the
/// project forms of a large department) those visits were most of an edit's
/// time. Here an immediate effect recomputes the value on each upstream change
/// and sets the signal only when it differs, so the subscribers are untouched.
pub fn slice<T>(f: impl Fn() -> T + Send + Sync + 'static) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let signal = RwSignal::new(untrack(&f));
    ImmediateEffect::new_scoped(move || {
        let value = f();
        if signal.with_untracked(|old| *old != value) {
            signal.set(value);
        }
    });
    signal.read_only()
}

/// Recompute one input slice: `Some(publish)` when its value changed.
type Refresh = dyn Fn(&Inputs) -> Option<Box<dyn FnOnce()>>;

/// The live input slices of one state (see `input_slice`); freed slots are reused.
#[derive(Default)]
struct Slices {
    live: Vec<Option<Rc<Refresh>>>,
    free: Vec<usize>,
}

/// A read-only signal of `f(inputs)` that notifies only when its value changes,
/// like `slice`, but without subscribing to the inputs itself.
///
/// Every input slice is refreshed by one effect in `AppState::new`, so the
/// inputs signal has a handful of subscribers however many rows are on
/// screen. With one effect per slice, each edit re-ran every effect, and each
/// re-run unsubscribed and resubscribed it — a removal from an ordered set as
/// long as the number of slices: most of an edit's time went there
/// (`IndexMap::shift_remove` in the profile). The slice is dropped with the
/// component that made it.
fn input_slice<T>(
    slices: StoredValue<Slices, LocalStorage>,
    inputs: RwSignal<Inputs>,
    f: impl Fn(&Inputs) -> T + 'static,
) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let signal = RwSignal::new(inputs.with_untracked(&f));
    register(slices, signal, move |i| Some(f(i)));
    signal.read_only()
}

/// Put `signal` in the registry: on each change of the inputs `f` recomputes
/// it (`None`: nothing to compute any more) and it is set if it differs.
/// Removed when the calling component is cleaned up.
fn register<T>(
    slices: StoredValue<Slices, LocalStorage>,
    signal: RwSignal<T>,
    f: impl Fn(&Inputs) -> Option<T> + 'static,
) where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let refresh: Rc<Refresh> = Rc::new(move |i: &Inputs| {
        let value = f(i)?;
        let same = signal.try_with_untracked(|old| *old == value)?;
        (!same).then(|| {
            Box::new(move || {
                signal.try_set(value);
            }) as Box<dyn FnOnce()>
        })
    });
    let slot = slices.try_update_value(|s| match s.free.pop() {
        Some(k) => {
            s.live[k] = Some(refresh);
            k
        }
        None => {
            s.live.push(Some(refresh));
            s.live.len() - 1
        }
    });
    on_cleanup(move || {
        if let Some(slot) = slot {
            slices.try_update_value(|s| {
                if let Some(entry) = s.live.get_mut(slot) {
                    *entry = None;
                    s.free.push(slot);
                }
            });
        }
    });
}

/// The catalogs for `inputs`: the bureau's for its year when loaded, else the
/// built-in ones of its year.
fn in_force(catalogs: &[(i32, &'static Bureau)], inputs: &Inputs) -> InForce {
    Choice::ByYear(catalogs).for_year(inputs.unit.fiscal_year)
}
