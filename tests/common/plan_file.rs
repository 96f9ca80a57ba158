//! Broken or changed copies of the plan file, for the tests that feed them to kehoach.

use kehoach::plan;
use serde_json::Value;

/// The built-in plan file after `f` changed it.
pub fn edited_plan(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(plan::EMBEDDED_PLAN).unwrap();
    f(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// The node with `id` in a raw plan file.
pub fn node_mut<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    fn walk<'a>(n: &'a mut Value, id: &str) -> Option<&'a mut Value> {
        if n["id"] == id {
            return Some(n);
        }
        n.get_mut("children")?
            .as_array_mut()?
            .iter_mut()
            .find_map(|c| walk(c, id))
    }
    v["nodes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find_map(|n| walk(n, id))
        .unwrap_or_else(|| panic!("{id}"))
}
