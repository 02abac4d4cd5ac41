//! JSON paths into the inputs (`rows[3].this_year`) and the DOM ids derived from them.
//!
//! Findings point at inputs by JSON path; every input element carries the id
//! `path_id(path)`, so a finding can be turned into the element to focus.

/// DOM id of the input at `path`: `rows[3].this_year` → `f-rows-3-this_year`.
pub fn path_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 2);
    id.push_str("f-");
    for ch in path.chars() {
        match ch {
            '[' | '.' => id.push('-'),
            ']' => {}
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => id.push(c),
            _ => id.push('_'),
        }
    }
    id
}

/// The section (tab) that holds the input at `path`, from its first segment.
pub fn tab_of(path: &str) -> Option<crate::state::Tab> {
    use crate::state::Tab;
    let head = path.split(['.', '[']).next().unwrap_or("");
    Some(match head {
        "unit" | "template" => Tab::Unit,
        "rows" => Tab::Rows,
        "economic_rows" => Tab::Economic,
        "sangong" => Tab::SanGong,
        "procurement" => Tab::Procurement,
        "overall_performance" => Tab::Overall,
        "projects" => Tab::Projects,
        // 公开说明 is a part of 说明文字.
        "narrative" | "disclosure" => Tab::Narrative,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Tab;

    #[test]
    fn ids_follow_paths() {
        assert_eq!(path_id("rows[3].this_year"), "f-rows-3-this_year");
        assert_eq!(
            path_id("sangong.this_year.reception"),
            "f-sangong-this_year-reception"
        );
        assert_eq!(
            path_id("projects[0].indicators[2].level1"),
            "f-projects-0-indicators-2-level1"
        );
    }

    #[test]
    fn tabs_follow_the_first_segment() {
        assert_eq!(tab_of("rows[3].this_year"), Some(Tab::Rows));
        assert_eq!(tab_of("economic_rows[0].code"), Some(Tab::Economic));
        assert_eq!(tab_of("projects[0].start_date"), Some(Tab::Projects));
        assert_eq!(tab_of("explanations"), None);
    }
}
