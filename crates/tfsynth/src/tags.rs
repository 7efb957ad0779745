//! Tags added to every resource of a stack at once (what a module's `tags` input does).

use crate::expr::{RawExpr, Value};
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
        let mut changed = 0;
        for item in self
            .resources
            .values_mut()
            .flat_map(|by_name| by_name.values_mut())
        {
            let body = &mut item.value.body;
            let Some(own) = body.get_attr("tags") else {
                continue;
            };
            let merged = RawExpr::call("merge", vec![tags.clone(), own.clone()]);
            body.set("tags", merged);
            changed += 1;
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
