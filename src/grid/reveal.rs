//! Findings name cells by JSON path; in a virtualized grid the row may not be
//! rendered. Each grid registers here under the path of its list (`rows`,
//! `projects[2].indicators`), and `reveal` scrolls its grid to the row and
//! focuses the cell (see `web::focus_path`).

use std::cell::RefCell;
use std::rc::Rc;

/// `go(row, field)`: focus a cell of the grid; false when it has no such row.
type Handler = Rc<dyn Fn(usize, &str) -> bool>;

thread_local! {
    static GRIDS: RefCell<Vec<(usize, String, Handler)>> = const { RefCell::new(Vec::new()) };
    static NEXT: RefCell<usize> = const { RefCell::new(0) };
}

/// Register the grid of list `path`; `go(row, field)` focuses a cell. Returns a
/// key for `unregister`.
pub fn register(path: String, go: impl Fn(usize, &str) -> bool + 'static) -> usize {
    let key = NEXT.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n
    });
    GRIDS.with(|g| g.borrow_mut().push((key, path, Rc::new(go))));
    key
}

/// Forget a grid (on unmount).
pub fn unregister(key: usize) {
    GRIDS.with(|g| g.borrow_mut().retain(|(k, _, _)| *k != key));
}

/// The list paths of the grids on the page, in registration order.
pub fn registered() -> Vec<String> {
    GRIDS.with(|g| g.borrow().iter().map(|(_, p, _)| p.clone()).collect())
}

/// Every way to read `path` as (list, row, field), innermost list first:
/// `projects[0].indicators[3].level1` → (`projects[0].indicators`, 3, `level1`),
/// then (`projects`, 0, `indicators`).
pub fn splits(path: &str) -> impl Iterator<Item = (&str, usize, &str)> {
    path.match_indices('[').rev().filter_map(move |(open, _)| {
        let close = open + path[open..].find(']')?;
        let row = path[open + 1..close].parse().ok()?;
        let rest = &path[close + 1..];
        let field = rest.strip_prefix('.').unwrap_or(rest);
        let field = field.split(['.', '[']).next().unwrap_or("");
        Some((&path[..open], row, field))
    })
}

/// The innermost (list, row, field) of `path`: `rows[3].this_year` →
/// (`rows`, 3, `this_year`); `rows[3]` → (`rows`, 3, ``).
pub fn split(path: &str) -> Option<(&str, usize, &str)> {
    splits(path).next()
}

fn handler(list: &str) -> Option<Handler> {
    GRIDS.with(|g| {
        g.borrow()
            .iter()
            .find(|(_, p, _)| p == list)
            .map(|(_, _, h)| h.clone())
    })
}

/// Scroll to and focus the grid cell at `path` (or the grid, when `path` names
/// the whole list); false when no grid holds it.
pub fn reveal(path: &str) -> bool {
    if let Some(h) = handler(path) {
        return h(0, "");
    }
    splits(path).any(|(list, row, field)| handler(list).is_some_and(|h| h(row, field)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_list_row_and_field() {
        assert_eq!(split("rows[3].this_year"), Some(("rows", 3, "this_year")));
        assert_eq!(split("rows[12]"), Some(("rows", 12, "")));
        assert_eq!(
            split("overall_performance.indicators[0].weight"),
            Some(("overall_performance.indicators", 0, "weight"))
        );
        assert_eq!(split("unit.name"), None);
    }

    #[test]
    fn nested_list_paths_split_innermost_first() {
        assert_eq!(
            split("projects[0].indicators[3].level1"),
            Some(("projects[0].indicators", 3, "level1"))
        );
        assert_eq!(
            splits("projects[12].indicators[3].level1").collect::<Vec<_>>(),
            vec![
                ("projects[12].indicators", 3, "level1"),
                ("projects", 12, "indicators"),
            ]
        );
        assert_eq!(
            split("projects[2].indicators[0]"),
            Some(("projects[2].indicators", 0, ""))
        );
        assert_eq!(split("projects[1].name"), Some(("projects", 1, "name")));
        // Not an index: skipped, the outer list still splits.
        assert_eq!(split("projects[1].x[a]"), Some(("projects", 1, "x")));
    }

    #[test]
    fn reveal_goes_to_the_grid_of_the_innermost_registered_list() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let log = |name: &'static str| {
            let seen = seen.clone();
            move |row: usize, field: &str| {
                seen.borrow_mut().push(format!("{name} {row} {field}"));
                row < 5
            }
        };
        let a = register("projects[0].indicators".into(), log("p0"));
        let b = register("projects[1].indicators".into(), log("p1"));
        assert!(reveal("projects[1].indicators[3].target"));
        assert!(reveal("projects[0].indicators"));
        assert!(!reveal("projects[0].indicators[7].level1"), "no such row");
        assert!(!reveal("projects[2].indicators[0].level1"), "no such grid");
        assert!(!reveal("projects[0].name"));
        assert_eq!(
            *seen.borrow(),
            ["p1 3 target", "p0 0 ", "p0 7 level1"].map(String::from)
        );
        unregister(a);
        assert_eq!(registered(), ["projects[1].indicators"]);
        unregister(b);
        assert!(registered().is_empty());
    }
}
