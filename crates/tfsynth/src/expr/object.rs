//! The attributes of an object constructor (`{ key = value }`).

use std::collections::HashMap;

use super::RawExpr;

/// The attributes of an object constructor, in insertion order; a later value for a key
/// replaces the earlier one in its place.
///
/// Objects in configurations are small (tags, attributes-as-blocks), so this is a vector, not a
/// hash map: one allocation per object, which keeps large stacks small.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectMap(Vec<(String, RawExpr)>);

impl ObjectMap {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// An object from entries whose keys are known to be distinct (a copy of another object).
    pub(crate) fn from_distinct(entries: Vec<(String, RawExpr)>) -> Self {
        Self(entries)
    }

    /// Sets `key`, replacing (in place) and returning an earlier value.
    pub fn insert(&mut self, key: String, value: RawExpr) -> Option<RawExpr> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => Some(std::mem::replace(&mut slot.1, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&RawExpr> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut RawExpr> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The number of attributes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The attributes, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&String, &RawExpr)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &RawExpr> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The values, in order, mutably.
    pub fn values_mut(&mut self) -> impl ExactSizeIterator<Item = &mut RawExpr> {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

impl FromIterator<(String, RawExpr)> for ObjectMap {
    fn from_iter<I: IntoIterator<Item = (String, RawExpr)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut entries: Vec<(String, RawExpr)> = Vec::with_capacity(iter.size_hint().0);
        // Positions by key, built only for objects large enough for a linear search to hurt.
        let mut index: Option<HashMap<String, usize>> = None;
        for (k, v) in iter {
            if entries.len() == 16 && index.is_none() {
                index = Some(
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, (k, _))| (k.clone(), i))
                        .collect(),
                );
            }
            let found = match &index {
                Some(ix) => ix.get(&k).copied(),
                None => entries.iter().position(|(e, _)| *e == k),
            };
            match found {
                Some(i) => entries[i].1 = v,
                None => {
                    if let Some(ix) = &mut index {
                        ix.insert(k.clone(), entries.len());
                    }
                    entries.push((k, v));
                }
            }
        }
        entries.shrink_to_fit();
        Self(entries)
    }
}

impl IntoIterator for ObjectMap {
    type Item = (String, RawExpr);
    type IntoIter = std::vec::IntoIter<(String, RawExpr)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ObjectMap {
    type Item = (&'a String, &'a RawExpr);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, RawExpr)>,
        fn(&'a (String, RawExpr)) -> (&'a String, &'a RawExpr),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_keys_replace_earlier_ones_in_place() {
        let small: ObjectMap = [("a", 1), ("b", 2), ("a", 3)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), RawExpr::from(v)))
            .collect();
        assert_eq!(small.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(small.get("a"), Some(&RawExpr::from(3)));

        // The same past the size where an index is built.
        let keys: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        let big: ObjectMap = keys
            .iter()
            .chain(keys.iter())
            .enumerate()
            .map(|(i, k)| (k.clone(), RawExpr::from(i)))
            .collect();
        assert_eq!(big.len(), 40);
        assert_eq!(big.keys().cloned().collect::<Vec<_>>(), keys);
        assert_eq!(big.get("k0"), Some(&RawExpr::from(40)));
    }

    #[test]
    fn insert_replaces_in_place() {
        let mut m = ObjectMap::new();
        assert_eq!(m.insert("x".into(), RawExpr::Null), None);
        m.insert("y".into(), RawExpr::Null);
        assert_eq!(m.insert("x".into(), true.into()), Some(RawExpr::Null));
        assert_eq!(m.keys().collect::<Vec<_>>(), ["x", "y"]);
    }
}
