//! What a `serde_json::Value` tree of a JSON text would cost in memory,
//! counted while skipping through the text (nothing is kept).
//!
//! The runtime keeps at most a small multiple of a submission's size
//! (`tests/memory.rs`); an application file is read into a tree (its values
//! are migrated as JSON), and a tree of many tiny values (`[0,0,0,…]`, two
//! bytes of text each) costs many times its text. [`within`] says whether a
//! text's tree stays under a multiple of its length, so that such a file is
//! refused before it is built.

use serde::Deserializer;
use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};

/// Bytes a value costs: the `Value` itself.
const NODE: usize = size_of::<serde_json::Value>();
/// Bytes an array element costs beyond its value: the spare capacity of
/// the array's buffer (at most as much again).
const SLACK: usize = size_of::<serde_json::Value>();
/// Bytes of one B-tree node of an object's map (11 keys and 11 values, and
/// the node's own fields): a small object costs far more than its text. A
/// node holds 11 members when full; one is counted for every 6, as members
/// inserted one by one leave nodes about half full.
const MAP_NODE: usize = 11 * (size_of::<String>() + size_of::<serde_json::Value>()) + 16;

/// Below this length a text is measured as if it were this long: a tree of
/// a few values is small whatever its ratio.
const FLOOR: usize = 4096;

/// Whether the tree of `text` (JSON) costs at most `ratio` × its length
/// (at least [`FLOOR`]). Text that is not JSON is `true`: the parser that
/// follows says why.
pub(crate) fn within(text: &str, ratio: usize) -> bool {
    let limit = ratio.saturating_mul(text.len().max(FLOOR));
    let mut cost = Cost { bytes: 0, limit };
    let mut de = serde_json::Deserializer::from_str(text);
    match (&mut cost).deserialize(&mut de) {
        Ok(()) => true,
        Err(e) => !e.to_string().starts_with(OVER),
    }
}

const OVER: &str = "tree over its limit";

struct Cost {
    bytes: usize,
    limit: usize,
}

impl Cost {
    fn add<E: Error>(&mut self, bytes: usize) -> Result<(), E> {
        self.bytes = self.bytes.saturating_add(bytes);
        if self.bytes > self.limit {
            return Err(E::custom(OVER));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for &mut Cost {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut Cost {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<(), E> {
        self.add(NODE)
    }
    fn visit_i64<E: Error>(self, _: i64) -> Result<(), E> {
        self.add(NODE)
    }
    fn visit_u64<E: Error>(self, _: u64) -> Result<(), E> {
        self.add(NODE)
    }
    fn visit_f64<E: Error>(self, _: f64) -> Result<(), E> {
        self.add(NODE)
    }
    fn visit_unit<E: Error>(self) -> Result<(), E> {
        self.add(NODE)
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<(), E> {
        self.add(NODE.saturating_add(s.len()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.add(NODE)?;
        while seq.next_element_seed(&mut *self)?.is_some() {
            self.add(SLACK)?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add(NODE)?;
        let mut members = 0_usize;
        while let Some(key) = map.next_key_seed(Key)? {
            let node = if members.is_multiple_of(6) {
                MAP_NODE
            } else {
                0
            };
            self.add(node.saturating_add(key))?;
            members = members.saturating_add(1);
            map.next_value_seed(&mut *self)?;
        }
        Ok(())
    }
}

/// A member's key: its length.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<usize, D::Error> {
        de.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<usize, E> {
        Ok(s.len())
    }
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn many_tiny_values_cost_more_than_a_few_long_ones() {
        let tiny = format!("[{}0]", "0,".repeat(10_000));
        assert!(!within(&tiny, 16));
        let small_objects = format!("[{}{{}}]", "{\"a\":0},".repeat(1_000));
        assert!(!within(&small_objects, 16));
        let long = format!("{{\"a\":\"{}\"}}", "x".repeat(20_000));
        assert!(within(&long, 2));
        // Not JSON: left to the parser.
        assert!(within("[0,", 1));
    }
}
