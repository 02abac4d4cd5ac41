//! Findings name cells by JSON path; in a virtualized grid the row may not be
//! rendered. Each grid registers here, and `reveal` scrolls its grid to the row
//! and focuses the cell (see `web::focus_path`).

use std::cell::RefCell;
use std::rc::Rc;

type Handler = Rc<dyn Fn(usize, &str) -> bool>;

thread_local! {
    static GRIDS: RefCell<Vec<(usize, &'static str, Handler)>> = const { RefCell::new(Vec::new()) };
    static NEXT: RefCell<usize> = const { RefCell::new(0) };
}

/// Register the grid of list `path`; `go(row, field)` focuses a cell. Returns a
/// key for `unregister`.
pub fn register(path: &'static str, go: impl Fn(usize, &str) -> bool + 'static) -> usize {
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

/// `rows[3].this_year` → ("rows", 3, "this_year"); `rows[3]` → ("rows", 3, "").
pub fn split(path: &str) -> Option<(&str, usize, &str)> {
    let open = path.find('[')?;
    let close = open + path[open..].find(']')?;
    let row = path[open + 1..close].parse().ok()?;
    let rest = &path[close + 1..];
    let field = rest.strip_prefix('.').unwrap_or(rest);
    let field = field.split(['.', '[']).next().unwrap_or("");
    Some((&path[..open], row, field))
}

/// Scroll to and focus the grid cell at `path`; false when no grid holds it.
pub fn reveal(path: &str) -> bool {
    let Some((list, row, field)) = split(path) else {
        return false;
    };
    let handler = GRIDS.with(|g| {
        g.borrow()
            .iter()
            .find(|(_, p, _)| *p == list)
            .map(|(_, _, h)| h.clone())
    });
    handler.is_some_and(|h| h(row, field))
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
}
