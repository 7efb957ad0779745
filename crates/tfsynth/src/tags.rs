//! Tags added to every resource of a stack at once (what a module's `tags` input does).

use crate::error::Error;
use crate::expr::{RawExpr, Value, MAX_DEPTH};
use crate::types::Map;
use crate::Stack;

impl Stack {
    /// Merges `tags` under the `tags` argument of every resource declared so far that sets
    /// one: it becomes `merge(tags, <its own tags>)`, so a resource's own tags (a construct's
    /// `Name`, say) win on a clash. Returns how many resources changed.
    ///
    /// Resources that set no `tags` are left as they are (the stack does not know which
    /// resource types take tags), and so are data sources and ephemeral resources. Call it
    /// after declaring: resources declared later are not changed. The usual caller is a module
    /// with a `tags` variable; a root configuration has the provider's `default_tags`.
    ///
    /// `merge(...)` adds a level: tags nested [`MAX_DEPTH`] levels deep, or a resource's own
    /// tags that deep, are refused (a validation error), not merged.
    ///
    /// # Example
    /// ```
    /// use tfsynth::{prelude::*, RawResource};
    /// let mut stack = Stack::new();
    /// let tags = stack.variable("tags", Variable::<Map<String>>::new().default_value(Value::from([("Team", "net")])));
    /// stack.resource("vpc", RawResource::new("aws_vpc").attr("tags", Value::<Map<String>>::from([("Name", "main")])));
    /// stack.resource("eip", RawResource::new("aws_eip"));
    /// assert_eq!(stack.merge_tags(tags), 1);
    /// let json = stack.synth().unwrap();
    /// assert!(json.contains(r#""tags": "${merge(var.tags, { Name = \"main\" })}""#), "{json}");
    /// ```
    pub fn merge_tags(&mut self, tags: impl Into<Value<Map<String>>>) -> usize {
        let tags = tags.into().into_raw();
        if tags.deeper_than(MAX_DEPTH - 1) {
            self.errors.push(Error::TooDeep {
                used_in: "the tags value given to Stack::merge_tags".to_owned(),
                path: String::new(),
                limit: MAX_DEPTH,
            });
            return 0;
        }
        let mut changed = 0;
        for (ty, by_name) in &mut self.resources {
            for (name, item) in by_name {
                let body = &mut item.value.body;
                let Some(own) = body.get_attr("tags") else {
                    continue;
                };
                if own.deeper_than(MAX_DEPTH - 1) {
                    self.errors.push(Error::TooDeep {
                        used_in: format!("{ty}.{name} with the tags of Stack::merge_tags"),
                        path: item.path.clone(),
                        limit: MAX_DEPTH,
                    });
                    continue;
                }
                let merged = RawExpr::call("merge", vec![tags.clone(), own.clone()]);
                body.set("tags", merged);
                changed += 1;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;
    use crate::{RawData, RawResource};

    #[test]
    fn merges_under_resources_that_set_tags_only() {
        let mut stack = Stack::new();
        let tags = stack.variable("tags", Variable::<Map<String>>::new());
        let name = Value::<Map<String>>::from([("Name", "a")]);
        stack.resource("a", RawResource::new("aws_vpc").attr("tags", name.clone()));
        stack.resource("b", RawResource::new("aws_eip").attr("domain", "vpc"));
        stack.data("c", RawData::new("aws_vpc").attr("tags", name));
        assert_eq!(stack.merge_tags(tags), 1);
        let json: serde_json::Value =
            serde_json::from_str(&stack.synth().expect("valid")).expect("json");
        assert_eq!(
            json["resource"]["aws_vpc"]["a"]["tags"],
            "${merge(var.tags, { Name = \"a\" })}"
        );
        assert_eq!(json["resource"]["aws_eip"]["b"].get("tags"), None);
        assert_eq!(json["data"]["aws_vpc"]["c"]["tags"]["Name"], "a");
    }
}
